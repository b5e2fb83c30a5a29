/** Reading a layout document named on the command line. */
import { parseDocumentText, type LayoutDocument } from '../model/document';
import { familyOf } from '../families';
import type { CliIo } from './io';

export class InputError extends Error {}

export function readInput(path: string, io: CliIo): Uint8Array {
  try {
    return path === '-' ? io.readStdin() : io.readFile(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function loadDocument(path: string, io: CliIo): LayoutDocument {
  const text = new TextDecoder().decode(readInput(path, io));
  const result = parseDocumentText(text);
  if (!result.ok) {
    throw new InputError(`${path} is not a valid layout document:\n` + result.errors.map((e) => `  ${e.path}: ${e.message}`).join('\n'));
  }
  const family = familyOf(result.document);
  return family.normalize ? family.normalize(result.document) : result.document;
}
