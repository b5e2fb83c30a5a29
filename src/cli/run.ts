/** The flashmap command: dispatches to one command per verb; all work happens in the engine. */
import { esp32Command } from './commands/esp32';
import { presetsCommand } from './commands/presets';
import { showCommand } from './commands/show';
import { validateCommand } from './commands/validate';
import { UsageError, type CliIo, type Command } from './io';
import { InputError } from './load';

export const COMMANDS: Command[] = [presetsCommand, validateCommand, showCommand, esp32Command];

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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`flashmap: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
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
    if (error instanceof InputError) {
      io.stderr(`flashmap ${command.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
