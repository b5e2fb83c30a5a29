/**
 * `type=` as sfdisk 2.38 reads it (libfdisk parttype.c, fdisk_label_advparse_parttype with the
 * script's flags): first an alias (linux, swap, …), then a shortcut (L, S, …; case-sensitive,
 * deprecated ones included), then a type name compared on letters and digits only, and last the
 * data itself: a hex byte for dos, a GUID for gpt. So for dos `E` means extended, not 0x0E. The
 * shortcuts are libfdisk's (dos.c `dos_parttype_cuts`, gpt.c `gpt_parttype_cuts`); the names are
 * those util-linux gives the types the designer offers (include/pt-mbr-partnames.h,
 * pt-gpt-partnames.h) — sfdisk knows more names, which are refused here rather than guessed.
 */
import { isGuid } from '../guid';

interface Shortcut<T> {
  shortcut: string;
  alias: string;
  value: T;
}

export const DOS_LINUX = 0x83;
export const GPT_LINUX = '0FC63DAF-8483-4772-8E79-3D69D8477DE4';

const DOS_SHORTCUTS: ReadonlyArray<Shortcut<number>> = [
  { shortcut: 'L', alias: 'linux', value: 0x83 },
  { shortcut: 'S', alias: 'swap', value: 0x82 },
  // Deprecated (it collides with the 0x0E type) but still read from scripts.
  { shortcut: 'E', alias: 'extended', value: 0x05 },
  { shortcut: 'Ex', alias: 'extended', value: 0x05 },
  { shortcut: 'U', alias: 'uefi', value: 0xef },
  { shortcut: 'R', alias: 'raid', value: 0xfd },
  { shortcut: 'V', alias: 'lvm', value: 0x8e },
  { shortcut: 'X', alias: 'linuxex', value: 0x85 },
];

const GPT_SHORTCUTS: ReadonlyArray<Shortcut<string>> = [
  { shortcut: 'L', alias: 'linux', value: GPT_LINUX },
  { shortcut: 'S', alias: 'swap', value: '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F' },
  { shortcut: 'H', alias: 'home', value: '933AC7E1-2EB4-4F13-B844-0E14E2AEF915' },
  { shortcut: 'U', alias: 'uefi', value: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B' },
  { shortcut: 'R', alias: 'raid', value: 'A19D880F-05FC-4D3B-A006-743F0F84911E' },
  { shortcut: 'V', alias: 'lvm', value: 'E6D6D379-F507-44C2-A23C-238F2A3DF928' },
];

const DOS_NAMES: ReadonlyArray<[string, number]> = [
  ['FAT12', 0x01],
  ['FAT16 <32M', 0x04],
  ['Extended', 0x05],
  ['FAT16', 0x06],
  ['W95 FAT32', 0x0b],
  ['W95 FAT32 (LBA)', 0x0c],
  ['W95 FAT16 (LBA)', 0x0e],
  ["W95 Ext'd (LBA)", 0x0f],
  ['Linux swap / Solaris', 0x82],
  ['Linux', 0x83],
  ['Linux extended', 0x85],
  ['Linux LVM', 0x8e],
  ['Non-FS data', 0xda],
  ['GPT', 0xee],
  ['EFI (FAT-12/16/32)', 0xef],
  ['Linux raid autodetect', 0xfd],
];

const GPT_NAMES: ReadonlyArray<[string, string]> = [
  ['EFI System', 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B'],
  ['BIOS boot', '21686148-6449-6E6F-744E-656564454649'],
  ['Microsoft reserved', 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE'],
  ['Microsoft basic data', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7'],
  ['Linux swap', '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F'],
  ['Linux filesystem', GPT_LINUX],
  ['Linux root (x86)', '44479540-F297-41B2-9AF7-D131D5F0458A'],
  ['Linux root (x86-64)', '4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709'],
  ['Linux root (ARM)', '69DAD710-2CE4-4E3C-B16C-21A1D49ABED3'],
  ['Linux root (ARM-64)', 'B921B045-1DF0-41C3-AF44-4C6F280D3FAE'],
  ['Linux root (RISC-V-64)', '72EC70A6-CF74-40E6-BD49-4BDA08E8F224'],
  ['Linux reserved', '8DA63339-0007-60C0-C436-083AC8230908'],
  ['Linux home', '933AC7E1-2EB4-4F13-B844-0E14E2AEF915'],
  ['Linux RAID', 'A19D880F-05FC-4D3B-A006-743F0F84911E'],
  ['Linux LVM', 'E6D6D379-F507-44C2-A23C-238F2A3DF928'],
  ['Linux variable data', '4D21B016-B534-45C2-A9FB-5C16E091FD2D'],
  ['ChromeOS kernel', 'FE3A2A5D-4F32-41A7-B725-ACCC3285A309'],
  ['ChromeOS root fs', '3CB8E202-3B7E-47DD-8A3C-7FF2A13CFCEC'],
  ['ChromeOS reserved', '2E0A753D-9E48-43B0-8337-B15192CB1B5E'],
];

/** util-linux compares names on letters and digits only, ignoring case (ul_stralnumcmp). */
const alnum = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function lookup<T>(text: string, shortcuts: ReadonlyArray<Shortcut<T>>, names: ReadonlyArray<[string, T]>): T | undefined {
  const byAlias = shortcuts.find((entry) => entry.alias === text);
  if (byAlias) return byAlias.value;
  const byShortcut = shortcuts.find((entry) => entry.shortcut === text);
  if (byShortcut) return byShortcut.value;
  const key = alnum(text);
  return key === '' ? undefined : names.find(([name]) => alnum(name) === key)?.[1];
}

/** The dos system ID byte `text` names, or undefined. */
export function sfdiskDosType(text: string): number | undefined {
  const known = lookup(text, DOS_SHORTCUTS, DOS_NAMES);
  if (known !== undefined) return known;
  if (!/^(0x)?[0-9a-f]{1,8}$/i.test(text)) return undefined;
  const code = parseInt(text, 16);
  return code >= 1 && code <= 0xff ? code : undefined;
}

/** The gpt type GUID `text` names (upper case), or undefined. */
export function sfdiskGptType(text: string): string | undefined {
  return lookup(text, GPT_SHORTCUTS, GPT_NAMES) ?? (isGuid(text) ? text.toUpperCase() : undefined);
}
