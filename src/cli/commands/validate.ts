import { hasErrors } from '../../rules/validate';
import { UsageError, type Command } from '../io';
import { loadDocument } from '../load';
import { parseOptions } from '../options';
import { formatTable } from '../../formats/text-table';
import { validate } from '../../families';

export const validateCommand: Command = {
  name: 'validate',
  usage:
    'flashmap validate [--json] FILE\n\nPrints every problem (severity, code, partition, message). Exit status 1 when there is an\nerror, 0 otherwise. FILE is a layout document or a table Flashmap reads (an ESP-IDF CSV or\nbinary); one it cannot read is reported with its line and column, exit status 2. FILE "-"\nreads standard input.\n\n  --json   print the problems as JSON',
  run(args, io) {
    const { options, positionals } = parseOptions(args, { json: {} });
    if (positionals.length !== 1) throw new UsageError('expected one layout file');
    const document = loadDocument(positionals[0], io);
    const { placement, problems } = validate(document);
    if (options.has('json')) {
      io.stdout(JSON.stringify({ problems }, null, 2) + '\n');
    } else if (problems.length === 0) {
      io.stdout(`${positionals[0]}: no problems\n`);
    } else {
      const nameOf = (id: string | undefined) => (id === undefined ? '-' : (placement.byId.get(id)?.partition.name ?? id));
      io.stdout(formatTable(['SEVERITY', 'CODE', 'PARTITION', 'MESSAGE'], problems.map((p) => [p.severity, p.code, nameOf(p.partitionIds[0]), p.message])));
      const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
      io.stdout(`${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)\n`);
    }
    return hasErrors(problems) ? 1 : 0;
  },
};
