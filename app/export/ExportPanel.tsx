/**
 * Import and export: every output of the layout's family from the format registry, grouped, each
 * with a live preview, copy and download, all made in the engine worker; "Download all" gives
 * one zip. The images the layout builds are the last group, made by the same worker build.
 * While the layout has errors the panel says so and lists them.
 */
import { familyOf } from '../../src/index';
import { formatsFor } from '../../src/formats/registry';
import { ImageOutputs } from '../build/ImageOutputs';
import { OpenFileButton } from '../files/OpenFileButton';
import { useLayoutStore, useLayoutStoreApi, useValidationBesideMap } from '../store/context';
import { downloadAll } from './actions';
import { Blockers } from './Blockers';
import { ExportRow } from './ExportRow';
import { exportGroups } from './groups';
import './export.css';

export function ExportPanel() {
  const family = useLayoutStore((s) => familyOf(s.history.present));
  const store = useLayoutStoreApi();
  const errors = useValidationBesideMap().problems.filter((p) => p.severity === 'error');
  const groups = exportGroups(formatsFor(family.id));
  return (
    <section className="panel export-panel" aria-label="Import and export">
      <h2>Import and export</h2>
      <div className="import-row">
        <OpenFileButton label="Import file…" inputLabel="Import file" />
        <span className="muted">or drop a file on the page, or paste its text (Ctrl+V)</span>
      </div>
      {errors.length > 0 && <Blockers errors={errors} />}
      {groups.length === 0 ? (
        <p className="muted">No export formats for {family.title} yet.</p>
      ) : (
        <>
          <button type="button" className="download-all" aria-label="Download all exports as one zip" onClick={() => void downloadAll(store.getState().history.present)}>
            Download all
          </button>
          {groups.map((group) => (
            <section key={group.kind} className="export-group" aria-label={group.title}>
              <h3>{group.title}</h3>
              <ul className="exports">
                {group.formats.map((format) => (
                  <ExportRow key={format.id} format={format} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
      <ImageOutputs />
    </section>
  );
}
