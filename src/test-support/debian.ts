/**
 * Debian's own tools as test oracles (sfdisk, sgdisk, mkenvimage, bmaptool, simg2img...). A test
 * asks for a binary; when it is missing and we are root, its package is installed with apt-get
 * (as `npm test` does for chromium), once per process. A tool that still cannot be had fails the
 * test with the reason: an oracle test is never skipped silently. `npm test` installs every
 * package of oracle-packages.json in one apt-get run before the tests start, so test files
 * running in parallel never wait on each other's dpkg lock.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ORACLE_PACKAGES from './oracle-packages.json';

const SEARCH_PATH = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
let updated = false;

function locate(binary: string): string | undefined {
  return SEARCH_PATH.map((dir) => `${dir}/${binary}`).find((path) => existsSync(path));
}

/** The path of `binary`, installing Debian package `pkg` first when needed. */
export function debianTool(binary: string, pkg: string): string {
  if (!ORACLE_PACKAGES.includes(pkg)) throw new Error(`add ${pkg} to src/test-support/oracle-packages.json, so that npm test installs it before the tests`);
  const found = locate(binary);
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error(`${binary} is missing: install Debian's ${pkg} (apt-get install ${pkg})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    updated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env, stdio: 'ignore' });
  const installed = locate(binary);
  if (!installed) throw new Error(`${binary} is still missing after apt-get install ${pkg}`);
  return installed;
}

/** Runs a tool and returns its output; a non-zero exit throws with the tool's stderr. */
export function runTool(path: string, args: string[], input?: Uint8Array | string): { stdout: string; stderr: string } {
  const result = spawnSync(path, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${path} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}
