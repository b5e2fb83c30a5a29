/**
 * The inspector: an image that is not a table file, shown as the regions found on it. It never
 * changes the layout except through "Edit as layout", one undoable step.
 */
import { useEffect } from 'react';
import { formatHuman } from '../../src/model/units';
import { useLayoutStoreApi } from '../store/context';
import { closeInspector, useInspector } from './inspector-store';
import { editAsLayout } from './open';
import { RegionDetails } from './RegionDetails';
import { RegionMap } from './RegionMap';

export function InspectorView() {
  const store = useLayoutStoreApi();
  const { file, inspection, selected, progress } = useInspector();
  useEffect(() => {
    if (!file) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && closeInspector();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [file]);
  if (!file) return null;
  return (
    <div className="inspector-backdrop">
      <section className="inspector panel" role="dialog" aria-modal="true" aria-label="Image inspector">
        <header className="inspector-header">
          <h2>
            {file.name} <span className="muted">· {formatHuman(file.size)}</span>
          </h2>
          <div className="inspector-actions">
            <button type="button" disabled={!inspection} onClick={() => void editAsLayout(store)}>
              Edit as layout
            </button>
            <button type="button" onClick={closeInspector}>
              Close
            </button>
          </div>
        </header>
        {progress && (
          <label className="inspect-progress">
            Scanning… <progress value={progress.done} max={Math.max(1, progress.total)} />
          </label>
        )}
        {inspection && (
          <div className="inspector-body">
            <RegionMap inspection={inspection} selected={selected} onSelect={(region) => useInspector.setState({ selected: region })} />
            {selected && <RegionDetails key={`${selected.offset}-${selected.type}`} file={file} region={selected} />}
          </div>
        )}
      </section>
    </div>
  );
}
