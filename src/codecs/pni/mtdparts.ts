/**
 * The `mtdparts` U-Boot derives from a PNI when `writecis` runs (OpenIPC/u-boot-sigmastar
 * drivers/mstar/spinand/drvSPINAND_api.c `_MDrv_SPINAND_GetMtdPartsFromPNI`), reproduced step by
 * step: hidden records are skipped; each size is (blocks + backup blocks) × block size; only the
 * first part carries `@start`; names are rebuilt from the type code with a running number per run
 * of equal types (IPL0, IPL1, ..., ENV0) or `UNKNOWN<record index>`; when the last record is
 * logical (wear-levelled) a `-` remainder is appended (`,-(UBI)` for 0xC000). U-Boot prints with
 * 32-bit arithmetic and gives up when the text passes its 512-byte buffer; so does this.
 */
import { FormatError } from '../errors';
import type { Pni } from './records';
import { PNI_HIDDEN, PNI_LOGICAL } from './types';

const PREFIX = 'mtdparts=nand0:';
const BUFFER_BYTES = 512;
const U32 = 2 ** 32;
const PART_END = 0xc000;

/** Names without a running number, by type code without flags. */
const FIXED_NAMES = new Map<number, string>([
  [0x20, 'CIS'],
  [0x02, 'LOGO'],
  [0x05, 'CUS'],
  [0x04, 'KERNEL'],
  [0x07, 'SECINFO'],
  [0x08, 'OTP'],
  [0x09, 'RECOVERY'],
  [0x0a, 'E2PBAK'],
  [0x0b, 'NVRAMBAK'],
  [0x0c, 'NPT'],
  [0x0e, 'MISC'],
  [0x10, 'RTOS'],
  [0x11, 'RTOS_BACKUP'],
  [0x12, 'KERNEL'],
  [0x13, 'KERNEL_BACKUP'],
  [0x21, 'UBI'],
  [0x0f, 'rootfs'],
]);

/** Names followed by the number of the record in its run of equal types. */
const NUMBERED_NAMES = new Map<number, string>([
  [0x01, 'IPL_CUST'],
  [0x03, 'IPL'],
  [0x06, 'UBOOT'],
  [0x0d, 'ENV'],
]);

function partName(type: number, runIndex: number, recordIndex: number): string {
  const code = type % 0x1000;
  const fixed = FIXED_NAMES.get(code);
  if (fixed !== undefined) return fixed;
  const numbered = NUMBERED_NAMES.get(code);
  if (numbered !== undefined) return `${numbered}${runIndex}`;
  if (code >= 0x30 && code <= 0x3f) return `CUST${code - 0x30}`;
  return `UNKNOWN${recordIndex}`;
}

const hasFlag = (type: number, flag: number) => Math.floor(type / flag) % 2 === 1;
const hex = (value: number) => `0x${(value % U32).toString(16).toUpperCase()}`;

/** `mtdparts=nand0:...` for this PNI, with `blockSize` the flash's block size in bytes (pages per block × page bytes). */
export function pniToMtdparts(pni: Pni, blockSize: number): string {
  let text = PREFIX;
  let room = BUFFER_BYTES - PREFIX.length;
  const append = (part: string) => {
    if (room < part.length) throw new FormatError(`the mtdparts U-Boot derives from this PNI passes its ${BUFFER_BYTES}-byte buffer; U-Boot would fail with "GetMtdParts fail"`);
    text += part;
    room -= part.length;
  };
  let lastType = 0;
  let runIndex = 0;
  let name = '';
  let first = true;
  let logical = false;
  pni.records.forEach((record, i) => {
    logical = hasFlag(record.partType, PNI_LOGICAL);
    if (hasFlag(record.partType, PNI_HIDDEN)) return;
    if (!first) {
      // U-Boot writes the comma without checking its room.
      text += ',';
      room -= 1;
    }
    runIndex = record.partType === lastType ? runIndex + 1 : 0;
    lastType = record.partType;
    name = partName(record.partType, runIndex, i);
    const size = hex((record.blockCount + record.backupBlockCount) * blockSize);
    append(first ? `${size}@${hex(record.startBlock * blockSize)}(${name})` : `${size}(${name})`);
    first = false;
  });
  const last = pni.records.at(-1);
  if (logical && last !== undefined) {
    if (last.partType === PART_END) append(',-(UBI)');
    else if (!hasFlag(last.partType, PNI_HIDDEN)) append(`,-(${name})`);
  }
  return text;
}
