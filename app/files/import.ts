/**
 * Reading a file the user dropped, opened or pasted, in the engine worker, into the store: one
 * path for all of them, the format recognised by content. Questions the file raises (which of two
 * readings, values a .wks leaves open) are asked before anything changes; a success is one
 * undoable step; a failure says where the file goes wrong and leaves the layout as it was; a long
 * read can be cancelled.
 */
import { failureText, type ImportOutcome } from '../../src/formats/files';
import type { ImportChoice } from '../../src/formats/format';
import { EngineCancelled } from '../../src/worker/client';
import { engine } from '../engine';
import { report } from '../status/status';
import { useNotices } from '../status/notices';
import type { LayoutStore } from '../store/layout-store';
import { INSPECT_FROM, inspectImage, isUnrecognised } from '../inspect/open';
import { askAnswers, askFormat } from './import-dialog';

/** Files larger than this are refused before they are read (the engine's formats are far smaller). */
export const IMPORT_LIMIT = 256 * 1024 * 1024;

/** A read that takes longer is stopped (the worker is replaced), so a hostile file never hangs the page. */
const IMPORT_BUDGET_MS = 30_000;

/** What is imported: its bytes, what the user calls it, and the file name the layout is named after. */
export interface ImportSource {
  /** "partitions.csv", "the pasted text". */
  label: string;
  fileName?: string;
  bytes: Uint8Array;
  /** The file the bytes came from: one that no table format reads opens in the inspector. */
  file?: File;
}

interface ReadOptions {
  formatId?: string;
  defines?: Record<string, string>;
  answers?: Record<string, string>;
}

/** The values a re-import can give a variable the file left open: the others it is compared with, and "none of these". */
function alternatives(choice: ImportChoice): string[] {
  return [...choice.values, ''].filter((value, i, all) => value !== choice.chosen && all.indexOf(value) === i);
}

/**
 * A file that left values open (a partition.config's `ifeq ($(FLASH_SIZE), 16M)`): a notice
 * says what was taken and offers each other value as a re-import of the same bytes.
 */
function offerChoices(source: ImportSource, store: LayoutStore, choices: ImportChoice[], options: ReadOptions): void {
  const defines = { ...options.defines, ...Object.fromEntries(choices.map((c) => [c.name, c.chosen])) };
  const chosen = choices.map((c) => `${c.name} = ${c.chosen === '' ? '(none of these)' : c.chosen}`).join(', ');
  useNotices.getState().show({
    id: 'import-choices',
    tone: 'info',
    message: `${source.label} leaves values open; it was read with ${chosen}.`,
    actions: choices.flatMap((choice) =>
      alternatives(choice).map((value) => ({
        label: `Read with ${choice.name} = ${value === '' ? '(none of these)' : value}`,
        run: () => void run(source, store, { ...options, defines: { ...defines, [choice.name]: value } }),
      })),
    ),
  });
}

function commit(source: ImportSource, store: LayoutStore, outcome: Extract<ImportOutcome, { ok: true }>, options: ReadOptions): void {
  if (!store.getState().replace(outcome.document)) return;
  const shown = outcome.warnings.slice(0, 3).join('; ');
  const warnings = outcome.warnings.length > 0 ? ` (${shown}${outcome.warnings.length > 3 ? '; …' : ''})` : '';
  report(`Imported ${source.label} as ${outcome.formatTitle}${warnings}`);
  if (outcome.choices) offerChoices(source, store, outcome.choices, { ...options, formatId: outcome.formatId });
}

async function read(source: ImportSource, store: LayoutStore, options: ReadOptions, signal?: AbortSignal): Promise<void> {
  // The worker takes the buffer it is given: the source keeps its own for a re-import.
  const input = { bytes: source.bytes.slice(), document: store.getState().history.present, fileName: source.fileName, ...options };
  const outcome = await engine().call('import', input, { signal, timeoutMs: IMPORT_BUDGET_MS });
  if (!outcome.ok && source.file && isUnrecognised(outcome.message)) return inspectImage(source.file);
  // A file no format reads stops here with the reason.
  if (!outcome.ok) {
    report(`${source.label} was not imported: ${failureText(outcome)}`, 'error');
    return;
  }
  if (outcome.alternatives && options.formatId === undefined) {
    report(`${source.label}: say which format it is to import it`);
    const formatId = await askFormat(source.label, [{ formatId: outcome.formatId!, formatTitle: outcome.formatTitle }, ...outcome.alternatives]);
    if (formatId === null) return report(`${source.label} was not imported; the layout is unchanged`);
    if (formatId !== outcome.formatId) return read(source, store, { ...options, formatId });
  }
  if (outcome.questions) {
    report(`${source.label}: give the values it needs to import it`);
    const answers = await askAnswers(source.label, outcome.questions);
    if (answers === null) return report(`${source.label} was not imported; the layout is unchanged`);
    return read(source, store, { ...options, formatId: outcome.formatId, answers: { ...options.answers, ...answers } });
  }
  commit(source, store, outcome, { ...options, formatId: options.formatId ?? (outcome.alternatives ? outcome.formatId : undefined) });
}

/** A read with a status line that can cancel it, and every failure said there. */
async function run(source: ImportSource, store: LayoutStore, options: ReadOptions): Promise<void> {
  const controller = new AbortController();
  report(`Reading ${source.label}…`, 'busy', () => controller.abort());
  try {
    await read(source, store, options, controller.signal);
  } catch (error) {
    if (error instanceof EngineCancelled) report(`Stopped reading ${source.label}; the layout is unchanged`);
    else report(`${source.label} was not imported: ${(error as Error).message}`, 'error');
  }
}

/** Imports bytes: a file's, or pasted text. */
export function importSource(source: ImportSource, store: LayoutStore): Promise<void> {
  return run(source, store, {});
}

export async function importIntoStore(file: File, store: LayoutStore): Promise<void> {
  // An image (large, or no table format's) opens in the inspector instead.
  if (file.size >= INSPECT_FROM) return inspectImage(file);
  if (file.size > IMPORT_LIMIT) {
    report(`${file.name} was not imported: it is ${Math.round(file.size / 1024 / 1024)} MiB, and files up to ${IMPORT_LIMIT / 1024 / 1024} MiB are read`, 'error');
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    report(`${file.name} could not be read: ${(error as Error).message}`, 'error');
    return;
  }
  await importSource({ label: file.name, fileName: file.name, bytes, file }, store);
}
