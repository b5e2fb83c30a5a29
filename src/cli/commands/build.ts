/**
 * `flashmap build`: writes the flash or disk image a layout describes, with the files given by
 * --blob at their partitions (each backup copy at the start of its slot) or UBI volumes (the
 * partition's UBI image built from them), the family's generated
 * content (partition tables, MXP_SF.bin, PARTINFO.pni, the U-Boot environment) and its fill;
 * optionally the boot-only image, the .bmap, the Android sparse image and a sha256 manifest.
 * The raw image keeps its holes sparse. INPUT is a layout document or any table Flashmap imports.
 */
import { FormatError } from '../../codecs/errors';
import { FAMILIES, validate } from '../../families';
import { failureText, importFile } from '../../formats/files';
import { detectFormat } from '../../formats/registry';
import { findAttachTarget, setAttachment } from '../../image/attach';
import { checkAttachments, manifestText } from '../../image/build';
import { imageFiles, type ImageFile } from '../../image/outputs';
import type { ImagePlan } from '../../image/plan';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, FAMILY_IDS, type FamilyId, type LayoutDocument } from '../../model/document';
import { formatHex, formatHuman, parseBytes } from '../../model/units';
import { InputError, readInput } from '../input';
import { describeFileError, UsageError, type CliIo, type Command, type ImagePiece } from '../io';
import { parseOptions } from '../options';
import { createSHA256 } from 'hash-wasm';

const USAGE = `flashmap build INPUT -o IMAGE [--blob NAME=FILE]... [--boot-image FILE] [--bmap FILE]
                [--sparse FILE] [--manifest FILE] [--with-spare] [--device-size SIZE]

Writes the image of a layout: each file given with --blob at its partition (at the start of each
backup copy's slot), the family's own content (partition tables, MXP_SF.bin in MXPT,
PARTINFO.pni in the CIS blocks, the ESP32 table with its MD5, the U-Boot environment) and the
erased value everywhere else (0xFF on NOR and NAND; on eMMC/SD zeros, left as holes of the sparse
file). INPUT is a layout document or a table Flashmap imports (partition.config, mtdparts, an
ESP32 CSV, an sfdisk script, .wks, a table binary); "-" reads standard input. Exit status 1
when the layout has errors or a file is missing or does not fit (nothing is written).

  -o, --output IMAGE      the full image
  --blob NAME=FILE        FILE into the partition (or fixed region: ESP32 "bootloader") NAME;
                          repeat for several
  --blob PARTITION/VOLUME=FILE
                          FILE into a UBI volume: the partition becomes the UBI image of its
                          volumes, as ubinize builds it (the rest of the partition erased)
  --boot-image FILE       the boot-only image (SigmaStar boot.bin, eMMC boot0, ESP32 merged image)
  --bmap FILE             the block map of IMAGE (bmaptool copy --bmap FILE IMAGE /dev/sdX)
  --sparse FILE           IMAGE as an Android sparse image (fastboot, uuu, mmc swrite)
  --manifest FILE         the sha256 of every file written, as sha256sum -c reads it
  --with-spare            NAND: each page followed by its spare bytes (0xFF) in IMAGE
  --device-size SIZE      size of the device (bytes, or with K, M, G, T) for an input that does
  --flash-size SIZE       not give one (mtdparts, sfdisk script, ESP32 CSV); a layout's own size
                          otherwise`;

const SPECS = {
  output: { value: 'required' as const, alias: 'o' },
  blob: { value: 'many' as const },
  'boot-image': { value: 'required' as const },
  bmap: { value: 'required' as const },
  sparse: { value: 'required' as const },
  manifest: { value: 'required' as const },
  'with-spare': {},
  'device-size': { value: 'required' as const },
  'flash-size': { value: 'required' as const },
};

/** The empty layout an imported table is read into: the first family its format serves (the reader may switch), else an SD card or eMMC user area. */
function blankLayout(bytes: Uint8Array, size: number | undefined): LayoutDocument {
  const format = detectFormat(bytes);
  const id: FamilyId = format && format.families.length < FAMILY_IDS.length ? format.families[0] : 'emmc';
  const family = FAMILIES[id];
  const base = family.defaultDevice();
  const device = { ...base, ...(id === 'emmc' ? { hardwarePartitions: [] } : {}), ...(size !== undefined ? { size } : {}) };
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: 'disk', device, areas: family.defaultAreas(device), partitions: [] };
}

function sizeOption(text: string | true | string[] | undefined, option: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const parsed = parseBytes(text);
  if (!parsed.ok || parsed.value === 0) throw new UsageError(`--${option}: ${parsed.ok ? 'must be at least one sector' : parsed.error}`);
  return parsed.value;
}

/** Where a --blob file's bytes come from: read piece by piece where the face can, else whole. */
type BlobBytes = () => Iterable<Uint8Array>;

const SLICE = 1024 * 1024;

function openBlob(path: string, io: CliIo): { size: number; chunks: BlobBytes } {
  if (path !== '-' && io.openFile) {
    let file: ReturnType<NonNullable<CliIo['openFile']>>;
    try {
      file = io.openFile(path);
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${describeFileError(error)}`);
    }
    return {
      size: file.size,
      *chunks() {
        for (let at = 0; at < file.size; at += SLICE) yield file.read(at, Math.min(SLICE, file.size - at));
      },
    };
  }
  const data = readInput(path, io);
  return { size: data.length, chunks: () => [data] };
}

/** The files of --blob NAME=FILE attached to the document; their bytes by sha256. */
async function attachBlobs(document: LayoutDocument, pairs: string[], io: CliIo): Promise<{ document: LayoutDocument; bytes: Map<string, BlobBytes> }> {
  const bytes = new Map<string, BlobBytes>();
  const hasher = await createSHA256();
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new UsageError(`--blob takes NAME=FILE, not "${pair}"`);
    const name = pair.slice(0, at);
    const path = pair.slice(at + 1);
    const target = findAttachTarget(document, name);
    if (!target) throw new InputError(`--blob ${pair}: the layout has no partition, volume or region named "${name}"`);
    const blob = openBlob(path, io);
    hasher.init();
    for (const chunk of blob.chunks()) hasher.update(chunk);
    const attachment = { fileName: path.split('/').pop() ?? path, size: blob.size, sha256: hasher.digest('hex') };
    bytes.set(attachment.sha256, blob.chunks);
    document = setAttachment(document, target, attachment);
  }
  return { document, bytes };
}

/** A whole file as pieces at increasing offsets, for writeImage. */
async function* sequential(stream: AsyncIterable<Uint8Array>): AsyncGenerator<ImagePiece> {
  let offset = 0;
  for await (const bytes of stream) {
    yield { offset, bytes };
    offset += bytes.length;
  }
}

/** The data extents of an image as pieces: holes are never written. */
async function* extentPieces(file: ImageFile): AsyncGenerator<ImagePiece> {
  for (const extent of file.sparse!.extents) {
    let offset = extent.offset;
    for await (const bytes of extent.data()) {
      yield { offset, bytes };
      offset += bytes.length;
    }
  }
}

async function sha256Of(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const hasher = await createSHA256();
  for await (const chunk of stream) hasher.update(chunk);
  return hasher.digest('hex');
}

export const buildCommand: Command = {
  name: 'build',
  usage: USAGE,
  async run(args, io) {
    const { options, positionals } = parseOptions(args, SPECS);
    if (positionals.length !== 1) throw new UsageError('expected one input file');
    const output = options.get('output');
    if (typeof output !== 'string') throw new UsageError('expected -o IMAGE');
    const deviceSize = sizeOption(options.get('device-size'), 'device-size') ?? sizeOption(options.get('flash-size'), 'flash-size');
    const [input] = positionals;
    const bytes = readInput(input, io);
    const imported = importFile(bytes, blankLayout(bytes, deviceSize), { fileName: input === '-' ? undefined : input, deviceSize });
    if (!imported.ok) throw new InputError(`${input}: ${failureText(imported)}`);
    for (const warning of imported.warnings) io.stderr(`flashmap build: ${input}: ${warning}\n`);
    const sized = deviceSize === undefined || imported.document.device.size === deviceSize ? imported.document : { ...imported.document, device: { ...imported.document.device, size: deviceSize } };
    const blobPairs = options.get('blob');
    const { document, bytes: blobs } = await attachBlobs(sized, Array.isArray(blobPairs) ? blobPairs : [], io);

    const errors = validate(document).problems.filter((problem) => problem.severity === 'error');
    if (errors.length > 0) {
      io.stderr(`flashmap build: ${input}: the layout has ${errors.length} error(s); nothing was written:\n${errors.map((e) => `  ${e.code}: ${e.message}\n`).join('')}`);
      return 1;
    }
    let files: ImageFile[];
    let plan: ImagePlan;
    try {
      checkAttachments(document, (sha) => blobs.has(sha));
      const built = imageFiles(document, (attachment) => blobs.get(attachment.sha256), { withSpare: options.get('with-spare') === true });
      files = built.files;
      plan = built.plan;
      for (const warning of built.warnings) io.stderr(`flashmap build: ${warning}\n`);
    } catch (error) {
      if (error instanceof FormatError) {
        io.stderr(`flashmap build: ${input}: ${error.message}; nothing was written\n`);
        return 1;
      }
      throw error;
    }
    if (!io.writeImage) throw new InputError('this face of flashmap cannot write image files');
    const wanted: Array<{ path: string; file: ImageFile | undefined; option: string }> = [
      { path: output, file: files.find((f) => f.kind === 'raw'), option: '-o' },
      ...(['boot-image', 'bmap', 'sparse'] as const).flatMap((option) => {
        const path = options.get(option);
        const kind = option === 'boot-image' ? 'boot' : option;
        return typeof path === 'string' ? [{ path, file: files.find((f) => f.kind === kind), option: `--${option}` }] : [];
      }),
    ];
    const manifest = options.get('manifest');
    const digests: Array<{ name: string; sha256: string }> = [];
    for (const { path, file, option } of wanted) {
      if (!file) throw new InputError(`${option}: a ${document.device.family} layout has no such image${option === '--boot-image' ? '' : ' (not with --with-spare)'}`);
      if (file.sparse) await io.writeImage(path, { size: file.sparse.size, pieces: extentPieces(file) });
      // Written from 0 to its end, so a size not known up front (bmap, sparse image) may be left at 0.
      else await io.writeImage(path, { size: file.size ?? 0, pieces: sequential(file.stream()) });
      if (typeof manifest === 'string') digests.push({ name: path, sha256: await sha256Of(file.stream()) });
    }
    if (typeof manifest === 'string') io.writeFile(manifest, manifestText(digests));
    const size = wanted[0].file!.size ?? 0;
    const data = plan.pieces.reduce((sum, piece) => sum + piece.length, 0);
    const rest = plan.fill === 0 ? 'the rest sparse' : `the rest 0x${plan.fill.toString(16).toUpperCase()}`;
    io.stdout(`${output}: ${formatHuman(size)} (${formatHex(size)} bytes), ${plan.attachments.length} attached file(s), ${plan.pieces.length} piece(s), ${data} bytes of data, ${rest}\n`);
    return 0;
  },
};
