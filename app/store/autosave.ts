/**
 * The user never loses work: every committed change is written to localStorage, and the page
 * starts from it after a reload or a crash.
 */
import { parseDocument, type LayoutDocument } from '../../src/index';
import type { LayoutStore } from './layout-store';

export const AUTOSAVE_KEY = 'flashmap.autosave.v1';

export function restoreAutosave(storage: Storage = localStorage): LayoutDocument | null {
  try {
    const text = storage.getItem(AUTOSAVE_KEY);
    if (!text) return null;
    const result = parseDocument(JSON.parse(text));
    return result.ok ? result.document : null;
  } catch {
    return null;
  }
}

export function startAutosave(store: LayoutStore, storage: Storage = localStorage): () => void {
  const save = (document: LayoutDocument) => {
    try {
      storage.setItem(AUTOSAVE_KEY, JSON.stringify(document));
    } catch {
      // Storage full or disabled: the page keeps working; nothing else to do here.
    }
  };
  save(store.getState().history.present);
  return store.subscribe((state, previous) => {
    if (state.history.present !== previous.history.present) save(state.history.present);
  });
}
