/**
 * What an ESP32 image holds beyond the user's files: the binary partition table (with its MD5
 * row when the layout has one) at the table offset, 0xFF everywhere nothing is written; and the
 * merged image `esptool merge_bin` makes, from 0 to the last byte written. Kept apart from
 * ./family because the table comes from the bridge, which uses the family.
 */
import type { Family } from '../../layout/family';
import { esp32Options } from '../../model/esp32';
import { exportBinaryTable } from './table-files';

export const esp32Images: Pick<Family, 'imageFill' | 'imagePieces' | 'bootImage'> = {
  imageFill: 0xff,
  imagePieces: (document, space) => (space === 'main' ? [{ offset: esp32Options(document).tableOffset, bytes: exportBinaryTable(document).bytes }] : []),
  bootImage: () => ({ space: 'main', start: 0, end: 'data', fileName: 'merged-flash.bin', title: 'Merged flash image, as esptool merge_bin writes it: from 0 to the last byte written, 0xFF between' }),
};
