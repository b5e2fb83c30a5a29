/**
 * What a SigmaStar update from one layout to another means for a fielded board: a change in the
 * BOOT area (IPL, IPL_CUST, MXPT or CIS, UBOOT) takes a full reflash with the programmer; a
 * change in SYS alone is written from U-Boot (the SDK's `[[<image>.es` scripts for the images,
 * erase and write by offset for the rest), and UBI volumes survive a grown UBI partition, resized
 * afterwards from Linux with ubiattach/ubirsvol.
 */
import type { DeviceCheck, Extent, FamilyComparison, LayoutComparison, MigrationStep, PartitionChange, VolumeChange } from '../../layout/comparison';
import { subtractExtents, wholeBlocks } from '../../layout/extents';
import type { LayoutDocument } from '../../model/document';
import { formatHex, formatHuman } from '../../model/units';
import { documentMtdparts } from './mtdparts-bridge';

type Flash = 'nor' | 'nand';

const BOOT_AREA = 'boot';

function untouched(change: PartitionChange): boolean {
  return change.change === 'unchanged' && change.verdict.kind === 'survives';
}

function inBoot(change: PartitionChange): boolean {
  return change.old?.area === BOOT_AREA || change.new?.area === BOOT_AREA;
}

/** What the ROM and IPL need where they are: IPL, IPL_CUST, UBOOT, the MXPT or CIS table. */
const BOOT_KINDS = new Set(['bootloader', 'boot-config', 'table']);
const BOOT_IMAGES = new Set(['cis', 'ipl', 'ipl_cust', 'uboot', 'mxp', 'boot']);

function bootCritical(change: PartitionChange): boolean {
  return inBoot(change) && BOOT_KINDS.has((change.new ?? change.old)!.kind);
}

/**
 * Copies through RAM in an order that never overwrites a source not yet read: those moving up
 * from the highest, those moving down from the lowest.
 */
function copyOrder(copies: PartitionChange[]): PartitionChange[] {
  const from = (c: PartitionChange) => (c.verdict as { from: Extent }).from.start;
  const to = (c: PartitionChange) => (c.verdict as { to: Extent }).to.start;
  const up = copies.filter((c) => to(c) > from(c)).sort((a, b) => from(b) - from(a));
  const down = copies.filter((c) => to(c) <= from(c)).sort((a, b) => from(a) - from(b));
  return [...down, ...up];
}

/** The address U-Boot loads images at: the SDK's TFTPDOWNLOADADDR. */
function loadAddress(document: LayoutDocument): string {
  return document.device.sstar?.config?.globals.TFTPDOWNLOADADDR ?? '0x21000000';
}

function mtdpartsOrNothing(document: LayoutDocument): string | undefined {
  try {
    return documentMtdparts(document);
  } catch {
    return undefined;
  }
}

/** U-Boot's commands for one flash type: erase a range, read or write through RAM. */
function uboot(flash: Flash) {
  const hex = (n: number) => formatHex(n);
  return flash === 'nand'
    ? { erase: (e: Extent) => `nand erase ${hex(e.start)} ${hex(e.end - e.start)}`, read: (at: string, from: number, size: number) => `nand read.e ${at} ${hex(from)} ${hex(size)}`, write: (at: string, to: number, size: number) => `nand write.e ${at} ${hex(to)} ${hex(size)}`, probe: [] as string[] }
    : { erase: (e: Extent) => `sf erase ${hex(e.start)} ${hex(e.end - e.start)}`, read: (at: string, from: number, size: number) => `sf read ${at} ${hex(from)} ${hex(size)}`, write: (at: string, to: number, size: number) => `sf write ${at} ${hex(to)} ${hex(size)}`, probe: ['sf probe 0'] };
}

/** The mtd device named `name` under Linux, found by its name (numbers differ between layouts). */
function mtdByName(name: string): string {
  return `"$(grep -l '^${name}$' /sys/class/mtd/mtd*/name | head -n 1 | sed 's|/sys/class/mtd/\\(mtd[0-9]*\\)/name|/dev/\\1|')"`;
}

function ubiSteps(volumes: readonly VolumeChange[], changes: readonly PartitionChange[]): MigrationStep[] {
  const steps: MigrationStep[] = [];
  const byPartition = new Map<string, VolumeChange[]>();
  for (const volume of volumes) byPartition.set(volume.partition, [...(byPartition.get(volume.partition) ?? []), volume]);
  for (const [partition, list] of byPartition) {
    const change = changes.find((c) => c.new?.name === partition);
    if (!change || (change.verdict.kind !== 'survives' && change.verdict.kind !== 'copy')) continue;
    const commands = list.flatMap((v) => {
      if (v.change === 'added') return [`ubimkvol /dev/ubi0 -N ${v.name} -s ${v.newSize}`];
      if (v.change === 'removed') return [`ubirmvol /dev/ubi0 -N ${v.name}`];
      if (v.change === 'resized') return [`ubirsvol /dev/ubi0 -N ${v.name} -s ${v.newSize}`];
      return [];
    });
    if (commands.length === 0 && change.change === 'unchanged') continue;
    steps.push({
      title: `Resize the UBI volumes of ${partition} from Linux`,
      commands: [`ubidetach -p ${mtdByName(partition)} 2>/dev/null || true`, `ubiattach -p ${mtdByName(partition)}`, ...commands],
      unsafe: list.some((v) => v.verdict === 'lost'),
      note: 'UBI takes the erased new blocks when it attaches; a volume that shrinks loses its data',
    });
  }
  return steps;
}

function steps(comparison: LayoutComparison, flash: Flash, tableChanges: boolean): MigrationStep[] {
  const document = comparison.new.document;
  const commands = uboot(flash);
  const address = loadAddress(document);
  const result: MigrationStep[] = [];
  const sys = comparison.changes.filter((c) => !bootCritical(c));
  for (const change of copyOrder(sys.filter((c) => c.verdict.kind === 'copy'))) {
    const { from, to } = change.verdict as { from: Extent; to: Extent };
    const size = from.end - from.start;
    const target = { space: to.space, start: change.new!.start, end: change.new!.end };
    result.push({ title: `Copy ${change.new!.name} to its new place`, commands: [...commands.probe, commands.read(address, from.start, size), commands.erase(target), commands.write(address, to.start, size)], unsafe: true, note: `through RAM at ${address}: a partition larger than the free RAM is copied in pieces` });
  }
  const images = new Set<string>();
  // Images that write BOOT partitions (the uboot image writes UBOOT0/1) are not run for a SYS change.
  const sysImage = (id: string) => {
    const partition = comparison.new.placement.byId.get(id)?.partition;
    const image = partition?.sstar?.image;
    return partition && partition.kind !== 'env' && image && !BOOT_IMAGES.has(image) ? image : undefined;
  };
  const erase: Extent[] = [];
  for (const change of sys) {
    const next = change.new;
    if (!next) erase.push({ space: change.old!.space, start: change.old!.start, end: change.old!.end });
    else if (change.verdict.kind === 'new' || change.verdict.kind === 'lost') {
      const image = sysImage(next.id);
      if (image) images.add(image);
      else erase.push({ space: next.space, start: next.start, end: next.end });
    } else if (change.verdict.kind === 'survives' && change.verdict.grown && change.old) erase.push({ space: next.space, start: change.old.end, end: next.end });
  }
  const block = document.device.geometry.eraseBlock ?? 1;
  const copied = sys.filter((c) => c.verdict.kind === 'copy').map((c) => ({ space: c.new!.space, start: c.new!.start, end: c.new!.end }));
  const regions = wholeBlocks(subtractExtents(erase, copied), block);
  if (regions.length > 0) result.push({ title: 'Erase removed partitions, new ones without an image and the grown tails', commands: [...commands.probe, ...regions.map(commands.erase)], unsafe: true });
  if (tableChanges) {
    const mtdparts = mtdpartsOrNothing(document);
    const table =
      flash === 'nor'
        ? ['mxp t.init', `tftp ${address} boot/MXP_SF.bin`, `mxp t.update ${address}`, 'mxp t.load']
        : ['estar scripts/[[cis.es', ...(mtdparts ? [`setenv mtdparts ${mtdparts.replace(/^mtdparts=/, '')}`, 'saveenv'] : [])];
    result.push({ title: flash === 'nor' ? 'Write the new MXP partition table (the [[mxp script)' : 'Write the new PARTINFO.pni into the CIS copies ([[cis.es: writecis) and the new mtdparts', commands: table, unsafe: true, note: 'until this step the board still boots the old layout; a power cut here leaves one for the programmer' });
  }
  if (images.size > 0) {
    const suffix = flash === 'nand' ? '.es' : '';
    result.push({ title: 'Write the changed SYS images with the SDK\u2019s scripts', commands: [...images].map((image) => `estar scripts/[[${image}${suffix}`), unsafe: true, note: 'the scripts load the images from the TFTP server (or the USB stick) as make image wrote them' });
  }
  return [...result, ...ubiSteps(comparison.volumes, comparison.changes)];
}

function checks(comparison: LayoutComparison): DeviceCheck[] {
  const boot = comparison.changes.filter((c) => bootCritical(c) && !untouched(c));
  const oldSize = comparison.old.document.device.size;
  const newSize = comparison.new.document.device.size;
  const lostVolumes = comparison.volumes.filter((v) => v.verdict === 'lost');
  const blocks = comparison.old.document.device.geometry.eraseBlock === comparison.new.document.device.geometry.eraseBlock;
  return [
    { label: 'the BOOT area stays (IPL, IPL_CUST, MXPT/CIS, UBOOT)', ok: boot.length === 0, detail: boot.length > 0 ? `${boot.map((c) => `${(c.new ?? c.old)!.name} ${c.change}`).join(', ')}` : undefined },
    { label: 'the flash size stays', ok: oldSize === newSize, detail: oldSize === newSize ? undefined : `from ${formatHuman(oldSize)} to ${formatHuman(newSize)}: only boards with a ${formatHuman(newSize)} flash can take the new layout` },
    { label: 'the erase block stays', ok: blocks, detail: blocks ? undefined : 'another flash part' },
    { label: 'UBI volumes keep their data', ok: lostVolumes.length === 0, detail: lostVolumes.length > 0 ? `${lostVolumes.map((v) => v.name).join(', ')} ${lostVolumes.length === 1 ? 'is' : 'are'} lost` : undefined },
  ];
}

function tableText(comparison: LayoutComparison['old']): string {
  return JSON.stringify(comparison.placement.partitions.map((p) => [p.partition.name, p.start, p.size, p.spanEnd]));
}

export function sstarCompare(flash: Flash): (comparison: LayoutComparison) => FamilyComparison {
  return (comparison) => {
    const list = checks(comparison);
    const bootKept = list[0].ok;
    const fits = list[1].ok && list[2].ok;
    const tableChanges = tableText(comparison.old) !== tableText(comparison.new);
    const changed = comparison.changes.filter((c) => !untouched(c)).length + comparison.volumes.filter((v) => v.change !== 'unchanged').length;
    const inField = bootKept && fits;
    const summary = !bootKept
      ? `The BOOT area changes (${list[0].detail}): reflash the whole flash with the programmer.`
      : changed === 0
        ? 'Nothing changes.'
        : `Only SYS changes: U-Boot rewrites the changed SYS partitions (the [[x.es scripts)${comparison.volumes.some((v) => v.change !== 'unchanged') ? ', and Linux resizes the UBI volumes' : ''}.${fits ? '' : ` Not for the boards in the field: ${[list[1], list[2]].filter((c) => !c.ok).map((c) => c.detail).join('; ')}.`}`;
    const migration: MigrationStep[] = bootKept ? steps(comparison, flash, tableChanges) : [{ title: 'Program the whole flash with the SigmaStar programmer (ISP tool), from the new images', commands: [], unsafe: true, note: 'everything on the flash is rewritten' }];
    const rewrite: Extent[] =
      tableChanges
        ? comparison.new.placement.partitions.filter((p) => p.partition.kind === 'table').map((p) => ({ space: p.space, start: p.start, end: p.spanEnd }))
        : [];
    return { verdict: { inField, method: !bootKept ? 'programmer reflash' : '[[x.es scripts', summary, checks: list }, steps: migration, rewrite };
  };
}
