/**
 * What an eMMC/SD update from one table to another means for a fielded device: in place when
 * every kept partition stays where it is (grown into free space, new ones added into it), a data
 * move otherwise; boot0/boot1 of another size are another part, not an update. The migration is
 * dd and sfdisk commands for a recovery system: copies read out first, then (unsafe) written at
 * their new place, the new table, the grown ext filesystems checked and resized.
 */
import type { DeviceCheck, Extent, FamilyComparison, LayoutComparison, MigrationStep, PartitionChange } from '../../layout/comparison';
import type { LayoutDocument } from '../../model/document';
import { linuxDevice, sectorSize } from './disk';
import { tableStructures } from './structures';
import { tableEntries } from './table';
import { dumpGptScript, dumpMbrScript, emitSfdiskScript } from '../../codecs/sfdisk';
import type { Placement } from '../../layout/placement';
import { diskTableOf } from './table';

const EXT = new Set(['ext2', 'ext3', 'ext4']);

function hardwareSizes(document: LayoutDocument): string {
  return (document.device.hardwarePartitions ?? []).map((hw) => `${hw.name}=${hw.size}`).sort().join(',');
}

/** The table as an sfdisk script without device names, so it applies to whatever device it is fed to. */
function tableScript(document: LayoutDocument, placement: Placement): string {
  const table = diskTableOf(document, placement);
  if (!table) return 'no table';
  const options = { sectorSize: table.sectorSize, diskSectors: table.diskSectors };
  const script = table.label === 'dos' ? dumpMbrScript(table.table, options) : dumpGptScript(table.table, { ...options, entryCount: table.entryCount }).script;
  return emitSfdiskScript(script);
}

function scriptOrReason({ document, placement }: { document: LayoutDocument; placement: Placement }): string {
  try {
    return tableScript(document, placement);
  } catch (error) {
    return `cannot be written: ${(error as Error).message}`;
  }
}

/** /dev/mmcblk0 → /dev/mmcblk0p3; /dev/sda → /dev/sda3 (as the kernel names partitions). */
function partitionDevice(device: string, number: number): string {
  return /\d$/.test(device) ? `${device}p${number}` : `${device}${number}`;
}

/** The Linux number of each table entry of a layout: GPT in order; MBR primaries 1-4, logical ones from 5. */
function partitionNumbers(comparison: LayoutComparison): Map<string, number> {
  const { document, placement } = comparison.new;
  const numbers = new Map<string, number>();
  let primary = 0;
  let logical = 4;
  for (const placed of tableEntries(document, placement)) {
    numbers.set(placed.partition.id, placed.partition.mbr?.logical ? ++logical : ++primary);
  }
  return numbers;
}

/** The block device an address space is on: the user area, or mmcblk0boot0/boot1. */
function spaceDevice(document: LayoutDocument, space: string): string {
  const device = linuxDevice(document);
  return space === 'main' ? device : `${device}${space}`;
}

function dd(args: string[]): string {
  return ['dd', ...args, 'status=none'].join(' ');
}

function fileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'partition'}.old.img`;
}

function steps(comparison: LayoutComparison, tableChanges: boolean): MigrationStep[] {
  const document = comparison.new.document;
  const sector = sectorSize(document);
  const result: MigrationStep[] = [];
  const copies = comparison.changes.filter((c) => c.verdict.kind === 'copy');
  const lost = comparison.changes.filter((c) => c.verdict.kind === 'lost' && c.old && c.old.end > c.old.start);
  const hardware = (space: string) => space !== 'main';
  for (const change of [...copies, ...lost].sort((a, b) => a.old!.start - b.old!.start)) {
    const old = change.old!;
    const why = change.verdict.kind === 'copy' ? 'to write it at its new place' : 'its data is lost by the update: keep a copy';
    result.push({
      title: `Read ${old.name} (${why})`,
      commands: [dd([`if=${spaceDevice(comparison.old.document, old.space)}`, `of=${fileName(old.name)}`, `bs=${sector}`, `skip=${old.start / sector}`, `count=${(old.end - old.start) / sector}`])],
      unsafe: false,
    });
  }
  for (const change of copies) {
    const to = (change.verdict as { to: Extent }).to;
    const target = spaceDevice(document, to.space);
    const commands = [dd([`if=${fileName(change.old!.name)}`, `of=${target}`, `bs=${sector}`, `seek=${to.start / sector}`, 'conv=notrunc,fsync'])];
    if (hardware(to.space)) commands.unshift(`echo 0 > /sys/block/${target.replace('/dev/', '')}/force_ro`);
    result.push({ title: `Write ${change.new!.name} at its new place`, commands, unsafe: true, note: 'it overwrites what the old layout holds there' });
  }
  for (const change of comparison.changes) {
    const next = change.new;
    if (!next || (change.verdict.kind !== 'new' && change.verdict.kind !== 'lost')) continue;
    const partition = comparison.new.placement.byId.get(next.id)?.partition;
    // Raw images (a bootloader at the ROM's offset, firmware in boot0/boot1) are written with dd; table partitions get their filesystem from mkfs or the build.
    if (!partition || (!partition.raw && !hardware(next.space))) continue;
    const target = spaceDevice(document, next.space);
    const image = partition.image ?? `${next.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.img`;
    const commands = [dd([`if=${image}`, `of=${target}`, `bs=${sector}`, `seek=${next.start / sector}`, 'conv=notrunc,fsync'])];
    if (hardware(next.space)) commands.unshift(`echo 0 > /sys/block/${target.replace('/dev/', '')}/force_ro`);
    result.push({ title: `Write ${next.name} (${image}) at ${next.start / sector} sectors into ${target}`, commands, unsafe: true, note: 'a power cut while boot firmware is written can leave a board that does not boot: write the inactive copy first' });
  }
  if (tableChanges) {
    const script = scriptOrReason(comparison.new);
    result.push({
      title: 'Write the new partition table',
      commands: [`sfdisk --wipe never --no-reread ${linuxDevice(document)} <<'EOF'\n${script.trimEnd()}\nEOF`],
      unsafe: true,
      note: 'a power cut while the table is written can leave a disk without a table; the partitions\u2019 data is not touched',
    });
  }
  const numbers = partitionNumbers(comparison);
  const grown = comparison.changes.filter((c) => c.verdict.kind === 'survives' && c.verdict.grown && c.new && numbers.has(c.new.id));
  for (const change of grown) {
    const placed = comparison.new.placement.byId.get(change.new!.id)!;
    const device = partitionDevice(linuxDevice(document), numbers.get(change.new!.id)!);
    if (placed.partition.fs && EXT.has(placed.partition.fs)) {
      result.push({ title: `Grow ${change.new!.name}'s ${placed.partition.fs} filesystem to the partition`, commands: [`partx -u ${linuxDevice(document)}`, `e2fsck -f -y ${device}`, `resize2fs ${device}`], unsafe: true, note: 'run it unmounted; a power cut during resize2fs can damage the filesystem' });
    } else {
      result.push({ title: `Grow ${change.new!.name}'s filesystem with its own tool`, commands: [`partx -u ${linuxDevice(document)}`], unsafe: true, note: `Flashmap knows no resize command for ${placed.partition.fs ?? 'this content'}` });
    }
  }
  return result;
}

function checks(comparison: LayoutComparison, copies: PartitionChange[]): DeviceCheck[] {
  const lost = comparison.changes.filter((c) => c.verdict.kind === 'lost' && c.old && c.new);
  const before = hardwareSizes(comparison.old.document);
  const after = hardwareSizes(comparison.new.document);
  const bootChanges = comparison.changes.filter((c) => (c.old ?? c.new)!.space !== 'main' && !(c.change === 'unchanged' && c.verdict.kind === 'survives'));
  const oldLabel = comparison.old.document.areas.find((a) => a.space === 'main' && a.table)?.table;
  const newLabel = comparison.new.document.areas.find((a) => a.space === 'main' && a.table)?.table;
  return [
    { label: 'boot0 and boot1 keep their sizes', ok: before === after, detail: before === after ? undefined : 'the hardware partitions are set by the eMMC part (BOOT_SIZE_MULT), not by an update' },
    { label: 'no kept partition moves', ok: copies.length === 0, detail: copies.length > 0 ? `${copies.map((c) => c.new!.name).join(', ')} must be copied to ${copies.length === 1 ? 'its' : 'their'} new place` : undefined },
    { label: 'no kept partition shrinks or changes its content', ok: lost.length === 0, detail: lost.length > 0 ? `${lost.map((c) => c.new!.name).join(', ')} ${lost.length === 1 ? 'loses its' : 'lose their'} data` : undefined },
    { label: 'the table type stays', ok: oldLabel === newLabel, detail: oldLabel === newLabel ? undefined : `from ${oldLabel?.toUpperCase() ?? 'none'} to ${newLabel?.toUpperCase() ?? 'none'}: sfdisk writes a new label, the partitions stay where they are` },
    { label: 'boot0/boot1 contents stay', ok: bootChanges.length === 0, detail: bootChanges.length > 0 ? `${bootChanges.map((c) => (c.new ?? c.old)!.name).join(', ')} change (written with force_ro cleared)` : undefined },
  ];
}

export function compareEmmc(comparison: LayoutComparison): FamilyComparison {
  const copies = comparison.changes.filter((c) => c.verdict.kind === 'copy');
  const tableChanges = scriptOrReason(comparison.old) !== scriptOrReason(comparison.new);
  const list = checks(comparison, copies);
  const sizesKept = list[0].ok;
  const kept = list[2].ok;
  const inPlace = sizesKept && copies.length === 0 && kept;
  const method = !sizesKept ? 'another eMMC part' : copies.length > 0 ? 'data move' : !kept ? 'table change losing data' : tableChanges ? 'table change in place' : 'no table change';
  const summary = !sizesKept
    ? 'boot0/boot1 change size: that is another eMMC part, not an update of this one.'
    : copies.length === 0 && !kept
      ? `The table can be changed in place, but ${list[2].detail}: back it up first.`
      : inPlace
      ? tableChanges
        ? 'The table can be changed in place: every kept partition stays where it is (partitions grow into free space or are added into it).'
        : 'The partition table does not change.'
      : `The update needs data moved: ${copies.map((c) => c.new!.name).join(', ')} must be copied before the new table is written.`;
  return {
    verdict: { inField: inPlace, method, summary, checks: list },
    steps: steps(comparison, tableChanges),
    rewrite: tableChanges ? tableStructures(comparison.new.document).map((s) => ({ space: 'main', start: s.start, end: s.end })) : [],
  };
}
