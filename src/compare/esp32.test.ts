/**
 * ESP32: Arduino's default table against its min_spiffs table (conformance cases), verdicts
 * worked out from the two CSVs by hand.
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../formats/files';
import { esp32SingleApp } from '../presets/esp32';
import { readShared } from '../test-support/shared';
import { compareLayouts, type ComparisonReport } from './compare';

function arduino(name: string) {
  const outcome = importFile(new TextEncoder().encode(readShared('conformance/esp32/cases', name, 'input.csv')), esp32SingleApp(), { fileName: `${name}.csv` });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.document;
}

function compare(oldName: string, newName: string): ComparisonReport {
  const outcome = compareLayouts(arduino(oldName), arduino(newName));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

describe('compare ESP32 tables', () => {
  const report = compare('arduino-default', 'arduino-min-spiffs');
  const byName = (name: string) => report.changes.find((c) => (c.new ?? c.old)!.name === name)!;

  it('matches by name and gives each partition its verdict', () => {
    // nvs 0x9000+0x5000 and otadata 0xe000+0x2000 are in both tables as they are.
    expect(byName('nvs')).toMatchObject({ change: 'unchanged', matchedBy: 'name', verdict: { kind: 'survives', grown: false } });
    expect(byName('otadata')).toMatchObject({ change: 'unchanged', verdict: { kind: 'survives' } });
    // app0 keeps 0x10000 and grows from 1280K to 1920K.
    expect(byName('app0')).toMatchObject({ change: 'resized', old: { start: 0x10000, size: 0x140000 }, new: { start: 0x10000, size: 0x1e0000 }, verdict: { kind: 'survives', grown: true } });
    // app1 goes from 0x150000 to 0x1f0000 and grows: its 0x140000 bytes survive if copied.
    expect(byName('app1')).toMatchObject({
      change: 'moved and resized',
      verdict: { kind: 'copy', bytes: 0x140000, from: { start: 0x150000, end: 0x290000 }, to: { start: 0x1f0000, end: 0x330000 } },
    });
    // eeprom (0x290000, 4K) is not in min_spiffs.
    expect(byName('eeprom')).toMatchObject({ change: 'removed', verdict: { kind: 'lost', reason: 'removed' } });
    // spiffs goes from 0x291000 (0x16f000) to 0x3d0000 (0x30000): smaller, so lost.
    expect(byName('spiffs')).toMatchObject({ change: 'moved and resized', verdict: { kind: 'lost', reason: 'shrunk' } });
    expect(report.changes).toHaveLength(6);
    expect(report.lost).toBe(2);
  });

  it('says an OTA update can apply it only on devices running from app0', () => {
    expect(report.device.inField).toBe(true);
    expect(report.device.method).toBe('OTA update');
    expect(report.device.summary).toMatch(/running from app0; devices running from app1 need a serial reflash/);
    expect(report.device.checks.every((c) => c.ok)).toBe(true);
  });

  it('shades the table sector and every block the update writes or erases', () => {
    // Table 0x8000; app0's tail 0x150000-0x1f0000, app1 0x1f0000-0x3d0000, the erased eeprom
    // 0x290000-0x291000 lies inside it; spiffs 0x3d0000-0x400000.
    expect(report.rewrite).toEqual([
      { space: 'main', start: 0x8000, end: 0x9000 },
      { space: 'main', start: 0x150000, end: 0x400000 },
    ]);
  });

  it('migrates with esptool: read what moves or goes, erase, write the moved app, the table last', () => {
    const lines = report.steps.map((s) => `${s.unsafe ? '!' : ' '} ${s.commands.join(' && ')}`);
    expect(lines).toEqual([
      '  esptool.py --chip esp32 read_flash 0x150000 0x140000 app1.old.bin',
      '  esptool.py --chip esp32 read_flash 0x290000 0x1000 eeprom.old.bin',
      '  esptool.py --chip esp32 read_flash 0x291000 0x16f000 spiffs.old.bin',
      // eeprom's old place is inside app1's new one (written), so only spiffs' new place is erased.
      '! esptool.py --chip esp32 erase_region 0x3d0000 0x30000',
      '! esptool.py --chip esp32 write_flash 0x1f0000 app1.old.bin',
      '! esptool.py --chip esp32 write_flash 0x8000 partition-table.bin',
    ]);
  });

  it('needs a serial reflash when the table offset moves', () => {
    const old = arduino('arduino-default');
    const moved = { ...old, device: { ...old.device, esp32: { ...old.device.esp32!, tableOffset: 0x9000 } } };
    const outcome = compareLayouts(old, moved);
    expect(outcome.ok && outcome.report.device).toMatchObject({ inField: false, method: 'serial reflash' });
  });

  it('refuses layouts of different families', () => {
    const outcome = compareLayouts(arduino('arduino-default'), { ...arduino('arduino-default'), device: { family: 'nor', size: 0x400000, geometry: { eraseBlock: 0x1000 } } });
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/different families/) });
  });
});
