/**
 * The layout document: one versioned JSON file (`*.flashmap.json`) that holds a whole design —
 * the device, its areas and its partitions. Everything else in the engine is a pure function of it.
 */
import { z } from 'zod';
import { locateJsonError } from './json-error';
import { MAX_BYTES } from './units';

export const DOCUMENT_FORMAT = 'flashmap';
export const DOCUMENT_VERSION = 1;

export const FAMILY_IDS = ['sstar-nor', 'sstar-nand', 'esp32', 'emmc', 'nor'] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

/** What a partition is for; drives colours, palettes and which outputs list it. */
export const PARTITION_KINDS = [
  'bootloader',
  'boot-config',
  'table',
  'env',
  'kernel',
  'recovery',
  'rootfs',
  'filesystem',
  'app',
  'ota-data',
  'nvs',
  'phy',
  'coredump',
  'data',
  'ubi',
  'firmware',
  'reserved',
] as const;
export type PartitionKind = (typeof PARTITION_KINDS)[number];

export const FILESYSTEMS = [
  'squashfs',
  'jffs2',
  'ubifs',
  'ext2',
  'ext3',
  'ext4',
  'vfat',
  'erofs',
  'ramfs',
  'swap',
  'spiffs',
  'littlefs',
  'fat',
] as const;
export type Filesystem = (typeof FILESYSTEMS)[number];

export const ESP32_CHIPS = ['esp32', 'esp32s2', 'esp32s3', 'esp32c2', 'esp32c3', 'esp32c5', 'esp32c6', 'esp32c61', 'esp32h2', 'esp32p4'] as const;
export type Esp32Chip = (typeof ESP32_CHIPS)[number];

const byteCount = z
  .number({ error: 'expected a number of bytes' })
  .int('expected a whole number of bytes')
  .nonnegative('must not be negative')
  .max(MAX_BYTES, 'exceeds 2^53 - 1 bytes');
const positiveBytes = byteCount.min(1, 'must be at least 1 byte');
const identifier = z.string().min(1, 'must not be empty').max(64, 'at most 64 characters');
const byte = z.number().int().min(0).max(255);

export const GeometrySchema = z.object({
  /** NOR erase sector or NAND block, in bytes. */
  eraseBlock: positiveBytes.optional(),
  /** NOR program page or NAND page (main area), in bytes. */
  pageSize: positiveBytes.optional(),
  /** NAND spare (OOB) bytes per page. */
  spareSize: byteCount.optional(),
  /** Logical sector of a block device (eMMC/SD), in bytes. */
  sectorSize: positiveBytes.optional(),
});
export type Geometry = z.infer<typeof GeometrySchema>;

/** eMMC hardware partitions beside the user area (boot0, boot1, rpmb, gp1..4). */
export const HardwarePartitionSchema = z.object({
  name: z.enum(['boot0', 'boot1', 'rpmb', 'gp1', 'gp2', 'gp3', 'gp4']),
  size: positiveBytes,
});

export const Esp32ExtraSubtypeSchema = z.object({
  type: z.enum(['app', 'data', 'bootloader', 'partition_table']),
  name: z.string().min(1),
  value: byte,
});

/** Options with gen_esp32part.py's meaning. */
export const Esp32OptionsSchema = z.object({
  chip: z.enum(ESP32_CHIPS),
  tableOffset: byteCount,
  md5: z.boolean(),
  secure: z.enum(['none', 'v1', 'v2']),
  /** Overrides the chip's bootloader offset (gen_esp32part --primary-bootloader-offset). */
  primaryBootloaderOffset: byteCount.optional(),
  recoveryBootloaderOffset: byteCount.optional(),
  extraSubtypes: z.array(Esp32ExtraSubtypeSchema),
});
export type Esp32Options = z.infer<typeof Esp32OptionsSchema>;

/** A make variable or image name as partition.config spells them. */
const makeName = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." or "-"').max(64, 'at most 64 characters');
/** Per-image field names of partition.config (RESOUCE, BOOTENV, MOUNTPT...). */
const makeFields = z.record(z.string().regex(/^[A-Z]+$/, 'an upper-case field name such as BOOTENV'), z.string());

/**
 * SigmaStar ALKAID options of a device: the mxpgenerator variant, the CIS copies writecis
 * writes, and what a partition.config holds that the layout does not model, so a config read
 * in is written out again with it. Values are make values, in which `$(NAME)` stands for a
 * variable the SDK's own makefiles define (PROJ_ROOT, CHIP, KERNEL_BOOT_ENV...).
 */
export const SstarOptionsSchema = z.object({
  /** The mxpgenerator variant that grows the record before UBOOT_ENV over it (industio/PurPle-Pi-R1). */
  envMerge: z.boolean().optional(),
  /** CIS_COPIES: how many CIS copies `writecis` writes, in blocks 0, 2, 4... (1 to 5). */
  cisCopies: z.number().int().min(1).max(64).optional(),
  /** EXBOOTARGS: what the board's makefiles add to the kernel command line (LX_MEM, mma_heap...). */
  bootArgs: z.string().optional(),
  config: z
    .object({
      /** Global variables: IMAGE_LIST (its order), ENV_CFG, CIS_PBAs, TFTPDOWNLOADADDR... */
      globals: z.record(makeName, z.string()),
      /** The config's other variables (wifi24mclkcmd...), in order. */
      others: z.array(z.object({ name: makeName, value: z.string() })),
      /** Images with no partition or volume of their own, kept as they were read. */
      images: z.array(z.object({ name: makeName, fields: makeFields })),
    })
    .optional(),
});
export type SstarOptions = z.infer<typeof SstarOptionsSchema>;
const guidText = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'expected a GUID');

/** The MBR's whole-disk fields, and its extended partition when logical partitions exist. */
export const MbrDiskSchema = z.object({
  /** The 32-bit disk signature at 0x1B8 (sfdisk's label-id, genimage's disk-signature). */
  diskSignature: z.number().int().min(0).max(0xffffffff).optional(),
  /**
   * The extended partition holding the logical ones. Absent: it runs from one grain before the
   * first logical partition to the end of the last, in the slot after the primaries, type 0x05.
   */
  extended: z.object({ offset: byteCount, size: positiveBytes, type: z.union([z.literal(0x05), z.literal(0x0f), z.literal(0x85)]).optional(), slot: z.number().int().min(1).max(4).optional() }).optional(),
});

/** The GPT's whole-disk fields; absent fields take sfdisk's defaults for a new table. */
export const GptDiskSchema = z.object({
  diskGuid: guidText.optional(),
  /** Byte offset of the primary entry array (two sectors in unless moved past a bootloader). */
  entriesOffset: byteCount.optional(),
  /** NumberOfPartitionEntries (128). */
  entryCount: z.number().int().min(1).max(16384).optional(),
  /** First usable byte (FirstUsableLBA × sector); sfdisk's default is 1 MiB. */
  usableStart: byteCount.optional(),
  /** End of the usable sectors (LastUsableLBA + 1, in bytes); default: before the backup array. */
  usableEnd: byteCount.optional(),
});

/** Where the boot ROM reads the boot firmware (EXT_CSD PARTITION_CONFIG BOOT_PARTITION_ENABLE: boot0 1, boot1 2, user area 7). */
export const BOOT_SOURCES = ['boot0', 'boot1', 'user'] as const;
export type BootSource = (typeof BOOT_SOURCES)[number];

/** eMMC and SD card settings beside the hardware partitions. */
export const EmmcOptionsSchema = z.object({
  bootFrom: z.enum(BOOT_SOURCES).optional(),
  /** The SoC whose boot ROM reads the firmware (its raw offsets come from the family's list). */
  soc: z.string().min(1).max(64).optional(),
  /** Linux block device of the user area, for scripts and update descriptions (/dev/mmcblk0). */
  linuxDevice: z.string().regex(/^\/dev\/[A-Za-z0-9_./-]+$/, 'expected a device path such as /dev/mmcblk0').optional(),
  /** Partitioning grain in bytes (sfdisk's grain header); 1 MiB by default. */
  grain: positiveBytes.optional(),
  mbr: MbrDiskSchema.optional(),
  gpt: GptDiskSchema.optional(),
});
export type EmmcOptions = z.infer<typeof EmmcOptionsSchema>;

/**
 * A file attached to a partition or a volume, for building images. The document keeps what
 * identifies the file; its bytes live beside the document (IndexedDB in the app, `--blob` on the
 * CLI), so a document opened without them can say which files are missing.
 */
export const AttachmentSchema = z.object({
  fileName: z.string().min(1).max(255),
  size: byteCount,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 as 64 lower-case hex digits'),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const DeviceSchema = z.object({
  family: z.enum(FAMILY_IDS, { error: `family must be one of ${FAMILY_IDS.join(', ')}` }),
  /** Flash part or board, informative (for example "IS25WP128"). */
  model: z.string().optional(),
  /** Size of the main address space: the whole flash, or the eMMC user area. */
  size: positiveBytes,
  geometry: GeometrySchema,
  hardwarePartitions: z.array(HardwarePartitionSchema).optional(),
  esp32: Esp32OptionsSchema.optional(),
  sstar: SstarOptionsSchema.optional(),
  emmc: EmmcOptionsSchema.optional(),
  /** Files attached to the family's fixed regions (the ESP32 bootloader), by reserved-region id. */
  attachments: z.record(z.string().min(1), AttachmentSchema).optional(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const AREA_TABLES = ['none', 'mxp', 'pni', 'mtdparts', 'esp32', 'mbr', 'gpt'] as const;
export type AreaTable = (typeof AREA_TABLES)[number];

/**
 * A stretch of one address space that groups partitions (SigmaStar BOOT/SYS, eMMC boot0/user).
 * `start: "auto"` follows the previous area of the same space; `size: "fit"` ends with its last
 * partition, `size: "rest"` runs to the end of the space.
 */
export const AreaSchema = z.object({
  id: identifier,
  name: z.string().min(1, 'must not be empty'),
  /** Address space: "main" (flash or eMMC user area) or a hardware partition name. */
  space: z.string().min(1),
  start: z.union([byteCount, z.literal('auto')], { error: 'expected a whole number of bytes or "auto"' }),
  size: z.union([positiveBytes, z.literal('fit'), z.literal('rest')], { error: 'expected a whole number of bytes, "fit" or "rest"' }),
  table: z.enum(AREA_TABLES).optional(),
});
export type Area = z.infer<typeof AreaSchema>;

/**
 * Backup copies of a partition (SigmaStar IPL0..2, UBOOT0/1): `count` copies, each in a slot of
 * `slot` bytes (defaults to the partition size rounded up to the erase block) followed by
 * `spareBlocks` erase blocks kept free for bad-block skipping.
 */
export const CopiesSchema = z.object({
  count: z.number().int().min(1).max(64),
  slot: positiveBytes.optional(),
  spareBlocks: z.number().int().min(0).max(4096),
});
export type Copies = z.infer<typeof CopiesSchema>;

export const Esp32PartitionSchema = z.object({ type: byte, subtype: byte });
export const MbrPartitionSchema = z.object({
  type: byte,
  bootable: z.boolean().optional(),
  /** A logical partition inside the extended partition (numbered 5, 6, … in document order). */
  logical: z.boolean().optional(),
  /** Logical partitions: byte offset of the EBR describing it (default: one grain before it, or right after the previous one). */
  ebrOffset: byteCount.optional(),
});
export const GptPartitionSchema = z.object({
  type: guidText,
  uuid: guidText.optional(),
  /** Attribute bits as a hex string (u64 does not fit a JSON number exactly). */
  attributes: z.string().regex(/^0x[0-9a-fA-F]{1,16}$/).optional(),
});

/**
 * The SigmaStar SDK's view of a partition or a UBI volume: the image of partition.config that
 * writes it (the `uboot` image writes UBOOT0, UBOOT1 and ENV; `kernel` writes KERNEL and
 * RECOVERY), and that image's fields the layout does not model.
 */
export const SstarImageSchema = z.object({
  /** The image's name in IMAGE_LIST (`ipl`, `uboot`, `kernel`, `miservice`...). */
  image: makeName,
  /** COPIES: replicas of the image in its `<image>_s.bin`, one at the start of each DATASIZE slot. */
  replicas: z.number().int().min(1).max(64).optional(),
  /** Fields kept as read (RESOUCE, BOOTENV, BOOTCMD, MOUNTTG, MOUNTPT, OTABLK, PGSIZE...), as make values. */
  fields: makeFields.optional(),
});
export type SstarImage = z.infer<typeof SstarImageSchema>;


/**
 * A volume inside a partition (a UBI volume inside the UBI partition): logical, so it has a size
 * but no offset; the partition's family says how much of the partition volumes can use. Ids are
 * unique among all partitions and volumes of a document.
 */
export const VolumeSchema = z.object({
  id: identifier,
  /** UBI volume names are at most 127 bytes (UBI_VOL_NAME_MAX). */
  name: z.string().min(1, 'must not be empty').max(127, 'at most 127 characters'),
  /** Bytes, or "rest": whatever the partition has left. */
  size: z.union([byteCount, z.literal('rest')], { error: 'expected a whole number of bytes or "rest"' }),
  fs: z.enum(FILESYSTEMS).optional(),
  readOnly: z.boolean().optional(),
  description: z.string().optional(),
  sstar: SstarImageSchema.optional(),
  attachment: AttachmentSchema.optional(),
});
export type Volume = z.infer<typeof VolumeSchema>;

export const PartitionSchema = z.object({
  id: identifier,
  name: z.string().max(255),
  area: identifier,
  /** Absolute offset in the area's address space, or "auto": after the previous partition. */
  offset: z.union([byteCount, z.literal('auto')], { error: 'expected a whole number of bytes or "auto"' }),
  /** Bytes, or "rest": up to the next placed partition or the end of the area. */
  size: z.union([byteCount, z.literal('rest')], { error: 'expected a whole number of bytes or "rest"' }),
  /** Overrides the family's alignment for this partition. */
  align: positiveBytes.optional(),
  kind: z.enum(PARTITION_KINDS, { error: `kind must be one of ${PARTITION_KINDS.join(', ')}` }),
  fs: z.enum(FILESYSTEMS).optional(),
  flags: z.array(z.string().min(1)).optional(),
  copies: CopiesSchema.optional(),
  /** Written at a fixed place but not listed in any partition table (e.g. U-Boot SPL at 8 KiB). */
  raw: z.boolean().optional(),
  /** File name of the image meant for this partition (genimage image, wic rawcopy file, sw-description filename). */
  image: z.string().min(1).max(255).optional(),
  /** Size of the image meant for this partition, when known (checked against the slot). */
  imageSize: byteCount.optional(),
  /** A U-Boot environment partition's variables, written by the environment image export. */
  env: z
    .object({
      variables: z.array(z.object({ name: z.string().min(1).regex(/^[^=\0]+$/, 'no "=" or NUL in a name'), value: z.string().regex(/^[^\0]*$/, 'no NUL in a value') })),
      /** CONFIG_ENV_SIZE when smaller than the partition. */
      size: positiveBytes.optional(),
      /** CONFIG_SYS_REDUNDAND_ENVIRONMENT: a flag byte after the CRC. */
      redundant: z.boolean().optional(),
    })
    .optional(),
  description: z.string().optional(),
  esp32: Esp32PartitionSchema.optional(),
  mbr: MbrPartitionSchema.optional(),
  gpt: GptPartitionSchema.optional(),
  sstar: SstarImageSchema.optional(),
  /** Volumes inside the partition, in order (UBI volumes). */
  volumes: z.array(VolumeSchema).optional(),
  attachment: AttachmentSchema.optional(),
});
export type Partition = z.infer<typeof PartitionSchema>;

export const LayoutDocumentSchema = z.object({
  format: z.literal(DOCUMENT_FORMAT, { error: `format must be "${DOCUMENT_FORMAT}"` }),
  version: z.literal(DOCUMENT_VERSION, { error: `version must be ${DOCUMENT_VERSION}` }),
  name: z.string(),
  device: DeviceSchema,
  areas: z.array(AreaSchema).min(1, 'a layout needs at least one area'),
  partitions: z.array(PartitionSchema),
});
export type LayoutDocument = z.infer<typeof LayoutDocumentSchema>;

export type DocumentError = { path: string; message: string };
export type DocumentResult = { ok: true; document: LayoutDocument } | { ok: false; errors: DocumentError[] };

/** `partitions[3].offset`: the JSON path of a bad field, as people read it. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? '(document)' : text;
}

/** Validate an untrusted value (parsed JSON) as a layout document, with the path of every bad field. */
export function parseDocument(value: unknown): DocumentResult {
  const result = LayoutDocumentSchema.safeParse(value);
  if (result.success) {
    const references = checkReferences(result.data);
    return references.length === 0 ? { ok: true, document: result.data } : { ok: false, errors: references };
  }
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}

/** Parse `*.flashmap.json` text; JSON syntax errors carry their line and column. */
export function parseDocumentText(text: string): DocumentResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const located = locateJsonError(text);
    const message = located ? `not valid JSON at line ${located.line}, column ${located.column}: ${located.message}` : `not valid JSON: ${(error as Error).message}`;
    return { ok: false, errors: [{ path: '(file)', message }] };
  }
  return parseDocument(value);
}

export function serializeDocument(document: LayoutDocument): string {
  return JSON.stringify(document, null, 2) + '\n';
}

/**
 * Identity problems zod cannot see: duplicate ids (partitions and volumes share one set, so a
 * selection or a fix names exactly one thing) and partitions pointing at a missing area.
 */
function checkReferences(document: LayoutDocument): DocumentError[] {
  const errors: DocumentError[] = [];
  const areaIds = new Set<string>();
  document.areas.forEach((area, index) => {
    if (areaIds.has(area.id)) errors.push({ path: `areas[${index}].id`, message: `duplicate area id "${area.id}"` });
    areaIds.add(area.id);
  });
  const ids = new Set<string>();
  document.partitions.forEach((partition, index) => {
    if (ids.has(partition.id)) {
      errors.push({ path: `partitions[${index}].id`, message: `duplicate partition id "${partition.id}"` });
    }
    ids.add(partition.id);
    if (!areaIds.has(partition.area)) {
      errors.push({ path: `partitions[${index}].area`, message: `no area with id "${partition.area}"` });
    }
  });
  document.partitions.forEach((partition, index) => {
    partition.volumes?.forEach((volume, v) => {
      if (ids.has(volume.id)) errors.push({ path: `partitions[${index}].volumes[${v}].id`, message: `duplicate id "${volume.id}" (partitions and volumes share ids)` });
      ids.add(volume.id);
    });
  });
  return errors;
}
