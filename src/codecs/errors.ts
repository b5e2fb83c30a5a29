/**
 * The one error type every format parser and emitter throws: a message a user can act on, and
 * where in the input the problem is (a 1-based line and column for text, a byte offset for binary).
 * Anything else escaping a parser is a bug.
 */
export interface FormatLocation {
  /** 1-based line of a text input. */
  line?: number;
  /** 1-based column (in characters) of the bad field on that line. */
  column?: number;
  /** Byte offset into a binary input. */
  offset?: number;
}

export class FormatError extends Error {
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  /** The message without any location the format's own wording appends (where the two differ). */
  readonly reason: string;

  constructor(message: string, location: FormatLocation = {}, reason = message) {
    super(message);
    this.reason = reason;
    this.name = 'FormatError';
    this.line = location.line;
    this.column = location.column;
    this.offset = location.offset;
  }
}
