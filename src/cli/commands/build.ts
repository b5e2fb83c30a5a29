/**
 * `flashmap build`: writes the disk image a layout describes. Today that is the user area with
 * its partition table (MBR or GPT, exactly the bytes sfdisk writes for the same table); every
 * other byte is a hole of the sparse output file. INPUT is a layout document or any table format
 * Flashmap imports (an sfdisk script, a .wks, a table binary).
 */
import { validate } from '../../families';
import { failureText, importFile } from '../../formats/files';
import { FAMILIES } from '../../families';
import { layoutImage } from '../../image/disk-image';
import { FormatError } from '../../codecs/errors';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type LayoutDocument } from '../../model/document';
import { formatHex, formatHuman, parseBytes } from '../../model/units';
import { InputError, readInput } from '../input';
import { UsageError, type Command } from '../io';
import { parseOptions } from '../options';

const USAGE = `flashmap build INPUT -o IMAGE [--device-size SIZE]

Writes the disk image of a layout: its partition table (MBR or GPT, with the backup GPT in the
last sectors) at the places the layout gives; the rest of the file is left sparse. INPUT is a
layout document or a table Flashmap imports (sfdisk script, .wks, table binary); "-" reads
standard input. Exit status 1 when the layout has errors (they are printed, nothing is written).

  -o, --output IMAGE      the image file to write
  --device-size SIZE      size of the device (bytes, or with K, M, G, T): the image size, and the
                          disk an sfdisk script or .wks is placed on (default: the layout's size)`;

/** The device an imported table is placed on when the file does not say: an SD card or eMMC user area. */
function blankDisk(size: number | undefined): LayoutDocument {
  const family = FAMILIES.emmc;
  const device = { ...family.defaultDevice(), hardwarePartitions: [], ...(size !== undefined ? { size } : {}) };
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: 'disk', device, areas: family.defaultAreas(device), partitions: [] };
}

export const buildCommand: Command = {
  name: 'build',
  usage: USAGE,
  run(args, io) {
    const { options, positionals } = parseOptions(args, { output: { value: 'required', alias: 'o' }, 'device-size': { value: 'required' } });
    if (positionals.length !== 1) throw new UsageError('expected one input file');
    const output = options.get('output');
    if (typeof output !== 'string') throw new UsageError('expected -o IMAGE');
    const sizeText = options.get('device-size');
    let deviceSize: number | undefined;
    if (typeof sizeText === 'string') {
      const parsed = parseBytes(sizeText);
      if (!parsed.ok || parsed.value === 0) throw new UsageError(`--device-size: ${parsed.ok ? 'must be at least one sector' : parsed.error}`);
      deviceSize = parsed.value;
    }
    const [input] = positionals;
    const imported = importFile(readInput(input, io), blankDisk(deviceSize), { fileName: input === '-' ? undefined : input });
    if (!imported.ok) throw new InputError(`${input}: ${failureText(imported)}`);
    for (const warning of imported.warnings) io.stderr(`flashmap build: ${input}: ${warning}\n`);
    const document = deviceSize === undefined ? imported.document : { ...imported.document, device: { ...imported.document.device, size: deviceSize } };

    const errors = validate(document).problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      io.stderr(`flashmap build: ${input}: the layout has ${errors.length} error(s); nothing was written:\n${errors.map((e) => `  ${e.code}: ${e.message}\n`).join('')}`);
      return 1;
    }
    let image;
    try {
      image = layoutImage(document);
    } catch (error) {
      if (error instanceof FormatError) throw new InputError(`${input}: ${error.message}`);
      throw error;
    }
    if (!io.writeImage) throw new InputError('this face of flashmap cannot write image files');
    io.writeImage(output, image);
    const written = image.pieces.reduce((sum, piece) => sum + piece.bytes.length, 0);
    io.stdout(`${output}: ${formatHuman(image.size)} (${formatHex(image.size)} bytes), ${image.pieces.length} piece(s) of table data, ${written} bytes written, the rest sparse\n`);
    return 0;
  },
};
