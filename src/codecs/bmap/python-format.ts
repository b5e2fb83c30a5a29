/**
 * Python's number formatting as bmaptool uses it in the comments of a .bmap file, so that our
 * file is byte-identical to `bmaptool create`'s: `"%.1f" % x` (exact decimal value of the double,
 * ties to even) and bmaptools' `human_size`.
 */

/** `"%.1f" % value` for a finite, non-negative double. */
export function pyFixed1(value: number): string {
  // toFixed also rounds the exact binary value, but breaks exact ties upwards. With one decimal
  // the only exact ties are fractions .25 and .75; Python's round-half-even moves .25 down.
  const quarters = value * 4;
  if (Number.isInteger(quarters) && quarters % 4 === 1) return `${Math.floor(value)}.2`;
  return value.toFixed(1);
}

/** bmaptools.BmapHelpers.human_size: `1 byte`, `511 bytes`, `36.0 KiB`, … (PiB skipped, as there). */
export function humanSize(size: number): string {
  if (size === 1) return '1 byte';
  if (size < 512) return `${size} bytes`;
  let scaled = size;
  for (const unit of ['KiB', 'MiB', 'GiB', 'TiB']) {
    scaled /= 1024;
    if (scaled < 1024) return `${pyFixed1(scaled)} ${unit}`;
  }
  return `${pyFixed1(scaled)} EiB`;
}
