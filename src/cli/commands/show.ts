import { validate } from '../../families';
import { layoutListing } from '../../formats/listing';
import { UsageError, type Command } from '../io';
import { loadDocument } from '../load';
import { parseOptions } from '../options';

export const showCommand: Command = {
  name: 'show',
  usage: 'flashmap show FILE\n\nPrints each area and its partitions: name, start, end (exclusive), size in hex and in\nbinary units, kind and backup copies, with offsets resolved. FILE is a layout document or a\ntable Flashmap reads (an ESP-IDF CSV or binary); "-" reads standard input.',
  run(args, io) {
    const { positionals } = parseOptions(args, {});
    if (positionals.length !== 1) throw new UsageError('expected one layout file');
    const document = loadDocument(positionals[0], io);
    const { placement, problems } = validate(document);
    io.stdout(layoutListing(document, placement));
    const errors = problems.filter((p) => p.severity === 'error').length;
    io.stdout(`\n${placement.partitions.length} partition(s), ${problems.length === 0 ? 'no problems' : `${errors} error(s), ${problems.length - errors} other problem(s): run flashmap validate`}\n`);
    return 0;
  },
};
