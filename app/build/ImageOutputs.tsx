/**
 * The export panel's "Images" group: what the layout builds into (full image, boot image, each
 * partition, bmap, Android sparse image, flashing scripts; src/image/outputs.ts), which attached
 * files are missing from this browser, and a download per file built in the worker with progress
 * (percent, MiB/s) and Cancel; plus the SHA256SUMS of every file and a zip of everything. While
 * the layout has errors the files are listed and refused with the reason, as the exports are.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { documentAttachments } from '../../src/image/plan';
import type { ImageListing } from '../../src/image/worker-build';
import { formatHuman } from '../../src/model/units';
import { EngineCancelled } from '../../src/worker/client';
import { useBlobStore } from '../attachments/blob-store';
import { downloadBytes } from '../download';
import { engine } from '../engine';
import { useLayoutStore } from '../store/context';
import { MEMORY_LIMIT, openSink } from './save';

interface Progress {
  file: string;
  done: number;
  total: number;
  /** MiB/s so far, as text. */
  rate: string;
}

const MiB = 1024 * 1024;

/**
 * The worker reports progress for every chunk (hundreds a second on a fast build); the line is
 * redrawn at most this often, so that drawing it never competes with the page.
 */
const PROGRESS_EVERY_MS = 250;

/** A progress reporter that knows when it started, for the rate. */
function progressReporter(label: string, show: (progress: Progress) => void): (done: number, total: number, file?: string) => void {
  const started = performance.now();
  let shown = -Infinity;
  show({ file: label, done: 0, total: 0, rate: '' });
  return (done, total, file) => {
    const now = performance.now();
    if (now - shown < PROGRESS_EVERY_MS && done < total) return;
    shown = now;
    const seconds = (now - started) / 1000;
    show({ file: file ?? label, done, total, rate: seconds > 0 ? `${(done / MiB / seconds).toFixed(1)} MiB/s` : '' });
  };
}

export function ImageOutputs() {
  const document = useLayoutStore((s) => s.history.present);
  const attachments = useMemo(() => documentAttachments(document), [document]);
  const allBlobs = useBlobStore((s) => s.blobs);
  const load = useBlobStore((s) => s.load);
  const blobs = useMemo(() => Object.fromEntries(attachments.filter((a) => a.sha256 in allBlobs).map((a) => [a.sha256, allBlobs[a.sha256]])), [attachments, allBlobs]);
  const [listing, setListing] = useState<ImageListing | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [message, setMessage] = useState('');
  // NAND: the image with each page's spare bytes (0xFF) after it, for a programmer that writes whole pages.
  const hasSpare = (document.device.geometry.spareSize ?? 0) > 0 && document.device.geometry.pageSize !== undefined;
  const [spareChosen, setSpare] = useState(false);
  const withSpare = hasSpare && spareChosen;
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    void load(attachments.map((a) => a.sha256));
  }, [attachments, load]);
  useEffect(() => {
    const abort = new AbortController();
    engine()
      .call('imageFiles', { document, blobs, withSpare }, { signal: abort.signal })
      .then(setListing, () => undefined);
    return () => abort.abort();
  }, [document, blobs, withSpare]);

  const busy = progress !== null;
  const blocked = !listing || listing.missing.length > 0 || listing.error !== undefined;

  async function run<T>(label: string, work: (signal: AbortSignal, onProgress: (done: number, total: number, file?: string) => void) => Promise<T>): Promise<T | undefined> {
    const abort = new AbortController();
    controller.current = abort;
    const report = progressReporter(label, setProgress);
    setMessage('');
    try {
      return await work(abort.signal, report);
    } catch (error) {
      setMessage(error instanceof EngineCancelled ? `${label}: cancelled` : `${label}: ${(error as Error).message}`);
      return undefined;
    } finally {
      controller.current = null;
      setProgress(null);
    }
  }

  async function build(name: string, size: number | undefined) {
    const sink = await openSink(name, size).catch((error: Error) => void setMessage(error.message));
    if (!sink) return;
    const output = await run(name, (signal, onProgress) =>
      engine().call('build', { document, blobs, files: [name], withSpare }, { signal, onProgress, onData: (_file, bytes) => sink.write(bytes) }),
    );
    if (output) {
      await sink.close();
      setMessage(`${name}: ${formatHuman(output.files[0].size ?? 0)} saved, sha256 ${output.files[0].sha256}`);
    } else await sink.abort();
  }

  async function manifest() {
    const output = await run('SHA256SUMS', (signal, onProgress) => engine().call('build', { document, blobs, hashOnly: true, withSpare }, { signal, onProgress }));
    if (output) downloadBytes(new TextEncoder().encode(output.manifest), 'SHA256SUMS', 'text/plain');
  }

  async function bundle() {
    const output = await run('zip', (signal, onProgress) => engine().call('imageBundle', { document, blobs, withSpare }, { signal, onProgress }));
    if (output) {
      downloadBytes(output.bytes, output.fileName, 'application/zip');
      setMessage(output.skipped.length > 0 ? `Not in the zip: ${output.skipped.map((s) => `${s.title} (${s.reason})`).join('; ')}` : `${output.fileName} saved`);
    }
  }

  const percent = progress && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 0;
  return (
    <section className="export-group image-outputs" aria-label="Images">
      <h3>Images</h3>
      {listing?.missing && listing.missing.length > 0 && (
        <div className="missing" role="alert">
          <p>These attached files are not in this browser; attach them again to build:</p>
          <ul>
            {listing.missing.map((a) => (
              <li key={a.sha256}>
                {a.fileName} ({formatHuman(a.size)})
              </li>
            ))}
          </ul>
        </div>
      )}
      {listing?.error && <p className="image-error">Images are not built: {listing.error}</p>}
      {listing?.warnings.map((w) => (
        <p key={w} className="muted">
          {w}
        </p>
      ))}
      {hasSpare && (
        <label>
          <input type="checkbox" checked={spareChosen} onChange={(event) => setSpare(event.target.checked)} /> NAND image with spare bytes (0xFF) after each page
        </label>
      )}
      <ul className="image-files">
        {listing?.files.map((file) => (
          <li key={file.name}>
            <button type="button" disabled={busy || blocked} onClick={() => void build(file.name, file.size)} title={file.title}>
              {file.name}
            </button>{' '}
            <span className="muted">
              {file.size !== undefined ? `${formatHuman(file.size)} · ` : ''}
              {file.title}
            </span>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" disabled={busy || blocked} onClick={() => void manifest()}>
          SHA256SUMS
        </button>
        <button type="button" disabled={busy || blocked} onClick={() => void bundle()}>
          Zip of the images and exports
        </button>
      </div>
      <p className="muted">
        Files over 64 MiB are written straight to a file you choose; where the browser cannot, up to {MEMORY_LIMIT / MiB} MiB are held in memory.
      </p>
      {progress && (
        <div className="build-progress" role="status" aria-label="Build progress">
          <progress max={100} value={percent} /> <span data-testid="build-percent">{percent}%</span> {progress.file} {progress.rate}{' '}
          <button type="button" onClick={() => controller.current?.abort()}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p className="build-message" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
