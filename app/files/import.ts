/** Reading a file the user dropped or picked, in the engine worker, into the store. */
import { locationText } from '../../src/formats/files';
import { engine } from '../engine';
import type { LayoutStore } from '../store/layout-store';

/** Returns a sentence for the status line: what was imported, or why it was not. */
export async function importIntoStore(file: File, store: LayoutStore): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const outcome = await engine().call('import', { bytes, document: store.getState().history.present });
  if (!outcome.ok) {
    const where = locationText(outcome.location);
    return `${file.name} was not imported: ${where ? `${where}: ` : ''}${outcome.message}`;
  }
  store.getState().replace(outcome.document);
  const warnings = outcome.warnings.length > 0 ? ` (${outcome.warnings.join('; ')})` : '';
  return `Imported ${file.name} as ${outcome.formatTitle}${warnings}`;
}
