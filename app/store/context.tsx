import { createContext, useContext, useDeferredValue } from 'react';
import { create, useStore } from 'zustand';
import { type Validation } from '../../src/rules/validate';
import { familyOf, type LayoutDocument, type Placement, type Problem } from '../../src/index';
import { place } from '../../src/layout/place';
import { engine } from '../engine';
import { besideMapDocument, shownDocument, type LayoutState, type LayoutStore } from './layout-store';
import { validate } from '../../src/families';
import { pushTo } from '../../src/model/collections';

export const StoreContext = createContext<LayoutStore | null>(null);

export function useLayoutStore<T>(selector: (state: LayoutState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useLayoutStore outside StoreContext');
  return useStore(store, selector);
}

export function useLayoutStoreApi(): LayoutStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useLayoutStoreApi outside StoreContext');
  return store;
}

export function useShownDocument(): LayoutDocument {
  return useLayoutStore(shownDocument);
}

export type ValidatedDocument = Validation & {
  document: LayoutDocument;
  /** Each partition's problems, worst first, indexed once per document. */
  problemsOf(id: string): Problem[];
};

const NO_PROBLEMS: Problem[] = [];

function indexProblems(problems: Problem[]): (id: string) => Problem[] {
  const byId = new Map<string, Problem[]>();
  for (const problem of problems) for (const id of problem.partitionIds) pushTo(byId, id, problem);
  return (id) => byId.get(id) ?? NO_PROBLEMS;
}

const validations = new WeakMap<LayoutDocument, ValidatedDocument>();

/** Above this many partitions the rules run in the engine worker, so typing and dragging stay smooth. */
export const LARGE_LAYOUT = 2000;
/** A check in the worker that takes longer than this is stopped, and the layout says so. */
export const WORKER_CHECK_BUDGET_MS = 5000;

/** Results of checks run in the worker; `version` changes when one arrives, so views redraw. */
const useWorkerChecks = create<{ version: number }>()(() => ({ version: 0 }));
const workerProblems = new WeakMap<LayoutDocument, Problem[]>();
const placements = new WeakMap<LayoutDocument, Placement>();
let lastWorkerProblems: Problem[] = [];
let inFlight = false;
let waiting: LayoutDocument | null = null;

function timedOut(document: LayoutDocument): Problem[] {
  return [
    {
      code: 'check-timed-out',
      severity: 'warning',
      rule: 'Layouts are checked within a time budget, so the page never freezes',
      message: `Checking these ${document.partitions.length} partitions took longer than ${WORKER_CHECK_BUDGET_MS / 1000} s, so their problems are not shown; \`flashmap validate\` checks the saved layout without a time limit`,
      fixes: [], partitionIds: [],
    },
  ];
}

/** One check in flight at a time; a layout changed meanwhile is checked next (the latest wins). */
function checkInWorker(document: LayoutDocument): void {
  if (inFlight) {
    waiting = document;
    return;
  }
  inFlight = true;
  engine()
    .call('validate', { document }, { timeoutMs: WORKER_CHECK_BUDGET_MS })
    .then(
      ({ problems }) => problems,
      () => timedOut(document),
    )
    .then((problems) => {
      workerProblems.set(document, problems);
      lastWorkerProblems = problems;
      inFlight = false;
      useWorkerChecks.setState((s) => ({ version: s.version + 1 }));
      const next = waiting;
      waiting = null;
      if (next && !workerProblems.has(next)) checkInWorker(next);
    });
}

/** Placement and problems of a document, computed once per document however many ask. */
export function validationOf(document: LayoutDocument): ValidatedDocument {
  let validation = validations.get(document);
  if (validation) return validation;
  if (document.partitions.length > LARGE_LAYOUT) {
    const known = workerProblems.get(document);
    if (!known) checkInWorker(document);
    // Until the worker answers, the problems of the layout checked last stay in view.
    const problems = known ?? lastWorkerProblems;
    let placement = placements.get(document);
    if (!placement) placements.set(document, (placement = place(document, familyOf(document))));
    validation = { document, placement, problems, problemsOf: indexProblems(problems) };
    if (!known) return validation;
  } else {
    const { placement, problems } = validate(document);
    validation = { document, placement, problems, problemsOf: indexProblems(problems) };
  }
  validations.set(document, validation);
  return validation;
}

/**
 * What `select` reads from the store, for a view beside the map (the table, the form, the lists):
 * deferred, so the map answers a press, a drag or a drop in the next frame, and these views are
 * drawn after it, in slices the browser can interrupt. Drawing a large layout's table and a new
 * form in the same task as the press was a long task.
 */
export function useLayoutStoreBesideMap<T>(select: (state: LayoutState) => T): T {
  return useDeferredValue(useLayoutStore(select));
}

/** Placement and problems of the document on screen, redrawn when the worker's checks arrive. */
export function useValidation(): ValidatedDocument {
  useWorkerChecks((s) => s.version);
  return validationOf(useLayoutStore(shownDocument));
}

/** Placement and problems for the views beside the map (besideMapDocument): a pointer move redraws only the map. */
export function useValidationBesideMap(): ValidatedDocument {
  useWorkerChecks((s) => s.version);
  return validationOf(useLayoutStoreBesideMap(besideMapDocument));
}

/** For event handlers: the document on screen and its validation at the moment of the event. */
export function useCurrentValidation(): () => ValidatedDocument {
  const store = useLayoutStoreApi();
  return () => validationOf(shownDocument(store.getState()));
}
