/**
 * The checks ksparser.py makes after argparse has read a line, with its wording: filesystems
 * that take no label or UUID, the FAT volume-id length, --use-label without a label, and the
 * options --fixed-size excludes.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';
import { isTemplate, type WksPartition } from './records';

export interface Where {
  line?: number;
  column?: number;
}

export function failAt(message: string, where: Where): never {
  const at = where.line === undefined ? '' : where.column === undefined ? ` at line ${where.line}` : ` at line ${where.line}, column ${where.column}`;
  throw new FormatError(`${message}${at}`, where);
}

/** `columns` maps record keys to the column of their option, when known. */
export function checkPartition(part: WksPartition, columns: Readonly<Record<string, number>> = {}): void {
  const at = (key: string): Where => ({ line: part.line, column: columns[key] });
  const fstype = isTemplate(part.fstype) ? undefined : part.fstype;
  if (fstype === 'squashfs') {
    if (part.fsuuid !== undefined) failAt('SquashFS does not support UUID', at('fsuuid'));
    if (part.label !== undefined) failAt('SquashFS does not support LABEL', at('label'));
  }
  if (fstype === 'erofs' && part.label !== undefined) failAt('erofs does not support LABEL', at('label'));
  if ((fstype === 'vfat' || fstype === 'msdos') && typeof part.fsuuid === 'string') {
    const limit = part.fsuuid.toUpperCase().startsWith('0X') ? 10 : 8;
    if (part.fsuuid.length > limit) {
      failAt(`fsuuid ${quote(part.fsuuid)} exceeds the length limit for ${fstype} filesystem. It should be in the form of a 32 bit hexadecimal number (for example, 0xABCD1234).`, at('fsuuid'));
    }
  }
  if (part.useLabel && part.label === undefined) failAt('Must set the label with --label', at('useLabel'));
  const nonZero = (value: unknown) => value !== undefined && value !== 0;
  if (nonZero(part.fixedSize) && (nonZero(part.overheadFactor) || nonZero(part.extraSpace))) {
    failAt('arguments --overhead-factor and --extra-filesystem-space not allowed with argument --fixed-size', at(nonZero(part.overheadFactor) ? 'overheadFactor' : 'extraSpace'));
  }
}
