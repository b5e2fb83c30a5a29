/**
 * SWUpdate's sw-description (doc/source/sw-description.rst), named after its settings: the
 * `software` group with the release, the hardware it fits, and the lists of what to install.
 * Groups SWUpdate selects by board or by collection and mode (`software.<board>`,
 * `software.<collection>.<mode>`) are nested sections of the same shape. Settings this codec
 * does not name are kept as libconfig settings, so nothing is lost on the way back.
 */
import type { LibconfigSetting } from './libconfig';

/** One entry of `images`, `files`, `scripts` or `partitions` (parser.c, parse_common_attributes). */
export interface SwArtifact {
  filename?: string;
  name?: string;
  version?: string;
  type?: string;
  device?: string;
  /** UBI volume (ubivol handler); exclusive with `device`. */
  volume?: string;
  mtdname?: string;
  path?: string;
  filesystem?: string;
  /** Where the raw handler seeks to: a number, or a string with K/M/G suffixes. */
  offset?: number | string;
  /** UBI volume size of a `partitions` entry. */
  size?: number | string;
  sha256?: string;
  /** "zlib" or "zstd"; `true` is the old spelling of zlib. */
  compressed?: string | boolean;
  encrypted?: boolean;
  installedDirectly?: boolean;
  preserveAttributes?: boolean;
  installIfDifferent?: boolean;
  installIfHigher?: boolean;
  data?: string;
  ivt?: string;
  /** Link to an entry elsewhere in the description (`#./../…`). */
  ref?: string;
  /** Other settings (properties, hook, …), as written. */
  extra?: LibconfigSetting[];
}

/** One entry of `bootenv` (or its old name `uboot`). */
export interface SwBootenv {
  name?: string;
  value?: string;
  ref?: string;
  extra?: LibconfigSetting[];
}

export interface SwSection {
  version?: string;
  description?: string;
  hardwareCompatibility?: string[];
  reboot?: boolean;
  embeddedScript?: string;
  bootloaderTransactionMarker?: boolean;
  bootloaderStateMarker?: boolean;
  images?: SwArtifact[];
  files?: SwArtifact[];
  scripts?: SwArtifact[];
  partitions?: SwArtifact[];
  bootenv?: SwBootenv[];
  uboot?: SwBootenv[];
  /** Board, collection and mode groups, in order. */
  sections?: Array<{ name: string; section: SwSection }>;
  /** Other settings, as written. */
  extra?: LibconfigSetting[];
}

export interface SwDescription {
  software: SwSection;
  /** Settings beside `software` (SWUpdate ignores them), as written. */
  extra?: LibconfigSetting[];
}
