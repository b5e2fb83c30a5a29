/** How many OTA app slots (ota_0 … ota_15) an ESP32 table has: otadata's boot slot is counted modulo it. */
import type { Region } from '../region';

export function otaSlotCount(claims: readonly Region[]): number {
  return claims.filter((c) => c.type === 'esp32-partition' && c.details.type === 0 && typeof c.details.subtype === 'number' && c.details.subtype >= 0x10 && c.details.subtype < 0x20).length;
}
