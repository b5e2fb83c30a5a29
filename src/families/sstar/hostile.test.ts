/**
 * Hostile files for every SigmaStar importer: random bytes, mangled real files and huge inputs end
 * in a located FormatError (importFile's failure) or a layout the schema accepts, never an
 * exception; huge ones stop at the format's limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../formats/files';
import { parseDocument } from '../../model/document';
import { readShared } from '../../test-support/shared';
import { caseOutput, emptySstarDocument } from '../../test-support/sstar-cases';

const FORMATS = ['mxp', 'pni', 'partition-config', 'mtdparts'] as const;
const encode = (text: string) => new TextEncoder().encode(text);

function readsSafely(bytes: Uint8Array, formatId?: string) {
  for (const family of ['sstar-nor', 'sstar-nand'] as const) {
    const outcome = importFile(bytes, emptySstarDocument(family), formatId ? { formatId } : {});
    if (outcome.ok) expect(parseDocument(JSON.parse(JSON.stringify(outcome.document))).ok).toBe(true);
    else expect(outcome.message.length).toBeLessThan(1000);
  }
}

describe('hostile inputs to the SigmaStar importers', () => {
  it.each(FORMATS)('%s: random bytes', (formatId) => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => readsSafely(bytes, formatId)), { numRuns: 100 });
  });

  it.each([
    ['MXP_SF.bin', () => caseOutput('mxp-doc-example'), 'mxp'],
    ['PARTINFO.pni', () => caseOutput('pni-doc-example'), 'pni'],
    ['partition.config', () => encode(readShared('corpus/sstar/configs', 'xuxiaojiao-ssd202_i2m_spinand.ubifs.p2.partition.config')), 'partition-config'],
    ['mtdparts', () => encode('mtdparts=nand0:0x140000@0x0(CIS),0x60000(IPL0),0x60000(IPL1),0x500000(KERNEL),-(UBI)'), 'mtdparts'],
  ])('%s with bytes changed', (_name, file, formatId) => {
    const original = file();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (changes) => {
        const bytes = original.slice();
        for (const [at, value] of changes) bytes[at] = value;
        readsSafely(bytes, formatId);
        readsSafely(bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('a 1 MB mtdparts string stops at the partition limit, where it is passed; a config of 20,000 images is read to its missing BOOTTAB', () => {
    // A hang or a quadratic read would meet the test timeout; the outcome says where reading stopped.
    const parts = Array.from({ length: 20_000 }, (_, i) => `0x20000(p${i})`).join(',');
    // The 1025th partition starts after the prefix, 1024 partitions and their comma (columns count from 1).
    const column = 'mtdparts=nand0:'.length + parts.split(',').slice(0, 1024).join(',').length + 2;
    const images = Array.from({ length: 20_000 }, (_, i) => `img${i}$(PATSIZE) = 0x20000`).join('\n');
    for (const family of ['sstar-nor', 'sstar-nand'] as const) {
      const mtdparts = importFile(encode(`mtdparts=nand0:${parts}`), emptySstarDocument(family), { formatId: 'mtdparts' });
      expect(mtdparts).toMatchObject({ ok: false, message: `more than 1024 partitions (column ${column})` });
      const config = importFile(encode(`IMAGE_LIST = mxp\nFLASH_TYPE = nor\n${images}\n`), emptySstarDocument(family), { formatId: 'partition-config' });
      expect(config).toMatchObject({ ok: false, message: expect.stringMatching(/^mxp has no BOOTTAB/) });
    }
  });
});
