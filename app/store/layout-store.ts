/**
 * The one store of the page: the document with its undo history, a transient draft while a
 * drag is in progress, and the selection. Everything else (placement, problems) is derived.
 */
import { create } from 'zustand';
import { applyFix, normalizeDocument, type Fix, type FreeSegment, type LayoutDocument } from '../../src/index';
import { commit, createHistory, redo, undo, type History } from '../../src/editor/history';

export interface LayoutState {
  history: History<LayoutDocument>;
  /** A document being dragged or typed, shown but not yet recorded in the history. */
  draft: LayoutDocument | null;
  selection: string | null;
  /** A free segment picked on the map (exclusive with `selection`). */
  freeSelection: FreeSegment | null;
  /** Replaces the document (a preset, an opened file) as one undoable step. */
  replace(document: LayoutDocument): void;
  /** Records an edit as one undoable step. */
  edit(document: LayoutDocument): void;
  preview(document: LayoutDocument): void;
  cancelPreview(): void;
  applyFix(fix: Fix): void;
  undo(): void;
  redo(): void;
  select(id: string | null): void;
  selectFree(segment: FreeSegment | null): void;
}

export function createLayoutStore(initial: LayoutDocument) {
  return create<LayoutState>()((set, get) => ({
    history: createHistory(normalizeDocument(initial)),
    draft: null,
    selection: null,
    freeSelection: null,
    replace: (document) => set({ history: commit(get().history, normalizeDocument(document)), draft: null, selection: null, freeSelection: null }),
    edit: (document) => set({ history: commit(get().history, normalizeDocument(document)), draft: null }),
    preview: (document) => set({ draft: document }),
    cancelPreview: () => set({ draft: null }),
    applyFix: (fix) => get().edit(applyFix(get().history.present, fix)),
    undo: () => set({ history: undo(get().history), draft: null }),
    redo: () => set({ history: redo(get().history), draft: null }),
    select: (selection) => set({ selection, freeSelection: null }),
    selectFree: (freeSelection) => set({ freeSelection, selection: null }),
  }));
}

export type LayoutStore = ReturnType<typeof createLayoutStore>;

/** The document on screen: the draft while dragging, else the present. */
export function shownDocument(state: LayoutState): LayoutDocument {
  return state.draft ?? state.history.present;
}
