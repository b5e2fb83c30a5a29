/**
 * Partition type GUIDs the designer offers, with a friendly name, sfdisk's shortcut letter and
 * genimage's letter. Sources: util-linux include/pt-gpt-partnames.h and libfdisk/src/gpt.c
 * (`gpt_parttype_cuts`), U-Boot include/part_efi.h, the systemd Discoverable Partitions
 * Specification; genimage README (partition-type-uuid letters).
 */

export interface GptPartitionType {
  guid: string;
  name: string;
  /** The letter an sfdisk script may write instead of the GUID. */
  sfdiskShortcut?: string;
  /** The letter a genimage config may write instead of the GUID. */
  genimageShortcut?: string;
}

export const GPT_TYPE_LINUX_DATA = '0FC63DAF-8483-4772-8E79-3D69D8477DE4';
export const GPT_TYPE_EFI_SYSTEM = 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B';
export const GPT_TYPE_UBOOT_ENV = '3DE21764-95BD-54BD-A5C3-4ABE786F38A8';

export const GPT_PARTITION_TYPES: readonly GptPartitionType[] = [
  { guid: GPT_TYPE_LINUX_DATA, name: 'Linux filesystem', sfdiskShortcut: 'L', genimageShortcut: 'L' },
  { guid: GPT_TYPE_EFI_SYSTEM, name: 'EFI System', sfdiskShortcut: 'U', genimageShortcut: 'U' },
  { guid: '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F', name: 'Linux swap', sfdiskShortcut: 'S', genimageShortcut: 'S' },
  { guid: '933AC7E1-2EB4-4F13-B844-0E14E2AEF915', name: 'Linux home', sfdiskShortcut: 'H', genimageShortcut: 'H' },
  { guid: 'A19D880F-05FC-4D3B-A006-743F0F84911E', name: 'Linux RAID', sfdiskShortcut: 'R', genimageShortcut: 'R' },
  { guid: 'E6D6D379-F507-44C2-A23C-238F2A3DF928', name: 'Linux LVM', sfdiskShortcut: 'V', genimageShortcut: 'V' },
  { guid: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', name: 'Microsoft basic data', genimageShortcut: 'F' },
  { guid: 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE', name: 'Microsoft reserved' },
  { guid: '21686148-6449-6E6F-744E-656564454649', name: 'BIOS boot' },
  { guid: '4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709', name: 'Linux root (x86-64)' },
  { guid: '44479540-F297-41B2-9AF7-D131D5F0458A', name: 'Linux root (x86)' },
  { guid: 'B921B045-1DF0-41C3-AF44-4C6F280D3FAE', name: 'Linux root (ARM-64)' },
  { guid: '69DAD710-2CE4-4E3C-B16C-21A1D49ABED3', name: 'Linux root (ARM)' },
  { guid: '72EC70A6-CF74-40E6-BD49-4BDA08E8F224', name: 'Linux root (RISC-V-64)' },
  { guid: '4D21B016-B534-45C2-A9FB-5C16E091FD2D', name: 'Linux variable data' },
  { guid: '8DA63339-0007-60C0-C436-083AC8230908', name: 'Linux reserved' },
  { guid: 'FE3A2A5D-4F32-41A7-B725-ACCC3285A309', name: 'ChromeOS kernel' },
  { guid: '3CB8E202-3B7E-47DD-8A3C-7FF2A13CFCEC', name: 'ChromeOS root fs' },
  { guid: '2E0A753D-9E48-43B0-8337-B15192CB1B5E', name: 'ChromeOS reserved' },
  // Defined by U-Boot (doc/README.gpt); gdisk 1.0.9 calls it "U-Boot boot loader".
  { guid: GPT_TYPE_UBOOT_ENV, name: 'U-Boot environment' },
];

const BY_GUID = new Map(GPT_PARTITION_TYPES.map((type) => [type.guid, type]));

/** The known type for a GUID (any case), if the list has it. */
export function gptTypeByGuid(guid: string): GptPartitionType | undefined {
  return BY_GUID.get(guid.toUpperCase());
}
