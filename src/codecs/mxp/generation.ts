/**
 * Which tool a table looks to come from, so a reader can say what it holds instead of rejecting
 * what it does not recognise:
 * - `mxpgenerator`: exactly what the argv mxpgenerator writes from two lists (the env_merge
 *   variant writes the same bytes when no UBOOT_ENV record is merged);
 * - `mxpgenerator-env-merge`: only the env_merge variant writes these records;
 * - `legacy`: the older generation seen in OpenIPC/u-boot-sigmastar ipl/infinity6/MXP_SF.bin,
 *   whose MXPT record sits at an offset (0x3000 there) where this U-Boot never looks;
 * - `custom`: anything else (a table edited with `mxp r.set`, or written by another tool).
 */
import { hex } from '../bytes';
import { FormatError } from '../errors';
import { mxpLists } from './generator';
import { MXP_PROBE_OFFSETS, type MxpRecord } from './records';

export type MxpGeneration = 'mxpgenerator' | 'mxpgenerator-env-merge' | 'legacy' | 'custom';

const TABLE_RECORD_NAME = 'MXPT';

export function identifyMxp(records: readonly MxpRecord[]): { generation: MxpGeneration; warnings: string[] } {
  const warnings: string[] = [];
  const table = records.find((record) => record.name === TABLE_RECORD_NAME);
  const unprobed = table !== undefined && !MXP_PROBE_OFFSETS.includes(table.start);
  if (unprobed) {
    warnings.push(
      `the MXPT record starts at ${hex(table.start)}, where U-Boot (part_mxp.c) does not look for the table (it probes ${MXP_PROBE_OFFSETS.map(hex).join(', ')})`,
    );
  }
  try {
    const lists = mxpLists(records);
    return { generation: lists.envMerge ? 'mxpgenerator-env-merge' : 'mxpgenerator', warnings };
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    if (unprobed) {
      warnings.push('this looks like the older generation of MXP tables (as in ipl/infinity6/MXP_SF.bin), which the argv mxpgenerator cannot reproduce');
      return { generation: 'legacy', warnings };
    }
    warnings.push(error.message);
    return { generation: 'custom', warnings };
  }
}
