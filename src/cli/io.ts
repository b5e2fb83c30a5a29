/** What a CLI command may touch: injected so tests can run commands in-process. */
export interface CliIo {
  /** Text, or bytes for binary output (a partition table written to standard output). */
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array | string): void;
  readStdin(): Uint8Array;
}

/** A usage mistake: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

export interface Command {
  name: string;
  usage: string;
  run(args: string[], io: CliIo): number | Promise<number>;
}
