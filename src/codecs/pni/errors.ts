/**
 * Errors in pnigenerator's command line: `argument` is the 0-based index in the argument list
 * (without the program name), the FormatError column the 1-based character in that argument.
 */
import { FormatError } from '../errors';

export interface PniArgumentLocation {
  /** 0-based index of the argument, when the error comes from an argument list. */
  argument?: number;
  /** The option the text belongs to, such as `-t`. */
  option?: string;
  /** 1-based column in the argument (or in the option's value when `argument` is unknown). */
  column?: number;
}

export class PniArgumentError extends FormatError {
  readonly argument?: number;
  readonly option?: string;

  constructor(reason: string, location: PniArgumentLocation) {
    super(`${reason}${describe(location)}`, { column: location.column });
    this.name = 'PniArgumentError';
    this.argument = location.argument;
    this.option = location.option;
  }
}

function describe({ argument, option, column }: PniArgumentLocation): string {
  const parts: string[] = [];
  if (argument !== undefined) parts.push(`argument ${argument + 1}`);
  if (option !== undefined) parts.push(argument === undefined ? `${option} value` : option);
  if (column !== undefined) parts.push(`column ${column}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
