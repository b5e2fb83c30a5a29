/**
 * The user never loses work. Every change (a committed edit, and a field being typed) is written
 * to localStorage at most half a second later, and at once when the page is hidden or closed;
 * the undo history is written beside it, trimmed to a byte budget, so Undo works after a reload
 * (also back past a share link, a preset or New that replaced the layout). A stored value that
 * cannot be read is never overwritten: it is kept aside, and the user can download it.
 */
import { parseDocument, type LayoutDocument } from '../../src/index';
import type { History } from '../../src/editor/history';
import { shownDocument, type LayoutState, type LayoutStore } from './layout-store';

export const AUTOSAVE_KEY = 'flashmap.autosave.v1';
export const HISTORY_KEY = 'flashmap.history.v1';
export const ASIDE_KEY = 'flashmap.unreadable.v1';

/** Characters of undo history kept in storage (localStorage holds about 5 MB per site). */
export const HISTORY_BUDGET = 1_500_000;
export const SAVE_DELAY_MS = 500;

export interface Restored {
  document: LayoutDocument | null;
  history?: Pick<History<LayoutDocument>, 'past' | 'future'>;
  /** The stored text when it could not be read as a layout. */
  unreadable?: string;
}

function readDocument(value: unknown): LayoutDocument | null {
  const result = parseDocument(value);
  return result.ok ? result.document : null;
}

export function restoreAutosave(storage: Storage = localStorage): Restored {
  const text = storage.getItem(AUTOSAVE_KEY);
  if (text === null) return { document: null };
  let document: LayoutDocument | null;
  try {
    document = readDocument(JSON.parse(text));
  } catch {
    document = null;
  }
  if (!document) return { document: null, unreadable: text };
  return { document, history: restoreHistory(storage) };
}

/** The stored undo history; an entry that does not read (or the whole, when broken) is left out. */
function restoreHistory(storage: Storage): Restored['history'] {
  try {
    const stored = JSON.parse(storage.getItem(HISTORY_KEY) ?? 'null') as { past?: unknown[]; future?: unknown[] } | null;
    if (!stored) return undefined;
    const documents = (list: unknown[] | undefined) => (Array.isArray(list) ? list.map(readDocument).filter((d): d is LayoutDocument => d !== null) : []);
    return { past: documents(stored.past), future: documents(stored.future) };
  } catch {
    return undefined;
  }
}

export interface AsideEntry {
  savedAt: string;
  text: string;
}

export function asideEntries(storage: Storage = localStorage): AsideEntry[] {
  try {
    const entries = JSON.parse(storage.getItem(ASIDE_KEY) ?? '[]') as unknown;
    return Array.isArray(entries) ? entries.filter((e): e is AsideEntry => typeof e?.text === 'string' && typeof e?.savedAt === 'string') : [];
  } catch {
    return [];
  }
}

/** Keeps an unreadable stored value under its own key (once); false when storage refuses it. */
export function keepAside(text: string, storage: Storage = localStorage, now = new Date()): boolean {
  const entries = asideEntries(storage);
  if (entries.some((entry) => entry.text === text)) return true;
  try {
    storage.setItem(ASIDE_KEY, JSON.stringify([...entries, { savedAt: now.toISOString(), text }]));
    return true;
  } catch {
    return false;
  }
}

const serialized = new WeakMap<LayoutDocument, string>();

function json(document: LayoutDocument): string {
  let text = serialized.get(document);
  if (text === undefined) {
    text = JSON.stringify(document);
    serialized.set(document, text);
  }
  return text;
}

/** The newest steps of a list that fit `budget` characters (nearest to the present first). */
function newestThatFit(documents: LayoutDocument[], budget: number, nearestFirst: boolean): { texts: string[]; used: number } {
  const order = nearestFirst ? documents : [...documents].reverse();
  const texts: string[] = [];
  let used = 0;
  for (const document of order) {
    const text = json(document);
    if (used + text.length > budget) break;
    texts.push(text);
    used += text.length;
  }
  return { texts: nearestFirst ? texts : texts.reverse(), used };
}

/** The stored form of a history, with or without its present as the newest past step; made once per history. */
const historyTexts = new WeakMap<LayoutState['history'], { withPresent?: string; without?: string }>();

function historyText(history: LayoutState['history'], withPresent: boolean): string {
  let texts = historyTexts.get(history);
  if (!texts) historyTexts.set(history, (texts = {}));
  const key = withPresent ? 'withPresent' : 'without';
  let text = texts[key];
  if (text === undefined) {
    const past = newestThatFit(withPresent ? [...history.past, history.present] : history.past, HISTORY_BUDGET, false);
    const future = newestThatFit(history.future, HISTORY_BUDGET - past.used, true);
    texts[key] = text = `{"past":[${past.texts.join(',')}],"future":[${future.texts.join(',')}]}`;
  }
  return text;
}

/**
 * Writes the document on screen (a draft only when it is a valid document) and the undo history
 * trimmed to HISTORY_BUDGET; throws what storage throws (quota exceeded, storage disabled).
 */
export function writeSnapshot(state: LayoutState, storage: Storage): void {
  const shown = shownDocument(state);
  const document = shown === state.history.present || readDocument(shown) ? shown : state.history.present;
  storage.setItem(AUTOSAVE_KEY, json(document));
  // Saving a draft makes it the present after a reload; the present it replaces becomes a step.
  storage.setItem(HISTORY_KEY, historyText(state.history, document !== state.history.present));
}

export type SaveFailure = 'full' | 'unavailable';

export interface Autosave {
  /** Writes now whatever is pending. */
  flush(): void;
  stop(): void;
}

/**
 * Saves the document on screen (the draft while typing, else the present) and the undo history.
 * `onFailure` hears when storage refuses (full or disabled), once per kind until a save works.
 */
export function startAutosave(store: LayoutStore, options: { storage?: Storage; onFailure?(failure: SaveFailure): void; onSaved?(): void } = {}): Autosave {
  const storage = options.storage ?? localStorage;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFailure: SaveFailure | undefined;

  const save = () => {
    timer = undefined;
    try {
      writeSnapshot(store.getState(), storage);
      lastFailure = undefined;
      options.onSaved?.();
    } catch (error) {
      const failure: SaveFailure = error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22) ? 'full' : 'unavailable';
      if (failure !== lastFailure) options.onFailure?.(failure);
      lastFailure = failure;
    }
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(save, SAVE_DELAY_MS);
  };
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    save();
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };

  save();
  // A pointer drag's preview is not saved: the drop is (as one edit), and a drag cut off by a
  // reload is no work lost.
  const unsubscribe = store.subscribe((state, previous) => {
    if (!state.dragging && (state.history !== previous.history || state.draft !== previous.draft)) schedule();
  });
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  return {
    flush,
    stop() {
      flush();
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
    },
  };
}
