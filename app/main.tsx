import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_PRESET_ID, findPreset } from '../src/index';
import { decodeLayout, layoutParam } from '../src/editor/share-link';
import { App } from './App';
import { LinkNotice, useLinkNotice } from './panels/LinkNotice';
import { restoreAutosave, startAutosave } from './store/autosave';
import { StoreContext } from './store/context';
import { createLayoutStore, type LayoutStore } from './store/layout-store';
import './styles.css';

/**
 * A `#layout=` link wins over the autosave. It is opened as one undoable step on top of the
 * autosaved layout (Undo goes back to your own work), and the fragment is then removed from the
 * address bar so a reload keeps later edits (from the autosave) instead of reopening the link.
 */
function openSharedLayout(store: LayoutStore): void {
  const payload = layoutParam(location.hash);
  if (payload === null) return;
  const result = decodeLayout(payload);
  if (result.ok) {
    store.getState().replace(result.document);
    useLinkNotice.getState().dismiss();
  } else {
    const reasons = result.errors.map((e) => (e.path === '(link)' ? e.message : `${e.path}: ${e.message}`)).join('; ');
    useLinkNotice.getState().show(`This share link could not be opened: ${reasons}. You are looking at your last layout instead.`);
  }
  history.replaceState(null, '', location.pathname + location.search);
}

const store = createLayoutStore(restoreAutosave() ?? findPreset(DEFAULT_PRESET_ID)!.build());
openSharedLayout(store);
startAutosave(store);
// A link pasted into the address bar of an open page only changes the fragment.
window.addEventListener('hashchange', () => openSharedLayout(store));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <LinkNotice />
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
