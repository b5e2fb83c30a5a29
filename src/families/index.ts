/** The family registry: the one place that maps a family id to its definition. */
import type { FamilyId, LayoutDocument } from '../model/document';
import { emmcFamily } from './emmc';
import { esp32Family } from './esp32';
import { normalizedFor, type Family } from './family';
import { norFamily } from './nor';
import { sstarNandFamily } from './sstar-nand';
import { sstarNorFamily } from './sstar-nor';

export const FAMILIES: Record<FamilyId, Family> = {
  'sstar-nor': sstarNorFamily,
  'sstar-nand': sstarNandFamily,
  esp32: esp32Family,
  emmc: emmcFamily,
  nor: norFamily,
};

export function familyOf(document: LayoutDocument): Family {
  return FAMILIES[document.device.family];
}

/** A document as its family keeps it (e.g. the ESP32 boot area follows the table offset). */
export function normalizeDocument(document: LayoutDocument): LayoutDocument {
  return normalizedFor(familyOf(document), document);
}

export type { Family } from './family';
