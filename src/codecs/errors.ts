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
  /**
   * The format's own wording without any location (where the two differ): for a format with a
   * reference tool, the tool's words exactly, so a drop-in can print them as the tool does.
   */
  readonly reason: string;
  /** What Flashmap explains beyond `reason` (which must stay the reference's words); shown to people. */
  readonly note?: string;

  constructor(message: string, location: FormatLocation = {}, reason = message, note?: string) {
    super(message);
    this.reason = reason;
    this.note = note;
    this.name = 'FormatError';
    this.line = location.line;
    this.column = location.column;
    this.offset = location.offset;
  }
}
