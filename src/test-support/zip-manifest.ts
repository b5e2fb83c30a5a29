/**
 * The SHA256SUMS of a zip checked as a user checks it: Python's zipfile unpacks the zip into a
 * temporary directory and coreutils' `sha256sum -c` reads the manifest there, so no hasher of ours
 * is the judge.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { debianTool, runTool } from './debian';

export interface ManifestCheck {
  /** `sha256sum -c`'s exit status and its lines ("NAME: OK"). */
  status: number | null;
  lines: string[];
  /** Every file the zip holds, by name. */
  entries: string[];
}

export function checkZipManifest(zip: Uint8Array, manifest = 'SHA256SUMS'): ManifestCheck {
  const dir = mkdtempSync(join(tmpdir(), 'flashmap-manifest-'));
  try {
    writeFileSync(join(dir, 'all.zip'), zip);
    const out = join(dir, 'out');
    runTool(debianTool('python3', 'python3-minimal'), ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', join(dir, 'all.zip'), out]);
    const check = spawnSync(debianTool('sha256sum', 'coreutils'), ['-c', '--strict', manifest], { cwd: out, encoding: 'utf8' });
    return { status: check.status, lines: `${check.stdout}${check.stderr}`.trim().split('\n'), entries: readdirSync(out).sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
