/** Exports every family has: the layout as a plain-text table (like `fdisk -l`) and as a picture. */
import { familyOf } from '../families';
import { place } from '../layout/place';
import { FAMILY_IDS } from '../model/document';
import { layoutSvg } from '../picture/svg';
import type { Format } from './format';
import { layoutListing } from './listing';

export const genericFormats: Format[] = [
  {
    id: 'layout-listing',
    title: 'Layout as a text table (like fdisk -l)',
    extension: 'txt',
    fileName: (stem) => `${stem}.layout.txt`,
    kind: 'snippet',
    families: [...FAMILY_IDS],
    export: (document) => ({ text: layoutListing(document, place(document, familyOf(document))) }),
  },
  {
    id: 'layout-svg',
    title: 'Picture of the layout (SVG)',
    extension: 'svg',
    fileName: (stem) => `${stem}.layout.svg`,
    kind: 'picture',
    mimeType: 'image/svg+xml',
    families: [...FAMILY_IDS],
    export: (document) => ({ text: layoutSvg(document, place(document, familyOf(document))) }),
  },
];
