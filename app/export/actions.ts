/** What the export panel's buttons do: every file is made again in the worker from the committed layout. */
import { failureText, type ExportedFile } from '../../src/formats/files';
import type { Format } from '../../src/formats/format';
import type { LayoutDocument } from '../../src/model/document';
import { downloadBytes } from '../download';
import { engine } from '../engine';
import { report } from '../status/status';
import { svgToPng } from './png';

async function made(document: LayoutDocument, format: Format): Promise<ExportedFile | null> {
  const outcome = await engine().call('export', { document, formatId: format.id });
  if (outcome.ok) return outcome.file;
  report(`${format.title} was not exported: ${failureText(outcome)}`, 'error');
  return null;
}

const warned = (file: ExportedFile) => (file.warnings.length > 0 ? ` (${file.warnings.join('; ')})` : '');

export async function downloadExport(document: LayoutDocument, format: Format): Promise<void> {
  const file = await made(document, format);
  if (!file) return;
  downloadBytes(file.bytes, file.fileName, file.mimeType);
  report(`Exported ${file.fileName}${warned(file)}`);
}

export async function copyExport(document: LayoutDocument, format: Format): Promise<void> {
  const file = await made(document, format);
  if (!file) return;
  try {
    await navigator.clipboard.writeText(file.text ?? '');
    report(`Copied ${format.title}${warned(file)}`);
  } catch {
    report('The clipboard is not available here: download the file instead', 'error');
  }
}

/** The SVG picture as a PNG file of the same name. */
export async function downloadPng(document: LayoutDocument, format: Format): Promise<void> {
  const file = await made(document, format);
  if (!file?.text) return;
  try {
    const png = await svgToPng(file.text);
    const fileName = file.fileName.replace(/\.svg$/, '') + '.png';
    downloadBytes(png, fileName, 'image/png');
    report(`Exported ${fileName}`);
  } catch (error) {
    report(`The PNG was not made: ${(error as Error).message}`, 'error');
  }
}

export async function downloadAll(document: LayoutDocument): Promise<void> {
  const controller = new AbortController();
  report('Making the zip of every export…', 'busy', () => controller.abort());
  try {
    const { fileName, bytes, skipped } = await engine().call('bundle', { document }, { signal: controller.signal });
    downloadBytes(bytes, fileName, 'application/zip');
    report(`Exported ${fileName}${skipped.length > 0 ? `; left out: ${skipped.map((s) => s.title).join(', ')} (the README says why)` : ''}`);
  } catch (error) {
    report(controller.signal.aborted ? 'Stopped making the zip' : `The zip was not made: ${(error as Error).message}`, controller.signal.aborted ? 'ok' : 'error');
  }
}
