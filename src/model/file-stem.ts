import type { LayoutDocument } from '../model/document';

/** A file-name stem from the layout name: "ESP32: two OTA" → "ESP32-two-OTA". */
export function fileStem(document: LayoutDocument): string {
  return document.name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'layout';
}
