/**
 * Import and export: every format of the layout's family from the format registry, made in the
 * engine worker. Text formats can be previewed and copied; every format downloads as a file.
 */
import { useEffect, useRef, useState } from 'react';
import { familyOf } from '../../src/index';
import { formatsFor } from '../../src/formats/registry';
import { failureText, type ExportOutcome } from '../../src/formats/files';
import { engine } from '../engine';
import { downloadBytes } from '../download';
import { importIntoStore } from '../files/import';
import { report } from '../status/status';
import { useLayoutStore, useLayoutStoreApi } from '../store/context';
import type { Format } from '../../src/formats/format';

/** A text export shown live: recomputed in the worker when the layout changes. */
function Preview({ format }: { format: Format }) {
  const document = useLayoutStore((s) => s.history.present);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    engine()
      .call('export', { document, formatId: format.id }, { signal: controller.signal })
      .then(setOutcome, () => undefined);
    return () => controller.abort();
  }, [document, format.id]);
  if (!outcome) return <p className="muted">Working…</p>;
  if (!outcome.ok) return <p className="export-error">{failureText(outcome)}</p>;
  return (
    <div className="preview">
      <pre aria-label={`${format.title} preview`}>{outcome.file.text}</pre>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(outcome.file.text ?? '').then(() => report(`Copied ${format.title}`), () => report('The clipboard is not available here', 'error'))}>
        Copy
      </button>
    </div>
  );
}

function ExportRow({ format }: { format: Format }) {
  const store = useLayoutStoreApi();
  const [showing, setShowing] = useState(false);
  async function download() {
    const outcome = await engine().call('export', { document: store.getState().history.present, formatId: format.id });
    if (!outcome.ok) {
      report(`${format.title} was not exported: ${failureText(outcome)}`, 'error');
      return;
    }
    downloadBytes(outcome.file.bytes, outcome.file.fileName, outcome.file.mimeType);
    report(`Exported ${outcome.file.fileName}${outcome.file.warnings.length ? ` (${outcome.file.warnings.join('; ')})` : ''}`);
  }
  const textual = format.kind !== 'binary';
  return (
    <li className="export-row">
      <span className="export-title">{format.title}</span>
      <span className="export-actions">
        {textual && (
          <button type="button" aria-expanded={showing} aria-label={`${showing ? 'Hide' : 'Show'} ${format.title}`} onClick={() => setShowing(!showing)}>
            {showing ? 'Hide' : 'Show'}
          </button>
        )}
        <button type="button" aria-label={`Export ${format.title}`} onClick={() => void download()}>
          Export .{format.extension}
        </button>
      </span>
      {showing && <Preview format={format} />}
    </li>
  );
}

export function ExportPanel() {
  const family = useLayoutStore((s) => familyOf(s.history.present));
  const store = useLayoutStoreApi();
  const input = useRef<HTMLInputElement>(null);
  const formats = formatsFor(family.id).filter((format) => format.export);
  return (
    <section className="panel" aria-label="Import and export">
      <h2>Import and export</h2>
      <div className="import-row">
        <button type="button" onClick={() => input.current?.click()}>
          Import file…
        </button>
        <input
          ref={input}
          type="file"
          hidden
          aria-label="Import file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importIntoStore(file, store);
          }}
        />
        <span className="muted">or drop a file on the page</span>
      </div>
      {formats.length === 0 ? (
        <p className="muted">No export formats for {family.title} yet.</p>
      ) : (
        <ul className="exports">
          {formats.map((format) => (
            <ExportRow key={format.id} format={format} />
          ))}
        </ul>
      )}
    </section>
  );
}
