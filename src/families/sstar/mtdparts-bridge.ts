/**
 * The `mtdparts` a SigmaStar layout gives Linux, and a layout read from one.
 *
 * SPI-NOR: the MXP records with the MTD bit, as the kernel makes MTD partitions of them: BOOT
 * (the whole BOOT area, mtd0), then each SYS partition (mtdblock1...). SPI-NAND: what
 * `[[set_partition.es` leaves in U-Boot's environment: the string U-Boot derives from the PNI
 * (names rebuilt from the types: IPL0, ..., ENV0), `mtdparts del CIS`, then the SYS list appended
 * ("setenv mtdparts $(mtdparts),<SYSTAB>"). Sizes include the spare blocks, as U-Boot counts them.
 *
 * Read back, a string keeps the current layout's BOOT area when it covers the same bytes (mtdparts
 * lists BOOT as one partition on NOR, and copies with their spare blocks folded in on NAND).
 */
import { FormatError } from '../../codecs/errors';
import { emitMtdparts, MTDPARTS_PREFIX, parseMtdparts, parseMtdpartsList, resolveMtdparts, type MtdDevice, type MtdPartition } from '../../codecs/mtdparts';
import { MXP_TYPE_MTD } from '../../codecs/mxp';
import { pniToMtdparts } from '../../codecs/pni';
import { place } from '../../layout/place';
import type { Device, LayoutDocument, Partition } from '../../model/document';
import { idAllocator } from '../../model/ids';
import { formatHex, MiB } from '../../model/units';
import { keepFromCurrent, sstarDocument } from './carry';
import { nandGeometry } from './geometry';
import { documentMxpRecords } from './mxp-bridge';
import { baseName, kindOf, readsAsCopies } from './names';
import { sstarNandBase } from './nand-base';
import { sstarNorBase } from './nor-base';
import { documentPniLayout } from './pni-bridge';
import { pniEntries } from './pni-entries';

/** The mtd-ids U-Boot and Linux give SigmaStar's flashes (drvSPINAND_api.c writes nand0). */
const MTD_ID = { 'sstar-nor': 'nor0', 'sstar-nand': 'nand0' } as const;

function readOnly(document: LayoutDocument, name: string): boolean {
  return document.partitions.some((p) => p.name === name && p.flags?.includes('readonly'));
}

function norMtdparts(document: LayoutDocument): MtdDevice {
  const records = documentMxpRecords(document).filter((record) => (record.type & MXP_TYPE_MTD) !== 0);
  const last = document.partitions.filter((p) => p.area === 'sys').at(-1);
  const partitions = records.map((record, index): MtdPartition => {
    const rest = index === records.length - 1 && last?.name === record.name && last.size === 'rest' && record.start + record.size === document.device.size;
    return { size: rest ? 'rest' : record.size, ...(index === 0 ? { offset: record.start } : {}), name: record.name, readOnly: readOnly(document, record.name), lock: false, slc: false };
  });
  return { id: MTD_ID['sstar-nor'], partitions };
}

function nandMtdparts(document: LayoutDocument): MtdDevice {
  const placement = place(document, sstarNandBase);
  const { blockBytes } = nandGeometry(document.device);
  const [boot] = parseMtdparts(pniToMtdparts(documentPniLayout(document, placement).pni, blockBytes));
  // `mtdparts del CIS`: the first part left keeps its start.
  let offset = 0;
  const kept: MtdPartition[] = [];
  for (const partition of boot.partitions) {
    const start = partition.offset ?? offset;
    offset = start + (partition.size === 'rest' ? 0 : partition.size);
    if (partition.name === 'CIS') continue;
    kept.push({ ...partition, ...(kept.length === 0 ? { offset: start } : { offset: undefined }) });
  }
  for (const entry of pniEntries(document, placement).filter((e) => e.list === 'SYS')) {
    const size = entry.size === undefined ? 'rest' : entry.size + entry.spareBlocks * blockBytes;
    kept.push({ size, ...(entry.explicit || kept.length === 0 ? { offset: entry.start } : {}), name: entry.name, readOnly: readOnly(document, entry.name), lock: false, slc: false });
  }
  for (const partition of kept) if (partition.offset === undefined) delete partition.offset;
  return { id: MTD_ID['sstar-nand'], partitions: kept };
}

/** `mtdparts=<id>:...` as Linux gets it for the layout. */
export function documentMtdparts(document: LayoutDocument): string {
  if (document.device.family === 'sstar-nor') return emitMtdparts([norMtdparts(document)]);
  if (document.device.family === 'sstar-nand') return emitMtdparts([nandMtdparts(document)]);
  throw new FormatError(`this mtdparts is written for a SigmaStar layout, not a ${document.device.family} one`);
}

/** A string Linux or U-Boot takes: `mtdparts=<id>:...`, `<id>:...`, or a bare list as set_partition appends. */
function readDevices(text: string): MtdDevice {
  const line = text.trim();
  const bare = !line.startsWith(MTDPARTS_PREFIX) && !/^[^(,]*:/.test(line);
  const devices = bare ? [{ id: '', partitions: parseMtdpartsList(line) }] : parseMtdparts(line);
  if (devices.length > 1) throw new FormatError(`the string lists ${devices.length} flash devices (${devices.map((d) => d.id).join(', ')}); a layout holds one: give the SigmaStar flash's part alone`);
  return devices[0];
}

function familyFor(device: MtdDevice, current: LayoutDocument): 'sstar-nor' | 'sstar-nand' {
  if (/nand/i.test(device.id)) return 'sstar-nand';
  if (/nor|spi/i.test(device.id)) return 'sstar-nor';
  return current.device.family === 'sstar-nand' ? 'sstar-nand' : 'sstar-nor';
}

const NAND_BOOT = new Set(['CIS', 'IPL', 'IPL_CUST', 'UBOOT', 'ENV']);

interface Placed {
  name: string;
  start: number;
  size: number;
  rest: boolean;
  readOnly: boolean;
}

/** Parts in order, consecutive numbered parts of one size as one partition with copies (IPL0, IPL1). */
function grouped(parts: Placed[], area: string, from: number, uniqueId: (name: string) => string, current: LayoutDocument, block: number): Partition[] {
  const partitions: Partition[] = [];
  let running = from;
  for (let i = 0; i < parts.length; ) {
    const part = parts[i];
    const base = baseName(part.name);
    let run = 1;
    if (part.name === `${base}0`) while (i + run < parts.length && parts[i + run].name === `${base}${run}` && parts[i + run].size === part.size && parts[i + run].start === part.start + run * part.size) run++;
    const offset = part.start === running ? 'auto' : part.start;
    const flags = part.readOnly ? { flags: ['readonly'] } : {};
    // U-Boot numbers a single ENV as ENV0: the current layout says whether it is one.
    const single = run === 1 && current.partitions.some((p) => p.name === base && !p.copies && p.size === part.size);
    if (single) {
      partitions.push({ id: uniqueId(base), name: base, area, offset, size: part.size, kind: kindOf(base), ...flags });
    } else if (part.name === `${base}0` && readsAsCopies(base, run)) {
      // The spare blocks are folded into the size: take them back from the current layout when it says the same bytes.
      const known = current.partitions.find((p) => p.name === base && p.copies && (p.copies.slot ?? 0) + p.copies.spareBlocks * block === part.size);
      const copies = known?.copies ? { ...known.copies, count: run } : { count: run, slot: part.size, spareBlocks: 0 };
      partitions.push({ id: uniqueId(base), name: base, area, offset, size: copies.slot ?? part.size, kind: kindOf(base), copies, ...flags });
    } else {
      partitions.push({ id: uniqueId(part.name), name: part.name, area, offset, size: part.rest ? 'rest' : part.size, kind: kindOf(part.name), ...flags });
    }
    const last = parts[i + run - 1];
    running = last.start + last.size;
    i += run;
  }
  return partitions;
}

export function mtdpartsToDocument(text: string, current: LayoutDocument, deviceSize?: number): { document: LayoutDocument; warnings: string[] } {
  const mtd = readDevices(text);
  const family = familyFor(mtd, current);
  const definition = family === 'sstar-nor' ? sstarNorBase : sstarNandBase;
  const same = current.device.family === family;
  const base: Device = same ? current.device : definition.defaultDevice();
  const size = deviceSize ?? (same ? current.device.size : base.size);
  const warnings: string[] = [];
  const device = { ...base, size };
  const resolved = resolveMtdparts(mtd, size, { eraseSize: device.geometry.eraseBlock });
  warnings.push(...resolved.warnings.map((w) => w.message));
  const parts: Placed[] = resolved.partitions
    .filter((p) => !p.disabled)
    .map((p) => ({ name: p.name, start: p.start, size: p.size, rest: mtd.partitions[p.source].size === 'rest', readOnly: mtd.partitions[p.source].readOnly }));
  const uniqueId = idAllocator();
  const block = device.geometry.eraseBlock ?? 1;
  const currentBoot = same ? current.partitions.filter((p) => p.area === 'boot') : [];
  const currentBootEnd = same ? (place(current, definition).areas.find((a) => a.area.id === 'boot')?.end ?? 0) : 0;
  let boot: Partition[];
  let sys: Placed[];
  if (family === 'sstar-nor') {
    const first = parts[0];
    if (first?.name === 'BOOT' && first.start === 0) {
      sys = parts.slice(1);
      if (currentBoot.length > 0 && currentBootEnd === first.size) boot = currentBoot.map((p) => ({ ...p, id: uniqueId(p.name) }));
      else {
        boot = [{ id: uniqueId('BOOT'), name: 'BOOT', area: 'boot', offset: 0, size: first.size, kind: 'bootloader' }];
        warnings.push('mtdparts lists the BOOT area as one partition (IPL, IPL_CUST, MXPT, UBOOT and UBOOT_ENV are inside it): it is read as one partition; lay out the BOOT area to write an MXP table');
      }
    } else {
      boot = [];
      sys = parts;
      warnings.push('the first partition is not BOOT at 0, as an MXP table makes it: every partition is read into the SYS area');
    }
  } else {
    const split = parts.findIndex((p) => !NAND_BOOT.has(baseName(p.name)));
    const bootParts = split === -1 ? parts : parts.slice(0, split);
    sys = split === -1 ? [] : parts.slice(split);
    boot = grouped(bootParts, 'boot', 0, uniqueId, same ? current : sstarDocument('', device, [], []), block);
    const firstStart = bootParts[0]?.start ?? sys[0]?.start ?? 0;
    if (!bootParts.some((p) => p.name === 'CIS') && firstStart > 0) {
      // set_partition.es deletes CIS from U-Boot's string: it is what comes before the first part.
      const cis = currentBoot.find((p) => p.name === 'CIS');
      boot.unshift(cis && cis.size === firstStart ? { ...cis, id: uniqueId('CIS') } : { id: uniqueId('CIS'), name: 'CIS', area: 'boot', offset: 'auto', size: firstStart, kind: 'table' });
      warnings.push(`no CIS partition: the ${formatHex(firstStart)} bytes before the first partition are read as CIS (set_partition.es runs "mtdparts del CIS")`);
      if (boot[1] && boot[1].offset === firstStart) boot[1] = { ...boot[1], offset: firstStart };
    }
  }
  const from = sys[0] === undefined ? 0 : sys[0].start;
  const sysPartitions = grouped(sys, 'sys', from, uniqueId, current, block);
  // The first SYS partition follows the BOOT area; keep it explicit only when it does not.
  const bootEnd = sstarDocument('', device, definition.defaultAreas(device), boot);
  const end = place(bootEnd, definition).areas.find((a) => a.area.id === 'boot')?.end ?? 0;
  if (sysPartitions[0] && sys[0].start === end) sysPartitions[0] = { ...sysPartitions[0], offset: 'auto' };
  else if (sysPartitions[0]) sysPartitions[0] = { ...sysPartitions[0], offset: sys[0].start };
  const partitions = keepFromCurrent([...boot, ...sysPartitions], current, family);
  const document = sstarDocument(same ? current.name : `SigmaStar ${family === 'sstar-nor' ? 'SPI-NOR' : 'SPI-NAND'} (mtdparts)`, device, definition.defaultAreas(device), partitions);
  if (!same && deviceSize === undefined) warnings.push(`mtdparts does not give the flash size: read onto ${size / MiB} MiB (set the device size to change it)`);
  return { document, warnings };
}

/** Whether the text looks like an mtdparts string (with or without `mtdparts=` and the mtd-id). */
export function looksLikeMtdparts(text: string): boolean {
  const line = text.trim();
  if (line.includes('\n')) return false;
  return line.startsWith(MTDPARTS_PREFIX) || /^[A-Za-z0-9_.-]+:(0x[0-9a-fA-F]+|[0-9]+[kKmMgG]?|-)[@(,]/.test(line) || /^(0x[0-9a-fA-F]+|[0-9]+[kKmMgG]?)(@[0-9a-fA-Fx]+)?\([^)]*\)(,|$)/.test(line);
}
