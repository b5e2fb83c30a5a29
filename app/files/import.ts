/**
 * Reading a file the user dropped, opened or picked, in the engine worker, into the store: one
 * path for all of them, the format recognised by content. What happened goes to the status line;
 * a failure leaves the layout as it was; a long read can be cancelled.
 */
import { failureText } from '../../src/formats/files';
import { EngineCancelled } from '../../src/worker/client';
import { engine } from '../engine';
import { report } from '../status/status';
import { useNotices } from '../status/notices';
import type { ImportChoice } from '../../src/formats/format';
import type { LayoutStore } from '../store/layout-store';
import { INSPECT_FROM, inspectImage, isUnrecognised } from '../inspect/open';

/** Files larger than this are refused before they are read (the engine's formats are far smaller). */
export const IMPORT_LIMIT = 256 * 1024 * 1024;

/** The values a re-import can give a variable the file left open: the others it is compared with, and "none of these". */
function alternatives(choice: ImportChoice): string[] {
  return [...choice.values, ''].filter((value, i, all) => value !== choice.chosen && all.indexOf(value) === i);
}

/**
 * A file that left values open (a partition.config's `ifeq ($(FLASH_SIZE), 16M)`): a notice
 * says what was taken and offers each other value as a re-import of the same bytes.
 */
function offerChoices(file: File, bytes: Uint8Array, store: LayoutStore, choices: ImportChoice[], defines: Record<string, string>): void {
  const chosen = choices.map((c) => `${c.name} = ${c.chosen === '' ? '(none of these)' : c.chosen}`).join(', ');
  useNotices.getState().show({
    id: 'import-choices',
    tone: 'info',
    message: `${file.name} leaves values open; it was read with ${chosen}.`,
    actions: choices.flatMap((choice) =>
      alternatives(choice).map((value) => ({
        label: `Read with ${choice.name} = ${value === '' ? '(none of these)' : value}`,
        run: () => void readInto(file, bytes, store, { ...defines, [choice.name]: value }),
      })),
    ),
  });
}

async function readInto(file: File, bytes: Uint8Array, store: LayoutStore, defines: Record<string, string>): Promise<void> {
  const outcome = await engine().call('import', { bytes: bytes.slice(), document: store.getState().history.present, fileName: file.name, defines });
  if (!outcome.ok) {
    report(`${file.name} was not imported: ${failureText(outcome)}`, 'error');
    return;
  }
  if (!store.getState().replace(outcome.document)) return;
  const warnings = outcome.warnings.length > 0 ? ` (${outcome.warnings.slice(0, 3).join('; ')}${outcome.warnings.length > 3 ? '; …' : ''})` : '';
  report(`Imported ${file.name} as ${outcome.formatTitle}${warnings}`);
  if (outcome.choices) offerChoices(file, bytes, store, outcome.choices, Object.fromEntries(outcome.choices.map((c) => [c.name, c.chosen])));
}

export async function importIntoStore(file: File, store: LayoutStore): Promise<void> {
  // An image (large, or no table format's) opens in the inspector instead.
  if (file.size >= INSPECT_FROM) return inspectImage(file);
  if (file.size > IMPORT_LIMIT) {
    report(`${file.name} was not imported: it is ${Math.round(file.size / 1024 / 1024)} MiB, and files up to ${IMPORT_LIMIT / 1024 / 1024} MiB are read`, 'error');
    return;
  }
  const controller = new AbortController();
  report(`Reading ${file.name}…`, 'busy', () => controller.abort());
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // The worker takes the buffer it is given: keep a copy for a re-import with other choices.
    const kept = bytes.slice();
    const outcome = await engine().call('import', { bytes, document: store.getState().history.present, fileName: file.name }, { signal: controller.signal });
    if (!outcome.ok && isUnrecognised(outcome.message)) return inspectImage(file);
    if (!outcome.ok) {
      report(`${file.name} was not imported: ${failureText(outcome)}`, 'error');
      return;
    }
    if (!store.getState().replace(outcome.document)) return;
    const warnings = outcome.warnings.length > 0 ? ` (${outcome.warnings.slice(0, 3).join('; ')}${outcome.warnings.length > 3 ? '; …' : ''})` : '';
    report(`Imported ${file.name} as ${outcome.formatTitle}${warnings}`);
    if (outcome.choices) offerChoices(file, kept, store, outcome.choices, {});
  } catch (error) {
    report(error instanceof EngineCancelled ? `Stopped reading ${file.name}; the layout is unchanged` : `${file.name} was not imported: ${(error as Error).message}`, error instanceof EngineCancelled ? 'ok' : 'error');
  }
}
