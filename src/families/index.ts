/** The family registry: the one place that maps a family id to its definition. */
import type { FamilyId, LayoutDocument } from '../model/document';
import { emmcFamily } from './emmc';
import { esp32Family } from './esp32';
import type { Family } from './family';
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

export type { Family } from './family';
