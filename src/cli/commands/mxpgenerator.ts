/**
 * `flashmap mxpgenerator "BOOT-LIST" "SYS-LIST" OUT [--env-merge]`: a drop-in for the SDK's
 * mxpgenerator. Same arguments, the same MXP_SF.bin, the same listing on standard output;
 * --env-merge is the variant that grows the record before UBOOT_ENV over it (industio/PurPle-Pi-R1).
 */
import { emitMxp, mxpFromLists, mxpListing } from '../../codecs/mxp';
import { FormatError } from '../../codecs/errors';
import { UsageError, type Command } from '../io';
import { parseOptions } from '../options';

const USAGE = `flashmap mxpgenerator [--env-merge] "BOOT-LIST" "SYS-LIST" OUT

A drop-in for SigmaStar's mxpgenerator: writes the 4096-byte MXP_SF.bin for two lists of
0x<hex size>(<NAME>) entries (the BOOT area, then the system partitions) and prints the tool's
listing. OUT "-" writes the table to standard output and the listing to standard error.

  --env-merge   the mxpgenerator variant that adds UBOOT_ENV's size to the record before it`;

export const mxpgeneratorCommand: Command = {
  name: 'mxpgenerator',
  usage: USAGE,
  run(argv, io) {
    const { options, positionals } = parseOptions(argv, { 'env-merge': {} });
    if (positionals.length !== 3) throw new UsageError('expected the BOOT list, the SYS list and the output file');
    const [bootList, sysList, output] = positionals;
    try {
      const records = mxpFromLists(bootList, sysList, { envMerge: options.has('env-merge') });
      const table = emitMxp(records);
      const listing = mxpListing(records, { bootList, sysList });
      if (output === '-') {
        io.stderr(listing);
        io.stdout(table);
      } else {
        io.writeFile(output, table);
        io.stdout(listing);
      }
      return 0;
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      io.stderr(`flashmap mxpgenerator: ${error.message}\n`);
      return 2;
    }
  },
};
