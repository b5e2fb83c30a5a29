/** The SigmaStar options of a document, with the SDK's defaults where the document says nothing. */
import type { LayoutDocument, SstarOptions } from '../../model/document';

/** writecis's default when [[cis.es gives no count (cmd_mstar.c: 3 copies). */
export const DEFAULT_CIS_COPIES = 3;

export function sstarOptions(document: LayoutDocument): SstarOptions {
  return document.device.sstar ?? {};
}

export function envMergeOf(document: LayoutDocument): boolean {
  return sstarOptions(document).envMerge === true;
}

export function cisCopiesOf(document: LayoutDocument): number {
  return sstarOptions(document).cisCopies ?? DEFAULT_CIS_COPIES;
}
