/**
 * The reference tool's outputs for 53 real partition tables and 22 message cases
 * (../shared/conformance/esp32): with each case's options, CSV → binary is expected.bin byte for
 * byte, expected.bin → CSV is expected.csv byte for byte, a rejected input gives the tool's
 * standard error line for line (its warnings first); and the same tables through a layout document.
 */
import { describe, expect, it } from 'vitest';
import { parseEsp32Args } from '../../cli/commands/esp32-args';
import { esp32Cases, ESP32_MESSAGES_DIR, type Esp32Case } from '../../test-support/esp32-cases';
import { parseCsv, tableToCsv } from '../../codecs/esp32/csv';
import { Esp32Error, referenceLines } from '../../codecs/esp32/errors';
import { documentToTable, tableToDocument } from './bridge';
import { tableToBinary } from '../../codecs/esp32/binary';
import { runTool } from '../../codecs/esp32/tool';
import { verifyTable } from '../../codecs/esp32/verify';

const cases = esp32Cases();
const messages = esp32Cases(ESP32_MESSAGES_DIR);

/** The case's args.txt as the CLI reads it (the same options apply to both directions). */
function settingsOf(testCase: Esp32Case) {
  return parseEsp32Args([...testCase.args, '--', 'input']).settings;
}

function run(input: Uint8Array, testCase: Esp32Case) {
  const warnings: string[] = [];
  const result = runTool(input, settingsOf(testCase), { warn: (line) => warnings.push(line) });
  return { ...result, warnings };
}

/** What the tool prints to standard error for an input it rejects: its warnings, then the error's lines. */
function rejection(input: Uint8Array, testCase: Esp32Case): string {
  const lines: string[] = [];
  try {
    runTool(input, settingsOf(testCase), { warn: (line) => lines.push(line) });
  } catch (error) {
    if (!(error instanceof Esp32Error)) throw error;
    return [...lines, ...referenceLines(error)].map((line) => `${line}\n`).join('');
  }
  throw new Error(`${testCase.name} was accepted`);
}

describe('gen_esp32part.py conformance corpus', () => {
  it.each([...cases, ...messages].map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    if (testCase.expectedError) {
      expect(testCase.expectedError.exit).toBe(2);
      expect(rejection(testCase.input, testCase)).toBe(testCase.expectedError.text);
      return;
    }
    const toBinary = run(testCase.input, testCase);
    expect(toBinary.inputWasBinary).toBe(false);
    expect(toBinary.output).toEqual(testCase.expectedBin);
    expect(toBinary.warnings).toEqual(testCase.expectedWarnings ?? []);

    const expectedBin = testCase.expectedBin!;
    if (testCase.expectedCsvError) {
      expect(() => run(expectedBin, testCase)).toThrow(Esp32Error);
    } else {
      const toCsv = run(expectedBin, testCase);
      expect(toCsv.inputWasBinary).toBe(true);
      expect(toCsv.output).toBe(testCase.expectedCsv);
    }
  });

  it('finds all 53 cases in ../shared/conformance/esp32/cases and 22 in messages', () => {
    expect(cases.length).toBe(53);
    expect(messages.length).toBe(22);
  });
});

describe('the same tables through a layout document', () => {
  const accepted = [...cases, ...messages].filter((c) => !c.expectedError);

  it.each(accepted.map((c) => [c.name, c] as const))('%s: CSV → document → binary is expected.bin, → CSV is expected.csv', (_name, testCase) => {
    const settings = settingsOf(testCase);
    const document = tableToDocument(parseCsv(testCase.input, settings), settings);
    const table = documentToTable(document);
    verifyTable(table, settings);
    expect(tableToBinary(table, settings.md5)).toEqual(testCase.expectedBin);
    expect(tableToCsv(table, settings)).toBe(testCase.expectedCsv);
  });

  it('covers every accepted case', () => {
    expect(accepted.length).toBe(52 + 3);
  });
});
