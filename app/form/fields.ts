/**
 * Field parsers shared by the forms: each turns the text of one field into a model value or a
 * message for that field. The form schemas read fields through a FieldReader, so a field that
 * does not apply (an offset while "auto" is on) is never checked.
 */
import { z } from 'zod';
import { parseBytes } from '../../src/index';

export type FieldResult<T> = { ok: true; value: T } | { ok: false; error: string };
export type FieldParser<T> = (text: string) => FieldResult<T>;

/** A byte count as people type it: `0x1F000`, `126976`, `64K`, `4M`. */
export const byteCount: FieldParser<number> = (text) => {
  const parsed = parseBytes(text);
  return parsed.ok ? parsed : { ok: false, error: parsed.error };
};

export const positiveByteCount: FieldParser<number> = (text) => {
  const parsed = byteCount(text);
  return parsed.ok && parsed.value === 0 ? { ok: false, error: 'must be at least 1 byte' } : parsed;
};

/** Empty means "not set" (the family default, no image yet). */
export function optional<T>(parser: FieldParser<T>): FieldParser<T | undefined> {
  return (text) => (text.trim() === '' ? { ok: true, value: undefined } : parser(text));
}

/** A count typed in decimal, within [min, max]. */
export function wholeNumber(min: number, max: number): FieldParser<number> {
  return (text) => {
    const trimmed = text.trim();
    if (!/^[0-9]+$/.test(trimmed)) return { ok: false, error: `"${trimmed}" is not a whole number (${min} to ${max})` };
    const value = Number(trimmed);
    return value < min || value > max ? { ok: false, error: `must be between ${min} and ${max}` } : { ok: true, value };
  };
}

export const nonEmpty: FieldParser<string> = (text) => (text.trim() === '' ? { ok: false, error: 'must not be empty' } : { ok: true, value: text });

/** A refused field and why. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Reads fields one by one, collecting a message for each refused one. */
export class FieldReader<Values extends object> {
  readonly issues: FieldIssue[] = [];

  constructor(private readonly values: Values) {}

  read<T>(field: keyof Values & string, parser: FieldParser<T>): T | undefined {
    const result = parser(String(this.values[field] ?? ''));
    if (result.ok) return result.value;
    this.refuse(field, result.error);
    return undefined;
  }

  refuse(field: keyof Values & string, message: string): void {
    this.issues.push({ field, message });
  }
}

/**
 * The zod schema of a form: the values' shape, then `read` turns them into the output or reports
 * every refused field at its path (react-hook-form shows each message at its field).
 */
export function formSchema<Shape extends z.ZodRawShape, Output>(
  shape: Shape,
  read: (values: z.output<z.ZodObject<Shape>>, reader: FieldReader<z.output<z.ZodObject<Shape>>>) => Output,
) {
  return z.object(shape).transform((values, context) => {
    const reader = new FieldReader(values);
    const output = read(values, reader);
    for (const issue of reader.issues) context.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    return reader.issues.length > 0 ? z.NEVER : output;
  });
}
