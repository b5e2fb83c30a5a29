/**
 * SigmaStar CIS on a SPI-NAND dump: the PNI in page 1 of blocks 0, 2, 4, … (checksum checked),
 * for 2 KiB or 4 KiB pages; a dump with the spare (OOB) bytes after each page is recognised by
 * where page 1 starts, and every offset of its partitions is given in the dump's bytes.
 */
import { u16le } from '../../codecs/bytes';
import { CIS_MAX_COPIES, parsePni, PNI_BYTES, pniTypeName } from '../../codecs/pni';
import { warning, type Probe } from '../probe';
import { region, type Region } from '../region';

/** Page and spare sizes, plain dumps first. */
const GEOMETRIES: ReadonlyArray<{ page: number; spare: number }> = [
  { page: 2048, spare: 0 },
  { page: 4096, spare: 0 },
  { page: 2048, spare: 64 },
  { page: 2048, spare: 128 },
  { page: 4096, spare: 128 },
  { page: 4096, spare: 256 },
];

function geometryOf(w: Uint8Array): { page: number; spare: number } | undefined {
  return GEOMETRIES.find(({ page, spare }) => page + spare + PNI_BYTES <= w.length && u16le(w, page + spare + 6) === page);
}

export const cisProbe: Probe = {
  name: 'cis',
  atStartOnly: true,
  matches: (w) => geometryOf(w) !== undefined,
  async read({ reader }, offset) {
    if (offset !== 0) return [];
    const window = await reader.bytes(0, 0x2400);
    for (const { page, spare } of GEOMETRIES) {
      if (page + spare + PNI_BYTES > window.length || u16le(window, page + spare + 6) !== page) continue;
      const pniAt = page + spare;
      let pni;
      try {
        pni = parsePni(window.subarray(pniAt, pniAt + PNI_BYTES));
      } catch {
        continue;
      }
      const rawPage = page + spare;
      const block = pni.header.blockPageCount * rawPage;
      if (block <= 0) continue;
      let copies = 1;
      for (let k = 1; k < CIS_MAX_COPIES; k++) {
        const at = 2 * k * block + pniAt;
        const copy = await reader.bytes(at, PNI_BYTES);
        if (copy.length < PNI_BYTES || copy.some((b, i) => b !== window[pniAt + i])) break;
        copies++;
      }
      const cis = region('cis', 0, 2 * copies * block, null, {
        pageSize: page,
        spareSize: spare,
        oobInterleaved: spare > 0,
        pagesPerBlock: pni.header.blockPageCount,
        blockSize: pni.header.pageByteCount * pni.header.blockPageCount,
        blocks: pni.header.blockCount,
        copies,
        checksum: 'valid',
        records: pni.records.length,
      });
      cis.warnings.push(...pni.warnings.map((w) => warning(pniAt, w)));
      const partitions: Region[] = pni.records.map((r, index) =>
        region('pni-partition', r.startBlock * block, r.blockCount * block, pniTypeName(r.partType) ?? `0x${r.partType.toString(16).padStart(4, '0')}`, {
          record: index,
          partType: r.partType,
          startBlock: r.startBlock,
          blockCount: r.blockCount,
          backupBlockCount: r.backupBlockCount,
          table: 'pni',
        }),
      );
      return [cis, ...partitions];
    }
    return [];
  },
};
