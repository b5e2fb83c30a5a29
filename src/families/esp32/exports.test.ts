import { describe, expect, it } from 'vitest';
import { findPreset } from '../../presets';
import { arduinoSettings, esptoolScript, platformioSettings } from './exports';

const twoOta = () => findPreset('esp32-ota')!.build();

describe('ESP32 snippets', () => {
  it('writes the flash script: bootloader, table, otadata and factory app, then each partition alone and erased', () => {
    const script = esptoolScript(twoOta()).split('\n');
    expect(script).toContain('esptool.py --chip esp32 write_flash 0x1000 bootloader.bin 0x8000 partition-table.bin 0xd000 ota_data_initial.bin 0x10000 app.bin');
    expect(script).toContain('# esptool.py --chip esp32 write_flash 0x210000 ota_1.bin');
    expect(script).toContain('# esptool.py --chip esp32 erase_region 0x9000 0x4000');
    expect(script.filter((line) => line.includes('erase_region'))).toHaveLength(6);
  });

  it('sizes Arduino uploads by the largest app slot and points PlatformIO at the CSV', () => {
    expect(arduinoSettings(twoOta())).toContain(`upload.maximum_size=${1024 * 1024}`);
    expect(platformioSettings(twoOta())).toBe('[env]\nboard_build.partitions = ESP32-Factory-app-two-OTA-definitions.csv\n');
  });
});
