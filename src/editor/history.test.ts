import { describe, expect, it } from 'vitest';
import { commit, createHistory, HISTORY_LIMIT, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes committed states in order', () => {
    let history = createHistory('a');
    history = commit(history, 'b');
    history = commit(history, 'c');
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(undo(history)).toBe(history);
    history = redo(redo(history));
    expect(history.present).toBe('c');
    expect(redo(history)).toBe(history);
  });

  it('drops the redo branch when a new state is committed after an undo', () => {
    const history = commit(undo(commit(createHistory(1), 2)), 3);
    expect(history.present).toBe(3);
    expect(history.future).toEqual([]);
    expect(history.past).toEqual([1]);
  });

  it('keeps at least 200 steps and at most the limit', () => {
    let history = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) history = commit(history, i);
    expect(history.past.length).toBe(HISTORY_LIMIT);
    expect(HISTORY_LIMIT).toBeGreaterThanOrEqual(200);
    for (let i = 0; i < 200; i++) history = undo(history);
    expect(history.present).toBe(HISTORY_LIMIT + 50 - 200);
  });

  it('ignores a commit of the same state', () => {
    const history = createHistory({ x: 1 });
    expect(commit(history, history.present)).toBe(history);
  });

  it('drops the oldest steps beyond the weight budget, always keeping one undo step', () => {
    const weight = { of: (n: number) => n, max: 100 };
    let history = createHistory(10);
    for (const state of [20, 30, 40, 50]) history = commit(history, state, { steps: 500, weight });
    // present 50 + 40 = 90; adding 30 would pass 100.
    expect(history.past).toEqual([40]);
    history = commit(history, 200, { steps: 500, weight });
    expect(history.past).toEqual([50]);
  });
});
