import { PRESETS, findPreset } from '../../presets';
import { serializeDocument } from '../../model/document';
import { UsageError, type Command } from '../io';
import { parseOptions } from '../options';

export const presetsCommand: Command = {
  name: 'presets',
  usage: 'flashmap presets [ID]\n\nWithout ID: one line per preset, its id then its title.\nWith ID: the preset as a *.flashmap.json document.',
  run(args, io) {
    const { positionals } = parseOptions(args, {});
    if (positionals.length > 1) throw new UsageError('expected at most one preset id');
    const [id] = positionals;
    if (id === undefined) {
      const width = Math.max(...PRESETS.map((p) => p.id.length));
      for (const preset of PRESETS) io.stdout(`${preset.id.padEnd(width)}  ${preset.title}\n`);
      return 0;
    }
    const preset = findPreset(id);
    if (!preset) throw new UsageError(`no preset "${id}"; known: ${PRESETS.map((p) => p.id).join(', ')}`);
    io.stdout(serializeDocument(preset.build()));
    return 0;
  },
};
