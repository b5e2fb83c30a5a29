import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_PRESET_ID, findPreset } from '../src/index';
import { App } from './App';
import { restoreAutosave, startAutosave } from './store/autosave';
import { StoreContext } from './store/context';
import { createLayoutStore } from './store/layout-store';
import './styles.css';

const initial = restoreAutosave() ?? findPreset(DEFAULT_PRESET_ID)!.build();
const store = createLayoutStore(initial);
startAutosave(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
