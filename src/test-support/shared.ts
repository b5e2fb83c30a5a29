/** Reference files from ../shared (relative to the repository root), read by tests as expected values. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function sharedPath(...parts: string[]): string {
  return resolve(REPO_ROOT, '../shared', ...parts);
}

export function readShared(...parts: string[]): string {
  return readFileSync(sharedPath(...parts), 'utf8');
}
