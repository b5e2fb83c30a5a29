import { bytesFile, type RandomAccessFile } from '../../codecs/read-at';
import { compareLayouts } from '../../compare/compare';
import { failureText } from '../../formats/files';
import { inspectFile } from '../../inspect';
import { inspectionToLayout } from '../../inspect/layout';
import type { LayoutDocument } from '../../model/document';
import { reportText } from '../../compare/describe';
import { describeFileError, UsageError, type CliIo, type Command } from '../io';
import { InputError, readInput } from '../input';
import { emptyLayout, loadDocument } from '../load';
import { parseOptions } from '../options';

/** Table files are a few KiB; from this size on a file is an image or a dump, read by random access. */
const IMAGE_FROM = 1024 * 1024;

function open(path: string, io: CliIo): RandomAccessFile {
  try {
    return path !== '-' && io.openFile ? io.openFile(path) : bytesFile(readInput(path, io));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${path}: ${describeFileError(error)}`);
  }
}

/** A layout document or table file; an image or a dump of a device (large, or no table format) is read through the inspector. */
async function loadLayout(path: string, io: CliIo): Promise<LayoutDocument> {
  const file = open(path, io);
  if (file.size < IMAGE_FROM) {
    try {
      return loadDocument(path, io);
    } catch (error) {
      if (!(error instanceof InputError) || !/does not recognise|holds only blank space/.test(error.message)) throw error;
    }
  }
  const outcome = await inspectionToLayout(file, await inspectFile(file), emptyLayout(), path);
  if (!outcome.ok) throw new InputError(`${path}: ${failureText(outcome)}`);
  return outcome.document;
}

export const diffCommand: Command = {
  name: 'diff',
  usage:
    'flashmap diff [--json] [--family-check] OLD NEW\n\nCompares two layouts of one device family, as an update from OLD to NEW: each partition\nmatched to its counterpart (by name, then by role and position), what happens to its data\n(survives, survives only if copied, lost, new), the erase blocks rewritten, whether a device\nin the field can take the update, and the commands that migrate it (unsafe steps last).\nOLD and NEW are layout documents or any table Flashmap reads; "-" reads standard input.\nExit status 0 when no data is lost, 1 when some is, 2 on bad input.\n\n  --json          print one JSON object: matches, verdicts, the device verdict, the steps\n  --family-check  exit 1 also when the family says the update is not a field update',
  async run(args, io) {
    const { options, positionals } = parseOptions(args, { json: {}, 'family-check': {} });
    if (positionals.length !== 2) throw new UsageError('expected two layout files, OLD and NEW');
    const [oldPath, newPath] = positionals;
    if (oldPath === '-' && newPath === '-') throw new UsageError('only one of OLD and NEW can be standard input');
    const outcome = compareLayouts(await loadLayout(oldPath, io), await loadLayout(newPath, io));
    if (!outcome.ok) throw new InputError(outcome.message);
    const { report } = outcome;
    io.stdout(options.has('json') ? JSON.stringify(report, null, 2) + '\n' : reportText(report));
    const failed = report.lost > 0 || (options.has('family-check') && !report.device.inField);
    return failed ? 1 : 0;
  },
};
