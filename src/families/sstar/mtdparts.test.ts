/** The mtdparts of SigmaStar layouts: as U-Boot derives it from the PNI (spec §3, the codec's U-Boot reading) and read back. */
import { describe, expect, it } from 'vitest';
import { parseMtdparts } from '../../codecs/mtdparts';
import { pniToMtdparts } from '../../codecs/pni';
import { exportFile, importFile } from '../../formats/files';
import { findPreset } from '../../presets';
import { mxpListing } from '../../test-support/references';
import { emptySstarDocument, pniCaseDocument } from '../../test-support/sstar-cases';
import { documentMtdparts, mtdpartsToDocument } from './mtdparts-bridge';
import { documentPniLayout } from './pni-bridge';

describe('mtdparts of a layout', () => {
  it('SPI-NOR: BOOT then the SYS partitions, the MTD records of the MXP table (mxp-doc-example listing)', () => {
    const text = documentMtdparts(findPreset('sstar-nor')!.build());
    const [device] = parseMtdparts(text);
    let offset = 0;
    const parts = device.partitions.map((p) => {
      const start = p.offset ?? offset;
      offset = start + (p.size as number);
      return { name: p.name, start, size: p.size };
    });
    const listing = mxpListing('mxp-doc-example');
    expect(parts).toEqual(listing.filter((entry) => ['BOOT', 'KERNEL', 'rootfs', 'miservice', 'customer'].includes(entry.name)));
    expect(device.partitions.filter((p) => p.readOnly).map((p) => p.name)).toEqual(['miservice', 'customer']);
  });

  it('SPI-NAND: U-Boot’s string from the PNI with CIS deleted, then the SYS list, as set_partition.es leaves it', () => {
    const document = pniCaseDocument('pni-doc-example');
    const { pni } = documentPniLayout(document);
    const uBoot = pniToMtdparts(pni, 0x20000).replace('mtdparts=nand0:0x60000@0x0(CIS),0x20000(IPL0)', 'mtdparts=nand0:0x20000@0x60000(IPL0)');
    expect(documentMtdparts(document)).toBe(`${uBoot},0x500000(KERNEL),0x500000(RECOVERY),0x600000(rootfs),-(UBI)`);
  });

  it('reads back into the same layout it came from', () => {
    for (const id of ['sstar-nor', 'sstar-nand', 'sstar-nand-256']) {
      const preset = findPreset(id)!.build();
      const exported = exportFile(preset, 'mtdparts');
      if (!exported.ok) throw new Error(exported.message);
      const read = importFile(exported.file.bytes, preset);
      if (!read.ok) throw new Error(read.message);
      expect(read.formatId, id).toBe('mtdparts');
      expect(read.document.partitions, id).toEqual(preset.partitions);
    }
  });

  it('reads a string into a fresh layout of the flash its mtd-id names, with the device size given', () => {
    const { document, warnings } = mtdpartsToDocument('mtdparts=nand0:0x60000@0x140000(IPL0),0x60000(IPL1),0x500000(KERNEL),-(UBI)', emptySstarDocument('sstar-nor'), 256 * 1024 * 1024);
    expect(document.device).toMatchObject({ family: 'sstar-nand', size: 256 * 1024 * 1024 });
    expect(document.partitions.map((p) => [p.name, p.offset, p.size, p.copies?.count])).toEqual([
      ['CIS', 'auto', 0x140000, undefined],
      ['IPL', 0x140000, 0x60000, 2],
      ['KERNEL', 'auto', 0x500000, undefined],
      ['UBI', 'auto', 'rest', undefined],
    ]);
    expect(warnings.join('\n')).toMatch(/no CIS partition/);
  });

  it('gives the column of a broken string', () => {
    const read = importFile(new TextEncoder().encode('mtdparts=nand0:0x60000(IPL0),junk'), emptySstarDocument('sstar-nand'), { formatId: 'mtdparts' });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.location?.column).toBe(30);
  });
});
