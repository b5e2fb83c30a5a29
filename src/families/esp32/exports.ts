/**
 * The commands and settings an ESP32 project needs beside its table: an esptool.py flash script
 * (whole device, each partition alone, erasing a partition), and the PlatformIO and Arduino lines.
 */
import type { LayoutDocument } from '../../model/document';
import { fileStem } from '../../model/file-stem';
import { documentToTable } from './bridge';
import { arduinoMaximumSizeLine, erasePartitionCommand, flashCommand, platformioLine, writePartitionCommand } from './esptool';

export function esptoolScript(document: LayoutDocument): string {
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
  return lines.join('\n') + '\n';
}

/** platformio.ini pointing at the table CSV that the CSV export names after the layout. */
export function platformioSettings(document: LayoutDocument): string {
  return `[env]\n${platformioLine(`${fileStem(document)}.csv`)}\n`;
}

export function arduinoSettings(document: LayoutDocument): string {
  const line = arduinoMaximumSizeLine(document);
  return line ? `# largest app slot\n${line}\n` : '# no app partition: nothing to upload\n';
}
