/**
 * The one store of the page: the document with its undo history, a transient draft while a
 * drag is in progress, and the selection. Everything else (placement, problems) is derived.
 * Every document the store accepts passes the document schema, so autosave can always restore it.
 */
import { create } from 'zustand';
import { applyFix, normalizeDocument, parseDocument, type Fix, type FreeSegment, type LayoutDocument } from '../../src/index';
import { commit, createHistory, HISTORY_LIMIT, redo, undo, type History, type HistoryBudget } from '../../src/editor/history';
import { report } from '../status/status';

export interface LayoutState {
  history: History<LayoutDocument>;
  /** A document being dragged or typed, shown but not yet recorded in the history. */
  draft: LayoutDocument | null;
  /** True while the draft follows a pointer drag on the map: the views beside it wait for the drop. */
  dragging: boolean;
  selection: string | null;
  /** A free segment picked on the map (exclusive with `selection`). */
  freeSelection: FreeSegment | null;
  /** Replaces the document (a preset, an opened file) as one undoable step; false when refused. */
  replace(document: LayoutDocument): boolean;
  /** Records an edit as one undoable step; false when refused. */
  edit(document: LayoutDocument): boolean;
  /** Shows a draft; `dragging` when it follows the pointer on the map. */
  preview(document: LayoutDocument, dragging?: boolean): void;
  cancelPreview(): void;
  applyFix(fix: Fix): void;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
  selectFree(segment: FreeSegment | null): void;
}

/** A rough size of a document in memory, so that the history of huge layouts stays bounded. */
export function documentWeight(document: LayoutDocument): number {
  return 1024 + 320 * document.partitions.length;
}

const BUDGET: HistoryBudget<LayoutDocument> = { steps: HISTORY_LIMIT, weight: { of: documentWeight, max: 64 * 1024 * 1024 } };

/** The document as the store keeps it, or why it cannot be kept (told to the user). */
function accepted(document: LayoutDocument): LayoutDocument | null {
  const normalized = normalizeDocument(document);
  const result = parseDocument(normalized);
  if (result.ok) return normalized;
  const [first] = result.errors;
  report(`That change was not applied: ${first.path}: ${first.message}`, 'error');
  return null;
}

export function createLayoutStore(initial: LayoutDocument, restored?: Pick<History<LayoutDocument>, 'past' | 'future'>) {
  const history = restored ? { ...restored, present: normalizeDocument(initial) } : createHistory(normalizeDocument(initial));
  return create<LayoutState>()((set, get) => {
    const record = (document: LayoutDocument, reset: Partial<LayoutState>) => {
      const next = accepted(document);
      if (!next) return false;
      set({ history: commit(get().history, next, BUDGET), draft: null, dragging: false, ...reset });
      return true;
    };
    return {
      history,
      draft: null,
      dragging: false,
      selection: null,
      freeSelection: null,
      replace: (document) => record(document, { selection: null, freeSelection: null }),
      edit: (document) => record(document, {}),
      preview: (document, dragging = false) => set({ draft: document, dragging }),
      cancelPreview: () => set({ draft: null, dragging: false }),
      applyFix: (fix) => void get().edit(applyFix(get().history.present, fix)),
      undo: () => set({ history: undo(get().history), draft: null, dragging: false }),
      redo: () => set({ history: redo(get().history), draft: null, dragging: false }),
      select: (selection) => set({ selection, freeSelection: null }),
      selectFree: (freeSelection) => set({ freeSelection, selection: null }),
    };
  });
}

export type LayoutStore = ReturnType<typeof createLayoutStore>;

/** The document on screen: the draft while dragging or typing, else the present. */
export function shownDocument(state: LayoutState): LayoutDocument {
  return state.draft ?? state.history.present;
}

/**
 * The document the views beside the map show: the draft being typed, but not a pointer drag's
 * (the map and its hint line follow that; the table and the lists catch up on the drop).
 */
export function besideMapDocument(state: LayoutState): LayoutDocument {
  return state.dragging ? state.history.present : shownDocument(state);
}
