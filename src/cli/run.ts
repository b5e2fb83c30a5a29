/**
 * The flashmap command: dispatches to one command per verb; all work happens in the engine.
 * Each command is loaded only when it runs, so `flashmap esp32` starts without the layout schema
 * and the other commands.
 */
import { OutputError, UsageError, type CliIo, type Command } from './io';
import { InputError } from './input';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'presets', summary: 'list the built-in layouts, or print one as a layout document', load: async () => (await import('./commands/presets')).presetsCommand },
  { name: 'validate', summary: 'check a layout and print every problem', load: async () => (await import('./commands/validate')).validateCommand },
  { name: 'show', summary: 'print the resolved layout as a table', load: async () => (await import('./commands/show')).showCommand },
  { name: 'diff', summary: 'compare two layouts: what an update changes, what data survives, the migration commands', load: async () => (await import('./commands/diff')).diffCommand },
  { name: 'build', summary: 'write the disk image of a layout or a partition table script (sparse)', load: async () => (await import('./commands/build')).buildCommand },
  { name: 'esp32', summary: 'convert an ESP-IDF partition table, CSV ⇄ binary: a drop-in for gen_esp32part.py (--locate: say where each problem is)', load: async () => (await import('./commands/esp32')).esp32Command },
  { name: 'mxpgenerator', summary: 'write a SigmaStar MXP_SF.bin from its two lists (drop-in for mxpgenerator)', load: async () => (await import('./commands/mxpgenerator')).mxpgeneratorCommand },
  { name: 'pnigenerator', summary: 'write a SigmaStar PARTINFO.pni from its options (drop-in for pnigenerator)', load: async () => (await import('./commands/pnigenerator')).pnigeneratorCommand },
  { name: 'inspect', summary: 'show what an existing image holds: partition tables, filesystems and blobs, as a table or JSON', load: async () => (await import('./commands/inspect')).inspectCommand },
  { name: 'convert', summary: 'convert between the formats Flashmap reads and writes (layout, partition.config, mtdparts, MXP, PNI, ESP-IDF)', load: async () => (await import('./commands/convert')).convertCommand },
];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return (
    'Usage: flashmap COMMAND [options]\n\nFlash partition layouts: presets, validation, tables and images.\n\nCommands:\n' +
    COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') +
    '\n\nRun "flashmap COMMAND --help" for the options of a command.\n'
  );
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`flashmap: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  const command = await entry.load();
  if (!command.ownHelp && (args.includes('--help') || args.includes('-h'))) {
    io.stdout(`Usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`flashmap ${command.name}: ${error.message}\nUsage: ${command.usage.split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof InputError || error instanceof OutputError) {
      io.stderr(`flashmap ${command.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
