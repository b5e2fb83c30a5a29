/** Entry point of the flashmap command in Node. */
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from './run';
import { describeFileError, OutputError, pythonHelpWidth, type CliIo } from './io';

/**
 * Standard output, set up on first use: creating the stream costs milliseconds that a command
 * writing only files (`flashmap esp32 in.csv out.bin`) does not spend. A reader that stops early
 * (`flashmap show f | head -1`) closes it: stop quietly with one line and a non-zero status,
 * never an unhandled EPIPE.
 */
let stdoutReady = false;
function stdout(): NodeJS.WriteStream {
  if (!stdoutReady) {
    stdoutReady = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') {
        process.stderr.write('flashmap: standard output was closed before everything was written\n');
        process.exit(141);
      }
      process.stderr.write(`flashmap: cannot write to standard output: ${describeFileError(error)}\n`);
      process.exit(2);
    });
  }
  return process.stdout;
}

const nodeIo: CliIo = {
  stdout: (text) => stdout().write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFileSync(path),
  writeFile: (path, data) => {
    try {
      // Like gen_esp32part.py, create the output's directory (build/partition_table/...) if needed.
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    } catch (error) {
      throw new OutputError(`cannot write ${path}: ${describeFileError(error)}`);
    }
  },
  readStdin: () => readFileSync(0),
  openFile: (path) => {
    // Kept open until the process ends: a command inspects one file.
    const fd = openSync(path, 'r');
    return {
      size: fstatSync(fd).size,
      read: (offset, length) => {
        const bytes = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const got = readSync(fd, bytes, done, length - done, offset + done);
          if (got === 0) break;
          done += got;
        }
        return bytes.subarray(0, done);
      },
    };
  },
  helpWidth: () => pythonHelpWidth(process.env, stdout().isTTY ? stdout().columns : undefined),
  writeImage: (path, image) => {
    let fd: number | undefined;
    try {
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, 'w');
      // Truncating to the size leaves the whole file a hole; only the pieces take disk space.
      ftruncateSync(fd, image.size);
      for (const piece of image.pieces) {
        for (let done = 0; done < piece.bytes.length; ) done += writeSync(fd, piece.bytes, done, piece.bytes.length - done, piece.offset + done);
      }
    } catch (error) {
      throw new OutputError(`cannot write ${path}: ${describeFileError(error)}`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
};

// No top-level await: the bundle is CommonJS, which Node loads faster than an ES module.
runCli(process.argv.slice(2), nodeIo).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`flashmap: internal error: ${(error as Error).message ?? String(error)} (please report it with the input that caused it)\n`);
    process.exitCode = 70;
  },
);
