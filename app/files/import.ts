/**
 * Reading a file the user dropped, opened or picked, in the engine worker, into the store: one
 * path for all of them, the format recognised by content. What happened goes to the status line;
 * a failure leaves the layout as it was; a long read can be cancelled.
 */
import { failureText } from '../../src/formats/files';
import { EngineCancelled } from '../../src/worker/client';
import { engine } from '../engine';
import { report } from '../status/status';
import type { LayoutStore } from '../store/layout-store';

/** Files larger than this are refused before they are read (the engine's formats are far smaller). */
export const IMPORT_LIMIT = 256 * 1024 * 1024;

export async function importIntoStore(file: File, store: LayoutStore): Promise<void> {
  if (file.size > IMPORT_LIMIT) {
    report(`${file.name} was not imported: it is ${Math.round(file.size / 1024 / 1024)} MiB, and files up to ${IMPORT_LIMIT / 1024 / 1024} MiB are read`, 'error');
    return;
  }
  const controller = new AbortController();
  report(`Reading ${file.name}…`, 'busy', () => controller.abort());
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const outcome = await engine().call('import', { bytes, document: store.getState().history.present, fileName: file.name }, { signal: controller.signal });
    if (!outcome.ok) {
      report(`${file.name} was not imported: ${failureText(outcome)}`, 'error');
      return;
    }
    if (!store.getState().replace(outcome.document)) return;
    const warnings = outcome.warnings.length > 0 ? ` (${outcome.warnings.slice(0, 3).join('; ')}${outcome.warnings.length > 3 ? '; …' : ''})` : '';
    report(`Imported ${file.name} as ${outcome.formatTitle}${warnings}`);
  } catch (error) {
    report(error instanceof EngineCancelled ? `Stopped reading ${file.name}; the layout is unchanged` : `${file.name} was not imported: ${(error as Error).message}`, error instanceof EngineCancelled ? 'ok' : 'error');
  }
}
