import { bytesFile, type RandomAccessFile } from '../../codecs/read-at';
import { inspectFile, inspectionJsonText, inspectionListing } from '../../inspect';
import { describeFileError, UsageError, type Command } from '../io';
import { InputError, readInput } from '../input';
import { parseOptions } from '../options';

export const inspectCommand: Command = {
  name: 'inspect',
  usage:
    'flashmap inspect IMAGE [--json]\n\nShows what an existing image holds: partition tables (MBR, GPT, ESP-IDF, MXP, CIS/PNI, mtdparts\nfrom a U-Boot environment), filesystems and blobs, nested (partition → content), with erased,\nzero and unknown space. Only the headers are read; flash dumps up to 256 MiB are also scanned\nat every 4 KiB boundary. --json prints { "size", "regions" } with absolute offsets.',
  async run(args, io) {
    const { options, positionals } = parseOptions(args, { json: {} });
    if (positionals.length !== 1) throw new UsageError('expected one image file');
    const [path] = positionals;
    let file: RandomAccessFile;
    if (path !== '-' && io.openFile) {
      try {
        file = io.openFile(path);
      } catch (error) {
        throw new InputError(`cannot read ${path}: ${describeFileError(error)}`);
      }
    } else {
      file = bytesFile(readInput(path, io));
    }
    const inspection = await inspectFile(file);
    io.stdout(options.has('json') ? inspectionJsonText(inspection) : inspectionListing(inspection));
    for (const w of inspection.warnings) io.stderr(`flashmap inspect: ${w.message}\n`);
    return 0;
  },
};
