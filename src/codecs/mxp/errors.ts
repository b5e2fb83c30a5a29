/**
 * Errors in mxpgenerator's two list arguments: the FormatError column is the 1-based character
 * position inside the list, and `list` says which of the two arguments it is.
 */
import { FormatError } from '../errors';

export type MxpListName = 'BOOT' | 'SYS';

export class MxpListError extends FormatError {
  readonly list: MxpListName;

  constructor(reason: string, list: MxpListName, column: number) {
    super(`${reason} (${list} list, column ${column})`, { column });
    this.name = 'MxpListError';
    this.list = list;
  }
}
