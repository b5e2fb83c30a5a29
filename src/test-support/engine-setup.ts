/** vitest setup: what the engine needs loaded before it runs synchronously (the ESP32 table's MD5). */
import { loadMd5 } from '../codecs/esp32/digest';

await loadMd5();
