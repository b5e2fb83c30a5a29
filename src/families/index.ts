/**
 * The family registry: the one place that maps a family id to its definition, and the engine's
 * entry points that need a document's family (normalising and validating it).
 */
import { normalizedFor, type Family } from '../layout/family';
import type { FamilyId, LayoutDocument } from '../model/document';
import { validateWith, type Validation } from '../rules/validate';
import { emmcFamily } from './emmc/family';
import { esp32Family } from './esp32/family';
import { esp32Images } from './esp32/images';
import { norFamily } from './nor/family';
import { sstarNandFamily } from './sstar/nand';
import { sstarNorFamily } from './sstar/nor';

export const FAMILIES: Record<FamilyId, Family> = {
  'sstar-nor': sstarNorFamily,
  'sstar-nand': sstarNandFamily,
  esp32: { ...esp32Family, ...esp32Images },
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

/** Every problem of the document at once, with its placement. */
export function validate(document: LayoutDocument): Validation {
  return validateWith(document, familyOf(document));
}
