/**
 * The name, offset and size cells of the partition table, editable where they stand. The row is
 * the one Tab stop; arrow keys move between cells (each focusable by script only, as in a grid),
 * Enter, F2 or a double-click opens an input in the cell. Enter records the value as one undo
 * step, Escape puts the cell back, Tab records and opens the next editable cell. A refused value
 * is said beside the cell, in the form's words, and changes nothing.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { updatePartition } from '../../src/index';
import { cellChanges, cellContext, cellText, EDITABLE_COLUMNS, type EditableColumn } from '../form/cell-edit';
import { sameDocument } from '../form/equal';
import { announce } from '../map/announce';
import { useLayoutStoreApi, validationOf } from '../store/context';

/** The cell being typed in. */
export interface EditedCell {
  id: string;
  column: EditableColumn;
}

const COLUMN_LABELS: Record<EditableColumn, string> = { name: 'Name', offset: 'Offset', size: 'Size' };

/** Where focus goes once a cell is settled: back to it, to the next or previous editable cell, or nowhere (a click elsewhere). */
type Then = 'stay' | 'next' | 'previous' | 'away';

const EDITABLE = '[data-editable]';

function cellOf(element: HTMLElement | null): EditedCell | undefined {
  const id = element?.closest('tr')?.dataset.rowId;
  const column = element?.dataset.editable as EditableColumn | undefined;
  return id && column && EDITABLE_COLUMNS.includes(column) ? { id, column } : undefined;
}

/** The editable cell `step` places away from `cell` in reading order (rows, then columns). */
function stepFrom(cell: HTMLElement, step: 1 | -1): HTMLElement | undefined {
  const all = [...(cell.closest('tbody')?.querySelectorAll<HTMLElement>(EDITABLE) ?? [])];
  return all[all.indexOf(cell) + step];
}

/** The cell of `column` in the row above or below. */
function verticalFrom(cell: HTMLElement, up: boolean): HTMLElement | undefined {
  const row = cell.closest('tr');
  const next = (up ? row?.previousElementSibling : row?.nextElementSibling) as HTMLElement | null | undefined;
  return next?.querySelector<HTMLElement>(`[data-editable="${cell.dataset.editable}"]`) ?? undefined;
}

/** Arrow keys on a row step into its first editable cell (the row handles the rest). */
export function focusFirstCell(row: HTMLElement): void {
  row.querySelector<HTMLElement>(EDITABLE)?.focus();
}

function CellEditor({ cell, name, finish }: { cell: EditedCell; name: string; finish: (then: Then) => void }) {
  const store = useLayoutStoreApi();
  const [text, setText] = useState(() => {
    const present = store.getState().history.present;
    const context = cellContext(present, validationOf(present).placement, cell.id);
    return context ? cellText(cell.column, context) : '';
  });
  const [error, setError] = useState<string>();
  const settled = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();
  const message = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  // A row near the bottom of the window would hide the message under the fold.
  useEffect(() => {
    if (error) message.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  /** Records the typed value; false (and the reason beside the cell) when it is refused. */
  function commit(): boolean {
    const present = store.getState().history.present;
    const placement = validationOf(present).placement;
    const context = cellContext(present, placement, cell.id);
    if (!context) return true;
    const result = cellChanges(cell.column, text, context, placement);
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    const next = updatePartition(present, cell.id, result.changes);
    if (!sameDocument(next, present) && store.getState().edit(next)) announce(`${COLUMN_LABELS[cell.column]} of ${name} set to ${text.trim()}`);
    return true;
  }

  function settle(then: Then, record: boolean) {
    if (settled.current) return;
    if (record && !commit()) {
      // A click elsewhere leaves nothing changed; keys keep the cell open on its message.
      if (then !== 'away') return;
    }
    settled.current = true;
    finish(then);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') settle('stay', true);
    else if (event.key === 'Escape') settle('stay', false);
    else if (event.key === 'Tab') settle(event.shiftKey ? 'previous' : 'next', true);
    else return;
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <>
      <input
        ref={input}
        type="text"
        className={`cell-input${cell.column === 'name' ? '' : ' num'}`}
        autoComplete="off"
        spellCheck={false}
        aria-label={`${COLUMN_LABELS[cell.column]} of ${name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setError(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => settle('away', true)}
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => event.stopPropagation()}
      />
      {error && (
        <span ref={message} id={errorId} className="field-error cell-error">
          {error}
        </span>
      )}
    </>
  );
}

export function EditableCell({
  header = false,
  column,
  name,
  id,
  editing,
  setEditing,
  className,
  children,
}: {
  /** The row's header cell (the name). */
  header?: boolean;
  column: EditableColumn;
  /** The partition's name, for the input's label. */
  name: string;
  id: string;
  editing: boolean;
  setEditing: (cell: EditedCell | null) => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLTableCellElement>(null);
  const Cell = header ? 'th' : 'td';

  function finish(then: Then) {
    const here = ref.current;
    const next = here && (then === 'next' || then === 'previous') ? stepFrom(here, then === 'next' ? 1 : -1) : undefined;
    // Focus moves before the input goes, so it never falls to the page.
    if (then !== 'away') (next ?? here)?.focus();
    setEditing(next ? (cellOf(next) ?? null) : null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableCellElement>) {
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const cell = event.currentTarget;
    let target: HTMLElement | null | undefined;
    if (event.key === 'Enter' || event.key === 'F2') {
      setEditing({ id, column });
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const step = stepFrom(cell, event.key === 'ArrowRight' ? 1 : -1);
      // Leftwards past the first cell is the row itself.
      target = step?.closest('tr') === cell.closest('tr') ? step : event.key === 'ArrowLeft' ? cell.closest('tr') : undefined;
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      target = verticalFrom(cell, event.key === 'ArrowUp');
    } else if (event.key === 'Escape') {
      target = cell.closest('tr');
    } else {
      return;
    }
    event.preventDefault();
    target?.focus();
  }

  return (
    <Cell
      ref={ref}
      scope={header ? 'row' : undefined}
      tabIndex={-1}
      className={className}
      data-column={column}
      data-editable={column}
      title={editing ? undefined : 'Enter, F2 or double-click to edit'}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setEditing({ id, column })}
    >
      {editing ? <CellEditor cell={{ id, column }} name={name} finish={finish} /> : children}
    </Cell>
  );
}
