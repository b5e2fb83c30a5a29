/**
 * Reading the file a command works on: a layout document, or a table in any format Flashmap
 * reads (an ESP-IDF CSV or binary, …), which becomes a layout of its family. A table that cannot
 * be read is reported in the located form people read: `line 3, column 17: ` and the format's
 * own words (failureText), as the app shows it.
 */
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, parseDocumentText, type LayoutDocument } from '../model/document';
import { FAMILIES, normalizeDocument } from '../families';
import { failureText, importFile } from '../formats/files';
import type { CliIo } from './io';
import { InputError, readInput } from './input';

export { InputError, readInput };

/** The first character that is not blank space (after a UTF-8 mark): `{` starts a document. */
function startsLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i++;
  return bytes[i] === 0x7b;
}

/** A layout with nothing in it: a table read into it takes its own family and the format's defaults. */
export function emptyLayout(): LayoutDocument {
  const family = FAMILIES.nor;
  const device = family.defaultDevice();
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: 'layout', device, areas: family.defaultAreas(device), partitions: [] };
}

export function loadDocument(path: string, io: CliIo): LayoutDocument {
  const bytes = readInput(path, io);
  if (!startsLikeJson(bytes)) {
    const outcome = importFile(bytes, emptyLayout(), { fileName: path });
    if (!outcome.ok) throw new InputError(`${path}: ${failureText(outcome)}`);
    return outcome.document;
  }
  const result = parseDocumentText(new TextDecoder().decode(bytes));
  if (!result.ok) {
    throw new InputError(`${path} is not a valid layout document:\n` + result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n'));
  }
  return normalizeDocument(result.document);
}
