/**
 * MD5 for the partition table's checksum row, computed by hash-wasm. Its hasher is created
 * asynchronously (the WebAssembly module is compiled) but hashes synchronously afterwards, and the
 * table codec is synchronous. A top-level await cannot create it: the CLI bundle is CommonJS (see
 * vite.cli.config.ts). So each entry point awaits `loadMd5()` once before the engine runs (the
 * CLI's runCli, the worker's serve, the test setup, the bench runner, the e2e fixtures), and
 * `md5()` then reuses the one hasher, which is safe as every hash is begun and finished in one call.
 */
import { createMD5, type IHasher } from 'hash-wasm';

let hasher: IHasher | undefined;
let loading: Promise<void> | undefined;

/** Compiles the hasher the first time; later calls return the same promise. */
export function loadMd5(): Promise<void> {
  loading ??= createMD5().then((created) => {
    hasher = created;
  });
  return loading;
}

/** The 16-byte MD5 of the parts, in order, as if concatenated. */
export function md5(...parts: Uint8Array[]): Uint8Array {
  if (!hasher) throw new Error('MD5 used before loadMd5() finished: the entry point must await it before running the ESP32 codec');
  hasher.init();
  for (const part of parts) hasher.update(part);
  return hasher.digest('binary');
}
