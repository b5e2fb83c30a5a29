/**
 * The layout as the rows of an ESP-IDF table: every partition that is not `raw`, in document
 * order, with its type, subtype and placed extent. Shared by the ESP32 rules.
 */
import { buildCatalog, entryTypeOf, type Catalog } from '../../../codecs/esp32/types';
import type { Esp32Options, Partition } from '../../../model/document';
import type { PlacedPartition } from '../../../layout/placement';
import type { RuleContext } from '../../../layout/family';
import { overlapsOf } from '../../../layout/overlaps';
import { ESP32_TABLE_SECTOR, esp32Options } from '../../../model/esp32';

export interface TableRow {
  placed: PlacedPartition;
  partition: Partition;
  type: number;
  subtype: number;
  readonly: boolean;
}

export interface TableView {
  rows: TableRow[];
  options: Esp32Options;
  /** First address after the table sector. */
  firstFree: number;
  catalog: Catalog;
}

const views = new WeakMap<RuleContext['placement'], TableView>();

/** Built once per placement and shared by every ESP32 rule of that validation. */
export function tableView(context: RuleContext): TableView {
  let view = views.get(context.placement);
  if (!view) {
    view = buildTableView(context);
    views.set(context.placement, view);
  }
  return view;
}

function buildTableView({ document, placement }: RuleContext): TableView {
  const options = esp32Options(document);
  const rows = placement.partitions
    .filter((placed) => !placed.partition.raw)
    .map((placed) => ({
      placed,
      partition: placed.partition,
      ...entryTypeOf(placed.partition),
      readonly: placed.partition.flags?.includes('readonly') ?? false,
    }));
  return { rows, options, firstFree: options.tableOffset + ESP32_TABLE_SECTOR, catalog: buildCatalog(options.extraSubtypes) };
}

/**
 * Whether a generic rule already reports this partition's position: it overlaps another partition
 * or a reserved region, or lies outside its area or the device. ESP32 rules about positions stay
 * quiet then, so each problem is reported once.
 */
export function positionReportedElsewhere(placed: PlacedPartition, context: RuleContext): boolean {
  const { placement } = context;
  if (overlapsOf(placement).involved.has(placed.partition.id)) return true;
  const area = placement.areas.find((a) => a.area.id === placed.areaId);
  const space = placement.spaces.find((s) => s.id === placed.space);
  return !area || !space || placed.start < area.start || placed.spanEnd > area.end || placed.spanEnd > space.size;
}
