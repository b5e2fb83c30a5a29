import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { validate, type Validation } from '../../src/rules/validate';
import type { LayoutDocument } from '../../src/index';
import { shownDocument, type LayoutState, type LayoutStore } from './layout-store';

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

export type ValidatedDocument = Validation & { document: LayoutDocument };

const validations = new WeakMap<LayoutDocument, ValidatedDocument>();

/** Placement and problems of a document, computed once per document however many ask. */
export function validationOf(document: LayoutDocument): ValidatedDocument {
  let validation = validations.get(document);
  if (!validation) {
    validation = { document, ...validate(document) };
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
