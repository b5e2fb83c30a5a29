/** The SigmaStar conformance cases of ../shared/conformance/sstar: their command lines, outputs and the layouts they stand for. */
import { readdirSync, readFileSync } from 'node:fs';
import { parsePniArgs } from '../codecs/pni';
import { FAMILIES } from '../families';
import { pniArgsToDocument } from '../families/sstar/pni-bridge';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type LayoutDocument } from '../model/document';
import { readShared, sharedPath } from './shared';

export const SSTAR_CASES = readdirSync(sharedPath('conformance/sstar/cases')).sort();

/** Shell words of a one-line command: double-quoted strings or runs of non-blanks. */
export function shellWords(line: string): string[] {
  return [...line.trim().matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

/** The case's command line: the tool and its arguments. */
export function caseCommand(name: string): { tool: string; argv: string[] } {
  const [tool, ...argv] = shellWords(readShared('conformance/sstar/cases', name, 'cmd.txt'));
  return { tool, argv };
}

export function caseOutput(name: string): Uint8Array {
  const file = name.startsWith('mxp-') ? 'MXP_SF.bin' : 'PARTINFO.pni';
  return new Uint8Array(readFileSync(sharedPath('conformance/sstar/cases', name, file)));
}

export function emptySstarDocument(family: 'sstar-nor' | 'sstar-nand'): LayoutDocument {
  const device = FAMILIES[family].defaultDevice();
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: 'empty', device, areas: FAMILIES[family].defaultAreas(device), partitions: [] };
}

/** The layout a pnigenerator case's command line describes (its -t and -y lists and geometry). */
export function pniCaseDocument(name: string): LayoutDocument {
  return pniArgsToDocument(parsePniArgs(caseCommand(name).argv), emptySstarDocument('sstar-nand')).document;
}
