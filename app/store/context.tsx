import { createContext, useContext, useMemo } from 'react';
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

/** Placement and problems of the document on screen, recomputed only when it changes. */
export function useValidation(): Validation & { document: LayoutDocument } {
  const document = useShownDocument();
  return useMemo(() => ({ document, ...validate(document) }), [document]);
}
