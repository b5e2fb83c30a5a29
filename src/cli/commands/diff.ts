import { compareLayouts } from '../../compare/compare';
import { reportText } from '../../compare/describe';
import { UsageError, type Command } from '../io';
import { InputError } from '../input';
import { loadDocument } from '../load';
import { parseOptions } from '../options';

export const diffCommand: Command = {
  name: 'diff',
  usage:
    'flashmap diff [--json] [--family-check] OLD NEW\n\nCompares two layouts of one device family, as an update from OLD to NEW: each partition\nmatched to its counterpart (by name, then by role and position), what happens to its data\n(survives, survives only if copied, lost, new), the erase blocks rewritten, whether a device\nin the field can take the update, and the commands that migrate it (unsafe steps last).\nOLD and NEW are layout documents or any table Flashmap reads; "-" reads standard input.\nExit status 0 when no data is lost, 1 when some is, 2 on bad input.\n\n  --json          print one JSON object: matches, verdicts, the device verdict, the steps\n  --family-check  exit 1 also when the family says the update is not a field update',
  run(args, io) {
    const { options, positionals } = parseOptions(args, { json: {}, 'family-check': {} });
    if (positionals.length !== 2) throw new UsageError('expected two layout files, OLD and NEW');
    const [oldPath, newPath] = positionals;
    if (oldPath === '-' && newPath === '-') throw new UsageError('only one of OLD and NEW can be standard input');
    const outcome = compareLayouts(loadDocument(oldPath, io), loadDocument(newPath, io));
    if (!outcome.ok) throw new InputError(outcome.message);
    const { report } = outcome;
    io.stdout(options.has('json') ? JSON.stringify(report, null, 2) + '\n' : reportText(report));
    const failed = report.lost > 0 || (options.has('family-check') && !report.device.inField);
    return failed ? 1 : 0;
  },
};
