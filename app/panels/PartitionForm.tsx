/**
 * The inspector's "Partition" region: the form of the selected partition, the selected free
 * space with a way to add a partition there, or a hint when nothing is selected.
 */
import { useLayoutStore, useLayoutStoreBesideMap, validationOf } from '../store/context';
import { FreeSpacePanel } from './FreeSpacePanel';
import { PartitionEditor } from './PartitionEditor';
import { VolumeEditor } from './VolumeEditor';
import { findVolume } from '../../src/editor/volumes';

export function PartitionForm() {
  // A new selection's form is drawn after the map shows the selection (and a drag that began
  // with the press has its first frames).
  const selection = useLayoutStoreBesideMap((s) => s.selection);
  const freeSelection = useLayoutStoreBesideMap((s) => s.freeSelection);
  // The form edits the recorded document; previews (its own, or a drag) do not reset it.
  const present = useLayoutStore((s) => s.history.present);
  // The placement the map and the table use for this document (placed once, not again here).
  const placement = validationOf(present).placement;
  const partition = selection ? present.partitions.find((p) => p.id === selection) : undefined;
  // Volumes share the id space with partitions: a selected id that is no partition may be a volume.
  const volume = selection && !partition ? findVolume(present, selection) : undefined;
  return (
    <section className="panel partition-form" aria-label="Partition">
      <h2>Partition</h2>
      {partition ? (
        <PartitionEditor key={partition.id} partition={partition} document={present} placement={placement} />
      ) : volume ? (
        <VolumeEditor key={volume.volume.id} volume={volume.volume} partitionId={volume.partitionId} document={present} placement={placement} />
      ) : freeSelection ? (
        <FreeSpacePanel segment={freeSelection} document={present} placement={placement} />
      ) : (
        <p className="muted">Select a partition or free space on the map or in the table.</p>
      )}
    </section>
  );
}
