/**
 * gen_esp32part.py's recorded answers (gen-esp32part/answers.json, made by
 * scripts/gen-esp32part-answers.py with ESP-IDF v6.0.2's script under CPython 3.11): command lines
 * and tables beyond the conformance corpus, with the tool's status, standard error and output.
 */
import { readFileSync } from 'node:fs';

export interface ReferenceAnswer {
  name: string;
  /** The command line; IN and OUT stand for the input and output files. */
  args: string[];
  /** $COLUMNS, when the case set it (argparse wraps its usage and help to it). */
  columns?: number;
  input: Uint8Array;
  /** 1 when the tool stopped with a Python exception (then `crash` is its last line). */
  status: number;
  /** Standard error (up to the exception, for a crash), with IN and OUT for the file names. */
  stderr: string;
  crash: string | null;
  stdout: Uint8Array;
  /** The output file, when one was written. */
  file: Uint8Array | null;
}

const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export function referenceAnswers(): ReferenceAnswer[] {
  const raw = JSON.parse(readFileSync(new URL('./gen-esp32part/answers.json', import.meta.url), 'utf8')) as Array<Record<string, unknown>>;
  return raw.map((answer) => ({
    ...(answer as unknown as ReferenceAnswer),
    input: bytes(answer.input as string),
    stdout: bytes(answer.stdout as string),
    file: answer.file === null ? null : bytes(answer.file as string),
  }));
}
