/** ESP-IDF's built-in partition tables (partitions_singleapp.csv and partitions_two_ota.csv). */
import { FAMILIES } from '../families';
import { MiB } from '../model/units';
import { layout, partitionsIn, type PartitionSpec } from './build';
import { esp32Kind } from '../model/esp32';

function entry(name: string, type: number, subtype: number, size: number): PartitionSpec {
  return { name, size, kind: esp32Kind(type, subtype), esp32: { type, subtype } };
}

function esp32Layout(title: string, entries: PartitionSpec[]) {
  const family = FAMILIES.esp32;
  const device = { ...family.defaultDevice(), size: 4 * MiB };
  return layout(title, device, family.defaultAreas(device), partitionsIn('flash', entries));
}

export function esp32SingleApp() {
  return esp32Layout('ESP32: Single factory app, no OTA', [
    entry('nvs', 0x01, 0x02, 0x6000),
    entry('phy_init', 0x01, 0x01, 0x1000),
    entry('factory', 0x00, 0x00, 1 * MiB),
  ]);
}

export function esp32TwoOta() {
  return esp32Layout('ESP32: Factory app, two OTA definitions', [
    entry('nvs', 0x01, 0x02, 0x4000),
    entry('otadata', 0x01, 0x00, 0x2000),
    entry('phy_init', 0x01, 0x01, 0x1000),
    entry('factory', 0x00, 0x00, 1 * MiB),
    entry('ota_0', 0x00, 0x10, 1 * MiB),
    entry('ota_1', 0x00, 0x11, 1 * MiB),
  ]);
}
