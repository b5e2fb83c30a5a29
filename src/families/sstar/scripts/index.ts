/**
 * Every file the SDK's `make scripts` writes under images/ for a layout, checked as estar reads
 * them (each smaller than its 4 KiB buffer), and the bundle the export offers: the scripts,
 * auto_update.txt and the partition table they load (boot/MXP_SF.bin or boot/PARTINFO.pni).
 */
import { zipSync } from 'fflate';
import { emitEstarScript } from '../../../codecs/estar-script';
import { FormatError } from '../../../codecs/errors';
import type { LayoutDocument } from '../../../model/document';
import { scriptContext } from './context';
import { nandScripts } from './nand';
import { norScripts } from './nor';
import type { BurnScript } from './script';

export interface ScriptFile {
  path: string;
  text: string;
}

export interface ScriptFailure {
  path: string;
  error: FormatError;
}

function written(script: BurnScript): ScriptFile | ScriptFailure {
  try {
    const text = emitEstarScript(script.lines, script.bare ? { header: false, footer: false } : {});
    return { path: script.path, text };
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    return { path: script.path, error: new FormatError(`${script.path}: ${error.message}`, {}, `${script.path}: ${error.reason}`) };
  }
}

/** Each script, or why estar could not take it (too large for its 4 KiB buffer...). */
export function burnScriptFiles(document: LayoutDocument): Array<ScriptFile | ScriptFailure> {
  const context = scriptContext(document);
  return (context.nand ? nandScripts(context) : norScripts(context)).map(written);
}

export function burnScripts(document: LayoutDocument): ScriptFile[] {
  return burnScriptFiles(document).map((file) => {
    if ('error' in file) throw file.error;
    return file;
  });
}

/** A fixed time for every entry, so the same layout gives the same bytes. */
const ZIP_TIME = new Date(Date.UTC(2000, 0, 1));

export function scriptBundle(document: LayoutDocument, table: { path: string; bytes: Uint8Array }): Uint8Array {
  const encoder = new TextEncoder();
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of burnScripts(document)) files[`images/${file.path}`] = [encoder.encode(file.text), { mtime: ZIP_TIME }];
  files[`images/${table.path}`] = [table.bytes, { mtime: ZIP_TIME }];
  return zipSync(files, { level: 6 });
}
