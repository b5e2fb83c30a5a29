/**
 * The ESP32 family's registry entries: the ESP-IDF table as CSV (what a project keeps) and as the
 * binary flashed at the table offset, the esptool.py flash script, and the PlatformIO and Arduino
 * settings. Each entry ties the codec (src/codecs/esp32) to the family's bridge.
 */
import { arduinoSettings, esptoolScript, platformioSettings } from '../families/esp32/exports';
import { exportBinaryTable, exportCsvTable, importBinaryTable, importCsvTable, isBinaryTable, looksLikeCsvTable } from '../families/esp32/table-files';
import type { Format } from './format';

export const esp32Formats: Format[] = [
  {
    id: 'esp32-bin',
    title: 'ESP-IDF partition table (binary)',
    extension: 'bin',
    kind: 'binary',
    families: ['esp32'],
    detect: isBinaryTable,
    import: importBinaryTable,
    export: exportBinaryTable,
  },
  {
    id: 'esp32-csv',
    title: 'ESP-IDF partition table (CSV)',
    extension: 'csv',
    kind: 'table',
    families: ['esp32'],
    detect: looksLikeCsvTable,
    import: importCsvTable,
    export: exportCsvTable,
  },
  {
    id: 'esp32-esptool',
    title: 'esptool.py flash commands',
    extension: 'sh',
    kind: 'script',
    families: ['esp32'],
    export: (document) => ({ text: esptoolScript(document) }),
  },
  {
    id: 'esp32-platformio',
    title: 'PlatformIO setting (platformio.ini)',
    extension: 'ini',
    kind: 'snippet',
    families: ['esp32'],
    export: (document) => ({ text: platformioSettings(document) }),
  },
  {
    id: 'esp32-arduino',
    title: 'Arduino board setting (boards.txt)',
    extension: 'txt',
    kind: 'snippet',
    families: ['esp32'],
    export: (document) => ({ text: arduinoSettings(document) }),
  },
];
