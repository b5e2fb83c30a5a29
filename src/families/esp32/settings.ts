/** The tool's settings that a layout document implies: its ESP32 options and its flash size. */
import type { LayoutDocument } from '../../model/document';
import type { Esp32Settings } from '../../codecs/esp32/table';
import { bootloaderOffset, esp32Options } from '../../model/esp32';

/**
 * The document's options as gen_esp32part.py options. The primary bootloader offset is always
 * known here (the chip's ROM offset unless set), as the ESP-IDF build always passes it.
 */
export function documentSettings(document: LayoutDocument): Esp32Settings {
  const options = esp32Options(document);
  return {
    tableOffset: options.tableOffset,
    md5: options.md5,
    secure: options.secure,
    primaryBootloaderOffset: bootloaderOffset(options),
    recoveryBootloaderOffset: options.recoveryBootloaderOffset,
    extraSubtypes: options.extraSubtypes,
    flashSize: document.device.size,
  };
}
