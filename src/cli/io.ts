/** What a CLI command may touch: injected so tests can run commands in-process. */
export interface CliIo {
  /** Text, or bytes for binary output (a partition table written to standard output). */
  stdout(data: string | Uint8Array): void;
  stderr(text: string): void;
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array | string): void;
  readStdin(): Uint8Array;
  /** Width a Python tool's argparse would wrap to here (its terminal width less 2; 78 when unknown). */
  helpWidth?: () => number;
  /**
   * Writes an image of `size` bytes holding `pieces`; the rest stays a hole (seeked past, never
   * written as zeros), so a 16 GiB disk image costs the disk space of its tables.
   */
  /** Random access to a file (flashmap inspect reads only the headers of a 16 GiB image). */
  openFile?(path: string): { size: number; read(offset: number, length: number): Uint8Array };
  writeImage?(path: string, image: { size: number; pieces: ReadonlyArray<{ offset: number; bytes: Uint8Array }> }): void;
}

/** A usage mistake: printed with the command's usage, exit status 2. */
export class UsageError extends Error {}

export interface Command {
  name: string;
  usage: string;
  /** The command answers --help and -h itself (a drop-in prints its reference tool's help). */
  ownHelp?: boolean;
  run(args: string[], io: CliIo): number | Promise<number>;
}

/** An output that cannot be written (a directory, a parent that is a file, no permission). */
export class OutputError extends Error {}

/** Why a file system call failed, in words (Node's error codes are for programs). */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const words: Record<string, string> = {
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of its path is a file, not a directory',
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'no space left on the device',
    EEXIST: 'a file stands where a directory of its path should be',
  };
  return (code && words[code]) ?? (error as Error).message ?? String(error);
}

/** shutil.get_terminal_size().columns - 2: $COLUMNS, else the terminal's width, else 80. */
export function pythonHelpWidth(env: { COLUMNS?: string }, terminalColumns: number | undefined): number {
  const columns = /^\s*[+]?\d+\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  return (columns > 0 ? columns : terminalColumns && terminalColumns > 0 ? terminalColumns : 80) - 2;
}
