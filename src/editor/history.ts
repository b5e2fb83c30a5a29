/**
 * Undo/redo history of documents. Pure and immutable: every operation returns a new history.
 * Transient states (a drag in progress) are not recorded; only committed edits are.
 */
export const HISTORY_LIMIT = 500;

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
}

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/** What the history may hold: a number of steps, and a total weight (an estimate of bytes). */
export interface HistoryBudget<T> {
  steps: number;
  weight?: { of(state: T): number; max: number };
}

/**
 * Records `next` as the new present; the oldest steps fall off beyond the budget's steps, and
 * beyond its weight (so a history of huge layouts stays within memory; one undo step is always kept).
 */
export function commit<T>(history: History<T>, next: T, budget: HistoryBudget<T> = { steps: HISTORY_LIMIT }): History<T> {
  if (Object.is(next, history.present)) return history;
  let past = [...history.past, history.present];
  if (past.length > budget.steps) past = past.slice(past.length - budget.steps);
  if (budget.weight) {
    const { of, max } = budget.weight;
    let total = of(next);
    let keep = 0;
    while (keep < past.length && (keep === 0 || total + of(past[past.length - 1 - keep]) <= max)) total += of(past[past.length - 1 - keep++]);
    if (keep < past.length) past = past.slice(past.length - keep);
  }
  return { past, present: next, future: [] };
}

export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  const present = history.past[history.past.length - 1];
  return { past: history.past.slice(0, -1), present, future: [history.present, ...history.future] };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [present, ...future] = history.future;
  return { past: [...history.past, history.present], present, future };
}
