/**
 * Device names of partitions as sfdisk writes and reads them (libfdisk utils.c fdisk_partname,
 * script.c partno_from_devname): a disk whose name ends in a digit gets a `p` (mmcblk0p1), devfs
 * `…/disc` becomes `…/partN`, udev and device-mapper names get `-partN`; reading takes the
 * trailing digits of the prefix as the partition number.
 */

/** The partition number a `dev : ` prefix fixes, or undefined when it has no trailing digits. */
export function partitionNumberOf(device: string): number | undefined {
  const digits = /([0-9]+)\s*$/.exec(device)?.[1];
  if (digits === undefined) return undefined;
  const number = Number(digits);
  return number >= 1 && number <= 2 ** 31 ? number : undefined;
}

/**
 * The name sfdisk --dump gives partition `number` of `device`, or the bare number without a
 * device. (For /dev/disk/by-id, by-path and /dev/mapper names sfdisk first looks for existing
 * device nodes; with no such file this is what it falls back to.)
 */
export function partitionDevice(device: string | undefined, number: number): string {
  if (device === undefined || device === '') return String(number);
  if (/^\/dev\/disk\/by-(id|path)\//.test(device) || device.startsWith('/dev/mapper')) return `${device}-part${number}`;
  if (device.endsWith('disc')) return `${device.slice(0, -4)}part${number}`;
  return /[0-9]$/.test(device) ? `${device}p${number}` : `${device}${number}`;
}
