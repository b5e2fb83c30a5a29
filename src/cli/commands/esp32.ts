/**
 * `flashmap esp32`: a drop-in for ESP-IDF's gen_esp32part.py (v6.0.2). CSV in → binary table out,
 * binary in → normalised CSV out, with the tool's command line, its standard output and standard
 * error line for line, and its exit status; only where the tool stops with a Python exception
 * (exit 1) does this print one clean line and exit 2. `--locate` adds to each message where the
 * problem is (partition, line, column or byte offset) and Flashmap's explanation.
 */
import { Esp32Error, locatedLines, referenceLines } from '../../codecs/esp32/errors';
import { runTool } from '../../codecs/esp32/tool';
import { ArgparseExit } from '../argparse';
import type { Command } from '../io';
import { readInput } from '../input';
import { LOCATE_FLAG, parseEsp32Args, wantsLocate } from './esp32-args';

export const esp32Command: Command = {
  name: 'esp32',
  usage: `flashmap esp32 [${LOCATE_FLAG}] [gen_esp32part.py's options] INPUT [OUTPUT]`,
  ownHelp: true,
  run(argv, io) {
    try {
      const invocation = parseEsp32Args(argv, { open: (path) => (path === '-' ? io.readStdin() : io.readFile(path)), width: io.helpWidth });
      const { output } = runTool(invocation.inputBytes ?? readInput(invocation.input, io), invocation.settings, {
        verify: invocation.verify,
        warn: (line) => io.stderr(`${line}\n`),
        status: (line) => invocation.quiet || io.stderr(`${line}\n`),
      });
      if (invocation.output === '-') io.stdout(output);
      else io.writeFile(invocation.output, output);
      return 0;
    } catch (error) {
      if (error instanceof ArgparseExit) {
        io.stdout(error.stdout);
        io.stderr(error.stderr);
        return error.status;
      }
      if (!(error instanceof Esp32Error)) throw error;
      for (const line of wantsLocate(argv) ? locatedLines(error) : referenceLines(error)) io.stderr(`${line}\n`);
      return 2;
    }
  },
};
