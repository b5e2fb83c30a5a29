import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_PRESET_ID, findPreset } from '../src/index';
import { decodeLayout, layoutParam } from '../src/editor/share-link';
import { App } from './App';
import { downloadBytes } from './download';
import { Notices } from './status/Notices';
import { useNotices } from './status/notices';
import { keepAside, restoreAutosave, startAutosave, type SaveFailure } from './store/autosave';
import { StoreContext } from './store/context';
import { createLayoutStore, type LayoutStore } from './store/layout-store';
import './styles.css';

const notices = useNotices.getState();

/**
 * A `#layout=` link wins over the autosave, but never costs the user their layout: it is opened
 * as one undoable step on top of it (the undo history is saved too, so Undo goes back even after a
 * reload), and the fragment is removed so a reload keeps later edits instead of reopening the link.
 */
function openSharedLayout(store: LayoutStore): void {
  const payload = layoutParam(location.hash);
  if (payload === null) return;
  const result = decodeLayout(payload);
  if (!result.ok) {
    const reasons = result.errors.map((e) => (e.path === '(link)' ? e.message : `${e.path}: ${e.message}`)).join('; ');
    notices.show({ id: 'link', tone: 'error', message: `This share link could not be opened: ${reasons}. You are looking at your last layout instead.`, actions: [] });
  } else if (store.getState().replace(result.document)) {
    notices.show({
      id: 'link',
      tone: 'info',
      message: `Opened “${result.document.name}” from a share link. Your previous layout is one Undo away.`,
      actions: [{ label: 'Back to my layout', run: () => store.getState().undo() }],
    });
  }
  history.replaceState(null, '', location.pathname + location.search);
}

function offerDownload(text: string): void {
  downloadBytes(new TextEncoder().encode(text), 'unreadable-autosave.flashmap.json', 'application/json');
}

let startSaving = () => {};
const restored = restoreAutosave();
let mayOverwrite = true;
if (restored.unreadable !== undefined) {
  const text = restored.unreadable;
  mayOverwrite = keepAside(text);
  notices.show({
    id: 'unreadable',
    tone: 'error',
    message: mayOverwrite
      ? 'The layout stored by an earlier visit could not be read, so a new layout was started. The stored copy is kept aside: download it to look at it or to repair it.'
      : 'The layout stored by an earlier visit could not be read, and there is no room to keep it aside, so nothing is saved automatically until you download it.',
    actions: [
      {
        label: 'Download the stored copy',
        run: () => {
          offerDownload(text);
          startSaving();
        },
      },
    ],
  });
}

const store = createLayoutStore(restored.document ?? findPreset(DEFAULT_PRESET_ID)!.build(), restored.history);
openSharedLayout(store);
// A link pasted into the address bar of an open page only changes the fragment.
window.addEventListener('hashchange', () => openSharedLayout(store));

function onSaveFailure(failure: SaveFailure): void {
  notices.show({
    id: 'storage',
    tone: 'error',
    message:
      failure === 'full'
        ? "The browser's storage for this page is full: changes are no longer saved automatically. Save the layout as a file."
        : 'This browser does not let the page store data: changes are not saved automatically. Save the layout as a file.',
    actions: [],
  });
}

let saving = false;
startSaving = () => {
  if (saving) return;
  saving = true;
  startAutosave(store, { onFailure: onSaveFailure, onSaved: () => notices.dismiss('storage') });
};
if (mayOverwrite) startSaving();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <Notices />
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
