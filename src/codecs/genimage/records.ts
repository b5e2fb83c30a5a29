/**
 * A genimage configuration for `hdimage` images (genimage 16), named after its options. Sizes
 * and offsets are bytes; 0 means "not set", as in genimage.
 */

/** `partition-table-type`; `dos` is genimage's other spelling of `mbr`. */
export type GenimageTableType = 'none' | 'mbr' | 'dos' | 'gpt' | 'hybrid';

export interface GenimageHdimage {
  partitionTableType?: GenimageTableType;
  /** Partition alignment in bytes; 512 by default (1 without a table). */
  align?: number;
  /** GPT disk GUID. */
  diskUuid?: string;
  /** MBR disk signature, or `random`. */
  diskSignature?: number | 'random';
  /** Byte offset of the GPT partition array (1024 by default). */
  gptLocation?: number;
  gptNoBackup?: boolean;
  /** MBR entry that becomes the extended partition (1 to 4; 0 or absent: automatic). */
  extendedPartition?: number;
  fill?: boolean;
}

/** A range of a partition's image that later partitions may overwrite (bytes, end excluded). */
export interface GenimageHole {
  start: number;
  end: number;
}

export interface GenimagePartition {
  name: string;
  offset?: number;
  size?: number;
  align?: number;
  /** Input file written into the partition. */
  image?: string;
  autoresize?: boolean;
  /** Default true. */
  inPartitionTable?: boolean;
  /** MBR type byte. */
  partitionType?: number;
  /** GPT type GUID, or one of genimage's shortcuts L S H U R V F. */
  partitionTypeUuid?: string;
  partitionUuid?: string;
  bootable?: boolean;
  readOnly?: boolean;
  hidden?: boolean;
  noAutomount?: boolean;
  holes?: GenimageHole[];
  /** 1-based line of `partition <name> {` (set by the parser). */
  line?: number;
}

export interface GenimageImage {
  /** Output file name: the title of `image <name> {`. */
  name: string;
  /** Total image size; genimage computes it from the partitions when absent. */
  size?: number;
  hdimage: GenimageHdimage;
  partitions: GenimagePartition[];
  line?: number;
}

/** An image of another type (vfat, ext4, …): read for its size only, never written back. */
export interface GenimageOtherImage {
  name: string;
  type: string;
  size?: number;
  line?: number;
}

export interface GenimageConfig {
  images: GenimageImage[];
  /** Images of other types defined in the same file; emitGenimage does not write them. */
  otherImages?: GenimageOtherImage[];
}
