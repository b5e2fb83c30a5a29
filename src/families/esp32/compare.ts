/**
 * What an ESP32 update from one partition table to another means for a fielded device: an OTA
 * update can apply it when the bootloader and the table stay where they are, the slot the device
 * runs from is untouched, otadata and nvs are kept and the new table is one the running
 * bootloader reads; otherwise it needs a serial reflash. The migration is esptool commands that
 * write only what changes.
 */
import { formatOffset } from '../../codecs/esp32/numbers';
import { maxEntries } from '../../codecs/esp32/table';
import type { ComparedLayout, DeviceCheck, Extent, FamilyComparison, LayoutComparison, MigrationStep, PartitionChange } from '../../layout/comparison';
import { mergeExtents, subtractExtents, wholeBlocks } from '../../layout/extents';
import type { LayoutDocument } from '../../model/document';
import { bootloaderOffset, ESP32_TABLE_SECTOR, esp32Options } from '../../model/esp32';

const SECTOR = 0x1000;

/** What the table sector holds: its options and each entry as placed (a change here rewrites the sector). */
function tableText({ document, placement }: ComparedLayout): string {
  const { md5, tableOffset, secure } = esp32Options(document);
  const entries = placement.partitions.map((p) => [p.partition.name, p.partition.kind, p.partition.esp32?.type, p.partition.esp32?.subtype, p.start, p.size, [...(p.partition.flags ?? [])].sort()]);
  return JSON.stringify({ md5, tableOffset, secure, entries });
}

/** An esptool.py command line for the layout's chip. */
function esptool(document: LayoutDocument, command: string, args: string[]): string {
  return ['esptool.py', '--chip', esp32Options(document).chip, command, ...args].join(' ');
}

function kept(changes: readonly PartitionChange[], kind: string): { all: PartitionChange[]; lost: PartitionChange[] } {
  const all = changes.filter((c) => c.old?.kind === kind);
  return { all, lost: all.filter((c) => !(c.verdict.kind === 'survives' && c.change === 'unchanged')) };
}

function names(changes: readonly PartitionChange[]): string {
  return changes.map((c) => c.old?.name ?? c.new?.name).join(', ');
}

function fileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'partition'}.old.bin`;
}

function overlapsAny(extent: Extent, others: readonly Extent[]): boolean {
  return others.some((o) => o.space === extent.space && o.start < extent.end && extent.start < o.end);
}

function checks(comparison: LayoutComparison): { checks: DeviceCheck[]; running: string[]; notRunning: string[] } {
  const before = esp32Options(comparison.old.document);
  const after = esp32Options(comparison.new.document);
  const { changes } = comparison;
  const apps = changes.filter((c) => c.old?.kind === 'app');
  const running = apps.filter((c) => c.verdict.kind === 'survives').map((c) => c.old!.name);
  const notRunning = apps.filter((c) => c.verdict.kind !== 'survives').map((c) => c.old!.name);
  const otadata = kept(changes, 'ota-data');
  const nvs = kept(changes, 'nvs');
  const newEntries = comparison.new.placement.partitions.filter((p) => p.areaId !== 'boot').length;
  const bootOld = bootloaderOffset(before);
  const bootNew = bootloaderOffset(after);
  return {
    running,
    notRunning,
    checks: [
      { label: 'the bootloader stays where the ROM loads it', ok: before.chip === after.chip && bootOld === bootNew, detail: before.chip !== after.chip ? `the chip changes from ${before.chip} to ${after.chip}` : bootOld !== bootNew ? `it moves from ${formatOffset(bootOld)} to ${formatOffset(bootNew)}` : undefined },
      { label: 'the partition table stays where the bootloader reads it', ok: before.tableOffset === after.tableOffset, detail: before.tableOffset !== after.tableOffset ? `it moves from ${formatOffset(before.tableOffset)} to ${formatOffset(after.tableOffset)}` : undefined },
      {
        label: 'the running app slot is untouched',
        ok: running.length > 0,
        detail: running.length === 0 ? 'every app slot moves, shrinks or goes' : notRunning.length > 0 ? `only on devices running from ${running.join(', ')}; ${notRunning.join(', ')} ${notRunning.length === 1 ? 'changes' : 'change'}` : undefined,
      },
      { label: 'otadata is kept', ok: otadata.all.length > 0 && otadata.lost.length === 0, detail: otadata.all.length === 0 ? 'the old table has no otadata: the device cannot take OTA updates' : otadata.lost.length > 0 ? `${names(otadata.lost)} changes` : undefined },
      { label: 'nvs is kept', ok: nvs.lost.length === 0, detail: nvs.lost.length > 0 ? `${names(nvs.lost)} changes: the stored settings go` : undefined },
      {
        label: 'the running bootloader accepts the new table',
        ok: (!before.md5 || after.md5) && before.secure === after.secure && newEntries <= maxEntries(after.md5),
        detail: before.md5 && !after.md5 ? 'the new table drops the MD5 row the bootloader checks' : before.secure !== after.secure ? `secure boot changes from ${before.secure} to ${after.secure}` : newEntries > maxEntries(after.md5) ? `${newEntries} entries, more than the ${maxEntries(after.md5)} a table sector holds` : undefined,
      },
    ],
  };
}

function steps(comparison: LayoutComparison, tableChanges: boolean): MigrationStep[] {
  const document = comparison.new.document;
  const run = (command: string, args: string[]) => esptool(document, command, args);
  const options = esp32Options(document);
  const oldExtents = comparison.old.placement.partitions.map((p) => ({ space: p.space, start: p.start, end: p.spanEnd }));
  const table: Extent = { space: 'main', start: options.tableOffset, end: options.tableOffset + ESP32_TABLE_SECTOR };
  const oldTable: Extent = { space: 'main', start: esp32Options(comparison.old.document).tableOffset, end: esp32Options(comparison.old.document).tableOffset + ESP32_TABLE_SECTOR };
  const unsafe = (extent: Extent) => overlapsAny(extent, [...oldExtents, oldTable]);
  const result: MigrationStep[] = [];
  const copies = comparison.changes.filter((c) => c.verdict.kind === 'copy');
  const lost = comparison.changes.filter((c) => c.verdict.kind === 'lost' && c.old);
  for (const change of [...copies, ...lost].sort((a, b) => a.old!.start - b.old!.start)) {
    const { old } = change;
    if (!old) continue;
    const why = change.verdict.kind === 'copy' ? 'to write it at its new place' : 'its data is lost by the update: keep a copy';
    result.push({ title: `Read ${old.name} (${why})`, commands: [run('read_flash', [formatOffset(old.start), formatOffset(old.end - old.start), fileName(old.name)])], unsafe: false });
  }
  const writes: Array<{ extent: Extent; file: string; name: string }> = copies.map((c) => {
    const to = (c.verdict as { to: Extent }).to;
    return { extent: to, file: fileName(c.old!.name), name: c.new!.name };
  });
  const erase: Extent[] = [];
  for (const change of comparison.changes) {
    if (!change.new && change.old) erase.push({ space: change.old.space, start: change.old.start, end: change.old.end });
    else if (change.new && (change.verdict.kind === 'new' || change.verdict.kind === 'lost')) erase.push({ space: change.new.space, start: change.new.start, end: change.new.end });
  }
  const regions = wholeBlocks(subtractExtents(erase, [...writes.map((w) => w.extent), table]), SECTOR);
  if (regions.length > 0) {
    const commands = regions.map((r) => run('erase_region', [formatOffset(r.start), formatOffset(r.end - r.start)]));
    result.push({ title: 'Erase removed, new and reformatted partitions', commands, unsafe: regions.some(unsafe), note: 'the firmware formats a blank filesystem partition on first mount' });
  }
  if (writes.length > 0) {
    const sorted = [...writes].sort((a, b) => a.extent.start - b.extent.start);
    result.push({ title: `Write ${sorted.map((w) => w.name).join(', ')} at the new place`, commands: [run('write_flash', sorted.flatMap((w) => [formatOffset(w.extent.start), w.file]))], unsafe: mergeExtents(sorted.map((w) => w.extent)).some(unsafe) });
  }
  const before = esp32Options(comparison.old.document);
  if (bootloaderOffset(before) !== bootloaderOffset(options) || before.tableOffset !== options.tableOffset) {
    result.push({ title: 'Write the bootloader built for the new table offset', commands: [run('write_flash', [formatOffset(bootloaderOffset(options)), 'bootloader.bin'])], unsafe: true, note: 'a power cut here leaves a device that does not boot: reflash it over serial' });
  }
  if (tableChanges) {
    result.push({ title: 'Write the new partition table (last: until then the old one is in force)', commands: [run('write_flash', [formatOffset(options.tableOffset), 'partition-table.bin'])], unsafe: true, note: 'a power cut while the table sector is written leaves a device that does not boot' });
  }
  return result;
}

export function compareEsp32(comparison: LayoutComparison): FamilyComparison {
  const { checks: list, running, notRunning } = checks(comparison);
  const tableChanges = tableText(comparison.old) !== tableText(comparison.new);
  const ota = list.every((c) => c.ok);
  const options = esp32Options(comparison.new.document);
  const summary = !tableChanges
    ? 'The partition table does not change: an OTA update of the app applies it.'
    : ota
      ? `An OTA update can apply it on devices running from ${running.join(' or ')}${notRunning.length > 0 ? `; devices running from ${notRunning.join(' or ')} need a serial reflash` : ''}: the firmware writes the new table sector itself.`
      : `It needs a serial reflash: ${list.filter((c) => !c.ok).map((c) => c.detail ?? `not so that ${c.label}`).join('; ')}.`;
  return {
    verdict: { inField: !tableChanges || ota, method: !tableChanges || ota ? 'OTA update' : 'serial reflash', summary, checks: list },
    steps: steps(comparison, tableChanges),
    rewrite: tableChanges ? [{ space: 'main', start: options.tableOffset, end: options.tableOffset + ESP32_TABLE_SECTOR }] : [],
  };
}
