/** Reading a layout document named on the command line. */
import { parseDocumentText, type LayoutDocument } from '../model/document';
import { normalizeDocument } from '../families';
import type { CliIo } from './io';
import { InputError, readInput } from './input';

export { InputError, readInput };

export function loadDocument(path: string, io: CliIo): LayoutDocument {
  const text = new TextDecoder().decode(readInput(path, io));
  const result = parseDocumentText(text);
  if (!result.ok) {
    throw new InputError(`${path} is not a valid layout document:\n` + result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n'));
  }
  return normalizeDocument(result.document);
}
