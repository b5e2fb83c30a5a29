/** The form for the selected partition (placeholder until the form lands). */
import { useLayoutStore, useValidation } from '../store/context';

export function PartitionForm() {
  const selection = useLayoutStore((s) => s.selection);
  const { placement } = useValidation();
  const placed = selection ? placement.byId.get(selection) : undefined;
  return (
    <section className="panel" aria-label="Partition">
      <h2>Partition</h2>
      {placed ? <p>{placed.partition.name}</p> : <p className="muted">Select a partition on the map or in the table.</p>}
    </section>
  );
}
