/** Small builders that keep the preset files as readable as the tables they come from. */
import type { Area, Device, LayoutDocument, Partition } from '../model/document';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from '../model/document';
import { idFromName } from '../model/ids';

export type PartitionSpec = Omit<Partition, 'id' | 'area' | 'offset'> & { offset?: Partition['offset']; id?: string };


export function partitionsIn(area: string, specs: PartitionSpec[]): Partition[] {
  return specs.map(({ id, offset, ...rest }) => ({ id: id ?? idFromName(rest.name), area, offset: offset ?? 'auto', ...rest }));
}

export function layout(name: string, device: Device, areas: Area[], partitions: Partition[]): LayoutDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name, device, areas, partitions };
}
