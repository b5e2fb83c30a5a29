/** Reading a file (or standard input) named on the command line, with a clear error when it cannot be read. */
import { describeFileError, type CliIo } from './io';

export class InputError extends Error {}

export function readInput(path: string, io: CliIo): Uint8Array {
  try {
    return path === '-' ? io.readStdin() : io.readFile(path);
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFileError(error)}`);
  }
}
