/**
 * What `sfdisk --no-reread --no-tell-kernel disk.img < script` writes on an empty disk, as table
 * records: starts and sizes the script leaves out are placed as sfdisk places them, GUIDs and the
 * disk signature it leaves out come from the supplied random source. The records then go to
 * emitMbr or emitGpt (their shapes match MbrTable and GptTable) with the same sector size and disk
 * size (and, for GPT, the entry count).
 */
import { FormatError } from '../errors';
import { MAX_BYTES } from '../../model/units';
import type { RandomBytes } from '../guid';
import type { SfdiskScript, SfdiskWarning } from './records';
import { resolveDos, type DosResolution } from './resolve-dos';
import { resolveGpt, type GptResolution } from './resolve-gpt';

export interface SfdiskResolveOptions {
  sectorSize: number;
  diskSectors: number;
  /** Needed when the script leaves out label-id or a gpt partition's uuid. */
  randomBytes?: RandomBytes;
}

export type SfdiskResolution = DosResolution | GptResolution;

const SECTOR_SIZES = [512, 1024, 2048, 4096];

export function resolveSfdiskScript(script: SfdiskScript, options: SfdiskResolveOptions): SfdiskResolution {
  const { sectorSize, diskSectors, randomBytes } = options;
  if (!SECTOR_SIZES.includes(sectorSize)) throw new FormatError(`sector size must be one of ${SECTOR_SIZES.join(', ')} bytes, found ${String(sectorSize)}`);
  const maxSectors = Math.floor(MAX_BYTES / sectorSize);
  if (!Number.isSafeInteger(diskSectors) || diskSectors < 1 || diskSectors > maxSectors) {
    throw new FormatError(`disk size must be a whole number of sectors up to ${maxSectors}, found ${String(diskSectors)}`);
  }
  if (script.grain !== undefined && script.grain % sectorSize !== 0) {
    throw new FormatError(`grain ${script.grain} is not a multiple of the ${sectorSize}-byte sector`, { line: script.headerLines?.grain });
  }
  const warnings: SfdiskWarning[] = [];
  if (script.sectorSize !== undefined && script.sectorSize !== sectorSize) {
    warnings.push({ message: `the script says sector-size ${script.sectorSize}; sfdisk uses the device's ${sectorSize}`, line: script.headerLines?.['sector-size'] });
  }
  return script.label === 'gpt' ? resolveGpt(script, sectorSize, diskSectors, randomBytes, warnings) : resolveDos(script, sectorSize, diskSectors, randomBytes, warnings);
}
