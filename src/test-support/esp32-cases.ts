/**
 * The ESP32 conformance corpus in ../shared/conformance/esp32: real tables in `cases/` and small
 * tables provoking each message family in `messages/`, each with its input, the reference tool's
 * options and its outputs (expected values come from these files only).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sharedPath } from './shared';

export interface Esp32Case {
  name: string;
  input: Uint8Array;
  /** The words of args.txt (options given to the reference tool for both directions). */
  args: string[];
  expectedBin?: Uint8Array;
  expectedCsv?: string;
  /** expected-error.txt: the tool rejected the CSV (first line "exit N"). */
  expectedError?: { exit: number; text: string };
  /** expected-csv-error.txt: the tool could not read its own binary back. */
  expectedCsvError?: { exit: number; text: string };
  /** expected-warnings.txt lines. */
  expectedWarnings?: string[];
  /** expected-warnings.txt as it is: the tool's standard error when it accepted the input. */
  expectedWarningsText?: string;
}

export const ESP32_CASES_DIR = sharedPath('conformance', 'esp32', 'cases');
export const ESP32_MESSAGES_DIR = sharedPath('conformance', 'esp32', 'messages');

function optional(dir: string, file: string): Buffer | undefined {
  const path = `${dir}/${file}`;
  return existsSync(path) ? readFileSync(path) : undefined;
}

function bytesOf(data: Buffer | undefined): Uint8Array | undefined {
  return data && new Uint8Array(data);
}

function errorFile(data: Buffer | undefined): { exit: number; text: string } | undefined {
  if (!data) return undefined;
  const [first, ...rest] = data.toString('utf8').split('\n');
  return { exit: Number(/^exit (\d+)/.exec(first)?.[1]), text: rest.join('\n') };
}

/**
 * Every case of one folder (the real tables by default, or ESP32_MESSAGES_DIR), sorted by name;
 * an empty list when ../shared is missing (callers assert the count).
 */
export function esp32Cases(folder = ESP32_CASES_DIR): Esp32Case[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = `${folder}/${name}`;
      const warnings = optional(dir, 'expected-warnings.txt');
      return {
        name,
        input: new Uint8Array(readFileSync(`${dir}/input.csv`)),
        args: readFileSync(`${dir}/args.txt`, 'utf8').trim().split(/\s+/).filter(Boolean),
        expectedBin: bytesOf(optional(dir, 'expected.bin')),
        expectedCsv: optional(dir, 'expected.csv')?.toString('utf8'),
        expectedError: errorFile(optional(dir, 'expected-error.txt')),
        expectedCsvError: errorFile(optional(dir, 'expected-csv-error.txt')),
        expectedWarnings: warnings?.toString('utf8').split('\n').filter((line) => line !== ''),
        expectedWarningsText: warnings?.toString('utf8'),
      };
    });
}
