/**
 * One cell of the partition table typed in: the name, offset or size cell goes through the
 * partition form's own schema (the same units, the same messages), as if typed in the form.
 * Typing an offset fixes it (no longer automatic); typing a size ends "rest of area".
 */
import { formatHex, type LayoutDocument, type PlacedPartition, type Placement } from '../../src/index';
import { esp32Catalog } from './esp32-names';
import { partitionFormSchema, partitionFormValues, type PartitionChanges, type PartitionFormContext, type PartitionFormValues } from './partition-form';

export const EDITABLE_COLUMNS = ['name', 'offset', 'size'] as const;
export type EditableColumn = (typeof EDITABLE_COLUMNS)[number];

export type CellResult = { ok: true; changes: PartitionChanges } | { ok: false; error: string };

/** What the partition form would be given for this partition of the recorded document. */
export function cellContext(document: LayoutDocument, placement: Placement, id: string): PartitionFormContext | undefined {
  const partition = document.partitions.find((p) => p.id === id);
  if (!partition) return undefined;
  return {
    partition,
    placed: placement.byId.get(id),
    table: document.areas.find((a) => a.id === partition.area)?.table,
    catalog: esp32Catalog(document.device.esp32?.extraSubtypes),
  };
}

/** What the cell's input starts with: the form's text for that field. */
export function cellText(column: EditableColumn, context: PartitionFormContext): string {
  return partitionFormValues(context)[column];
}

/** The switch a typed value turns off: a typed offset is no longer automatic, a typed size no longer "rest". */
const SWITCH_OFF: Record<EditableColumn, Partial<PartitionFormValues>> = {
  name: {},
  offset: { offsetAuto: false },
  size: { sizeRest: false },
};

/**
 * An offset at or past the end of its space puts the partition nowhere on the device; the table
 * refuses it at the cell (the form lets it through to the overflow zone, where its fixes are).
 */
function offsetBeyondSpace(offset: number, placed: PlacedPartition | undefined, placement: Placement): string | undefined {
  const space = placement.spaces.find((s) => s.id === placed?.space);
  if (!space || offset < space.size) return undefined;
  return `must be below ${formatHex(space.size)}, the end of ${space.name}`;
}

/** The partition's changed fields for `text` typed in `column`, or the form's message for it. */
export function cellChanges(column: EditableColumn, text: string, context: PartitionFormContext, placement: Placement): CellResult {
  const values: PartitionFormValues = { ...partitionFormValues(context), ...SWITCH_OFF[column], [column]: text };
  const result = partitionFormSchema(context).safeParse(values);
  if (!result.success) {
    const issues = result.error.issues;
    const own = issues.find((issue) => issue.path[0] === column);
    // Another field of an imported oddity refused: say which, so the cell does not look at fault.
    return { ok: false, error: own ? own.message : `${String(issues[0].path[0])}: ${issues[0].message}` };
  }
  const { offset } = result.data;
  const beyond = column === 'offset' && typeof offset === 'number' ? offsetBeyondSpace(offset, context.placed, placement) : undefined;
  return beyond ? { ok: false, error: beyond } : { ok: true, changes: result.data };
}
