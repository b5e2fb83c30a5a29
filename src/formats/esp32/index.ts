/** The ESP-IDF partition table format: what the UI and other callers use. */
export { Esp32Error, type Esp32Location } from './errors';
export { esp32BinaryFormat, esp32CsvFormat } from './format';
export { isBinaryTable, binaryToTable, tableToBinary } from './binary';
export { parseCsv, tableToCsv } from './csv';
export { documentToTable, tableToDocument, type TableToDocumentOptions } from './layout';
export { documentSettings } from './settings';
export { runTool, type ToolOptions, type ToolResult } from './tool';
export { checkFlashSize, verifyTable } from './verify';
export { esp32Settings, maxEntries, FLASH_SIZES_MB, type Esp32Entry, type Esp32Settings, type Esp32Table } from './table';
export {
  buildCatalog,
  formatSubtype,
  formatType,
  subtypeKeywords,
  TYPE_NAMES,
  type Catalog,
  type ExtraSubtype,
  type TypeName,
} from './types';
export {
  arduinoMaximumSize,
  arduinoMaximumSizeLine,
  bootApp,
  DEFAULT_FLASH_FILES,
  erasePartitionCommand,
  flashCommand,
  platformioLine,
  writePartitionCommand,
  type EsptoolOptions,
  type FlashFiles,
} from './esptool';
