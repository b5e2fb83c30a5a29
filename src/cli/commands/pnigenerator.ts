/**
 * `flashmap pnigenerator -s N -p N -b N -k N -u N -l SIZE -t "LIST" [-y "LIST"] -o OUT`: a drop-in
 * for the SDK's argv pnigenerator. Same options, the same PARTINFO.pni, the same listing on
 * standard output; where the tool would silently truncate or drop, a warning on standard error.
 */
import { emitPni, parsePniArgs, pniFromArgs, pniListing } from '../../codecs/pni';
import { FormatError } from '../../codecs/errors';
import type { Command } from '../io';

const USAGE = `flashmap pnigenerator -s SPARE -p PAGE -b PAGES -k BLOCKS -u 8 -l BLOCKSIZE -t "BOOT-LIST" [-y "SYS-LIST"] -o OUT

A drop-in for SigmaStar's pnigenerator: writes the 512-byte PARTINFO.pni for the -t list (the
BOOT area: 0x<size>[@0x<offset>](<NAME>)[spare blocks], -(<NAME>) for the rest) and prints the
tool's listing of both lists. Defaults: -s 64 -p 2048 -b 64 -k 1024 -u 8 -l 0x20000.`;

export const pnigeneratorCommand: Command = {
  name: 'pnigenerator',
  usage: USAGE,
  run(argv, io) {
    try {
      const args = parsePniArgs(argv);
      const layout = pniFromArgs(args);
      for (const warning of layout.warnings) io.stderr(`warning: ${warning}\n`);
      if (args.output !== undefined) io.writeFile(args.output, emitPni(layout.pni));
      io.stdout(pniListing(args, layout));
      return 0;
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      io.stderr(`flashmap pnigenerator: ${error.message}\n`);
      return 2;
    }
  },
};
