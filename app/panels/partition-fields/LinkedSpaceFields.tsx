/**
 * GParted's linked fields: free space before, (size, in the form above) and free space after.
 * Typing the space before moves the partition (its offset becomes fixed); typing the space after
 * resizes it so it ends that far before its neighbour. Each is one undoable step.
 */
import { useState } from 'react';
import { formatHex, parseBytes, type LayoutDocument, type Partition, type Placement } from '../../../src/index';
import { updatePartition } from '../../../src/model/edit';
import { ByteInput } from '../../form/ByteInput';
import { useLayoutStore } from '../../store/context';

interface Gaps {
  before: number;
  after: number;
  /** Where the space before starts: the end of the partition before, or the area's start. */
  from: number;
  /** Where the space after ends: the start of the partition after, or the area's end. */
  to: number;
}

function gapsOf(partition: Partition, placement: Placement): Gaps | undefined {
  const placed = placement.byId.get(partition.id);
  const area = placement.areas.find((a) => a.area.id === partition.area);
  if (!placed || !area) return undefined;
  let from = area.start;
  let to = area.end;
  for (const other of placement.partitions) {
    if (other === placed || other.areaId !== placed.areaId) continue;
    if (other.spanEnd <= placed.start) from = Math.max(from, other.spanEnd);
    if (other.start >= placed.spanEnd) to = Math.min(to, other.start);
  }
  return { before: Math.max(0, placed.start - from), after: Math.max(0, to - placed.spanEnd), from, to };
}

function GapInput({ label, value, commit }: { label: string; value: number; commit: (bytes: number) => string | undefined }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const shown = text ?? formatHex(value);
  function settle() {
    if (text === null) return;
    const parsed = parseBytes(text);
    const problem = parsed.ok ? commit(parsed.value) : parsed.error;
    setError(problem);
    if (!problem) setText(null);
  }
  return (
    <ByteInput
      label={label}
      text={shown}
      error={error}
      value={shown}
      onChange={(event) => setText(event.target.value)}
      onBlur={settle}
      onKeyDown={(event) => {
        if (event.key === 'Enter') settle();
        if (event.key === 'Escape') {
          setText(null);
          setError(undefined);
        }
      }}
    />
  );
}

export function LinkedSpaceFields({ partition, document, placement }: { partition: Partition; document: LayoutDocument; placement: Placement }) {
  const edit = useLayoutStore((s) => s.edit);
  const gaps = gapsOf(partition, placement);
  const placed = placement.byId.get(partition.id);
  if (!gaps || !placed) return null;
  const span = placed.spanEnd - placed.start;
  return (
    <div className="field-pair linked-space" key={`${placed.start}-${placed.spanEnd}`}>
      <GapInput
        label="Free space before"
        value={gaps.before}
        commit={(bytes) => {
          if (gaps.from + bytes + span > gaps.to) return `at most ${formatHex(gaps.to - span - gaps.from)} without reaching the next partition`;
          edit(updatePartition(document, partition.id, { offset: gaps.from + bytes }));
          return undefined;
        }}
      />
      <GapInput
        label="Free space after"
        value={gaps.after}
        commit={(bytes) => {
          if (typeof partition.size !== 'number' || partition.copies) return 'set by the size of the area or the copies';
          const size = gaps.to - bytes - placed.start;
          if (size <= 0) return `at most ${formatHex(gaps.to - placed.start - 1)}`;
          edit(updatePartition(document, partition.id, { size }));
          return undefined;
        }}
      />
    </div>
  );
}
