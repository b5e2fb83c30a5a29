/**
 * The questions an import asks before it changes anything: which reading of a file two formats
 * read, and the values a .wks leaves open. One question at a time; the answer (or null for
 * Cancel) resolves the promise the import waits on.
 */
import { create } from 'zustand';
import type { ImportAlternative } from '../../src/formats/files';
import type { ImportQuestion } from '../../src/formats/format';

export type ImportRequest =
  | { kind: 'format'; source: string; readings: ImportAlternative[]; answer(formatId: string | null): void }
  | { kind: 'questions'; source: string; questions: ImportQuestion[]; answer(answers: Record<string, string> | null): void };

export const useImportDialog = create<{ request: ImportRequest | null }>()(() => ({ request: null }));

function ask<T>(make: (answer: (value: T | null) => void) => ImportRequest): Promise<T | null> {
  // A request still open (a second drop) is cancelled: only one question is on screen.
  useImportDialog.getState().request?.answer(null);
  return new Promise((resolve) => {
    const answer = (value: T | null) => {
      useImportDialog.setState({ request: null });
      resolve(value);
    };
    useImportDialog.setState({ request: make(answer) });
  });
}

export function askFormat(source: string, readings: ImportAlternative[]): Promise<string | null> {
  return ask<string>((answer) => ({ kind: 'format', source, readings, answer }));
}

export function askAnswers(source: string, questions: ImportQuestion[]): Promise<Record<string, string> | null> {
  return ask<Record<string, string>>((answer) => ({ kind: 'questions', source, questions, answer }));
}
