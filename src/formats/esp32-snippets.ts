/**
 * The commands and settings an ESP32 project needs beside its table, as registry formats so the
 * export panel shows them like any other output: an esptool.py flash script (whole device, each
 * partition alone, erasing a partition), and the PlatformIO and Arduino lines.
 */
import type { Format } from './registry';
import { fileStem } from './file-stem';
import { documentToTable } from '../families/esp32/bridge';
import { arduinoMaximumSizeLine, erasePartitionCommand, flashCommand, platformioLine, writePartitionCommand } from '../families/esp32/esptool';

export const esptoolScriptFormat: Format = {
  id: 'esp32-esptool',
  title: 'esptool.py flash commands',
  extension: 'sh',
  kind: 'script',
  families: ['esp32'],
  export(document) {
    const names = documentToTable(document).entries.map((entry) => entry.name).filter((name) => name !== '');
    const lines = [
      '#!/bin/sh',
      `# ${document.name}: flash commands for esptool.py (files as ESP-IDF's build names them).`,
      '# Bootloader, partition table, initial OTA data and the boot app:',
      flashCommand(document),
      '',
      '# One partition only:',
      ...names.map((name) => `# ${writePartitionCommand(document, name)}`),
      '',
      '# Erase one partition:',
      ...names.map((name) => `# ${erasePartitionCommand(document, name)}`),
    ];
    return { text: lines.join('\n') + '\n' };
  },
};

export const platformioFormat: Format = {
  id: 'esp32-platformio',
  title: 'PlatformIO setting (platformio.ini)',
  extension: 'ini',
  kind: 'snippet',
  families: ['esp32'],
  export: (document) => ({ text: `[env]\n${platformioLine(`${fileStem(document)}.csv`)}\n` }),
};

export const arduinoFormat: Format = {
  id: 'esp32-arduino',
  title: 'Arduino board setting (boards.txt)',
  extension: 'txt',
  kind: 'snippet',
  families: ['esp32'],
  export(document) {
    const line = arduinoMaximumSizeLine(document);
    return { text: line ? `# largest app slot\n${line}\n` : '# no app partition: nothing to upload\n' };
  },
};
