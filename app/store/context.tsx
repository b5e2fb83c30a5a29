import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { type Validation } from '../../src/rules/validate';
import type { LayoutDocument, Problem } from '../../src/index';
import { shownDocument, type LayoutState, type LayoutStore } from './layout-store';
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

/** Placement and problems of a document, computed once per document however many ask. */
export function validationOf(document: LayoutDocument): ValidatedDocument {
  let validation = validations.get(document);
  if (!validation) {
    const { placement, problems } = validate(document);
    validation = { document, placement, problems, problemsOf: indexProblems(problems) };
    validations.set(document, validation);
  }
  return validation;
}

/** Placement and problems of the document on screen. */
export function useValidation(): ValidatedDocument {
  return validationOf(useShownDocument());
}

/** For event handlers: the document on screen and its validation at the moment of the event. */
export function useCurrentValidation(): () => ValidatedDocument {
  const store = useLayoutStoreApi();
  return () => validationOf(shownDocument(store.getState()));
}
