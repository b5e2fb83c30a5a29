/**
 * The SigmaStar conformance cases (../shared/conformance/sstar/cases) through layouts: each case's
 * command line read as a layout, and each case's output read as a layout, export the case's bytes
 * through the format registry; the presets built after the vendor guide export its bytes too.
 */
import { describe, expect, it } from 'vitest';
import { parseMxp } from '../../codecs/mxp';
import { exportFile, importFile } from '../../formats/files';
import { findPreset } from '../../presets';
import { caseCommand, caseOutput, emptySstarDocument, pniCaseDocument, SSTAR_CASES } from '../../test-support/sstar-cases';
import { readShared } from '../../test-support/shared';
import { mxpToDocument } from './mxp-bridge';
import { mxpFromLists } from '../../codecs/mxp';
import type { LayoutDocument } from '../../model/document';

function exported(document: LayoutDocument, formatId: string): Uint8Array {
  const outcome = exportFile(document, formatId);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.file.bytes;
}

/** The layout an mxpgenerator case's two lists describe (the env_merge variant for *-envmerge). */
function mxpCaseDocument(name: string): LayoutDocument {
  const [bootList, sysList] = caseCommand(name).argv;
  const envMerge = name.endsWith('-envmerge');
  const records = mxpFromLists(bootList, sysList, { envMerge });
  const base = emptySstarDocument('sstar-nor');
  const current = { ...base, device: { ...base.device, ...(envMerge ? { sstar: { envMerge } } : {}) } };
  return mxpToDocument({ records, generation: envMerge ? 'mxpgenerator-env-merge' : 'mxpgenerator', warnings: [] }, current).document;
}

describe.each(SSTAR_CASES)('conformance case %s', (name) => {
  const format = name.startsWith('mxp-') ? 'mxp' : 'pni';
  const expected = caseOutput(name);
  const fromCommand = () => (format === 'mxp' ? mxpCaseDocument(name) : pniCaseDocument(name));

  it('its command line, as a layout, exports the same bytes', () => {
    expect(exported(fromCommand(), format)).toEqual(expected);
  });

  it('its output, read into a layout, exports the same bytes', () => {
    const read = importFile(expected, emptySstarDocument(format === 'mxp' ? 'sstar-nor' : 'sstar-nand'));
    if (!read.ok) throw new Error(read.message);
    expect(read.formatId).toBe(format);
    expect(exported(read.document, format)).toEqual(expected);
  });

  it('the layout gives the generator command line of the case', () => {
    const command = exportFile(fromCommand(), 'sstar-generator');
    expect(command.ok).toBe(true);
    const lines = command.ok ? command.file.text!.split('\n').filter((line) => line !== '' && !line.startsWith('#')) : [];
    const reference = readShared('conformance/sstar/cases', name, 'cmd.txt').trim();
    // The one difference: a single ENV with a spare block is a one-copy partition, ENV0 (the same type, 0x0D, in the same record).
    expect(lines).toEqual([name === 'pni-infinity6e-vendor-repro' ? reference.replace('(ENV)1', '(ENV0)1') : reference]);
  });
});

describe('the presets and the vendor guide', () => {
  it('the SPI-NOR preset exports MXP_SF.bin of mxp-doc-example, and with env_merge of mxp-doc-example-envmerge', () => {
    const preset = findPreset('sstar-nor')!.build();
    expect(exported(preset, 'mxp')).toEqual(caseOutput('mxp-doc-example'));
    const merged = { ...preset, device: { ...preset.device, sstar: { ...preset.device.sstar, envMerge: true } } };
    expect(exported(merged, 'mxp')).toEqual(caseOutput('mxp-doc-example-envmerge'));
    expect(parseMxp(exported(merged, 'mxp')).generation).toBe('mxpgenerator-env-merge');
  });

  it('exports under the names the SDK gives the files', () => {
    const outcome = exportFile(findPreset('sstar-nand')!.build(), 'pni');
    expect(outcome.ok && outcome.file.fileName).toBe('PARTINFO.pni');
    const mxp = exportFile(findPreset('sstar-nor')!.build(), 'mxp');
    expect(mxp.ok && mxp.file.fileName).toBe('MXP_SF.bin');
  });
});

describe('a table edited on the device', () => {
  it('says which records `mxp r.set` left a status in (byte 124 of a record: 0xF7 upgrading)', () => {
    const bytes = caseOutput('mxp-doc-example').slice();
    // KERNEL is record 6 (after IPL..UBOOT_ENV and the BOOT record), at 6 × 136; the status byte is at +124.
    bytes[6 * 136 + 124] = 0xf7;
    const read = importFile(bytes, emptySstarDocument('sstar-nor'));
    expect(read.ok && read.warnings).toEqual(expect.arrayContaining(['MXP record KERNEL has status 0xF7 (upgrading: an update of it did not finish); mxpgenerator writes EMPTY (0x00)']));
  });
});
