/** New, preset picker, undo/redo, open, save and share link. */
import { useRef } from 'react';
import { PRESETS } from '../../src/index';
import { engine } from '../engine';
import { downloadBytes } from '../download';
import { NewLayoutPicker } from '../panels/NewLayoutPicker';
import { ShareLink } from '../panels/ShareLink';
import { importIntoStore } from '../files/import';
import { StatusLine } from '../status/StatusLine';
import { report } from '../status/status';
import { useLayoutStore, useLayoutStoreApi } from '../store/context';

export function Toolbar() {
  const replace = useLayoutStore((s) => s.replace);
  const undo = useLayoutStore((s) => s.undo);
  const redo = useLayoutStore((s) => s.redo);
  const canUndo = useLayoutStore((s) => s.history.past.length > 0);
  const canRedo = useLayoutStore((s) => s.history.future.length > 0);
  const store = useLayoutStoreApi();
  const fileInput = useRef<HTMLInputElement>(null);

  async function save() {
    const { bytes, fileName, mimeType } = await engine().call('serialize', { document: store.getState().history.present });
    downloadBytes(bytes, fileName, mimeType);
    report(`Saved ${fileName}`);
  }

  return (
    <header className="toolbar">
      <span className="brand">Flashmap</span>
      <NewLayoutPicker />
      <label className="preset-picker">
        Preset
        <select
          aria-label="Preset"
          value=""
          onChange={(event) => {
            const preset = PRESETS.find((p) => p.id === event.target.value);
            if (preset) replace(preset.build());
          }}
        >
          <option value="" disabled>
            Start from a preset…
          </option>
          {PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.title}
            </option>
          ))}
        </select>
      </label>
      <div className="group">
        <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
          Undo
        </button>
        <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z Control+Y">
          Redo
        </button>
      </div>
      <div className="group">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Open
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label="Open layout file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importIntoStore(file, store);
            event.target.value = '';
          }}
        />
        <button type="button" onClick={() => void save()}>
          Save
        </button>
        <ShareLink />
      </div>
      <StatusLine />
    </header>
  );
}
