import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { sharedPath } from '../test-support/shared';
import { exportBundle } from './bundle';

describe('Download all', () => {
  it('zips every export with a README and a manifest that sha256sum accepts', async () => {
    const bundle = await exportBundle(findPreset('esp32-ota')!.build());
    expect(bundle.fileName).toBe('ESP32-Factory-app-two-OTA-definitions.zip');
    const dir = mkdtempSync(join(tmpdir(), 'flashmap-bundle-'));
    try {
      writeFileSync(join(dir, 'all.zip'), bundle.bytes);
      execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', join(dir, 'all.zip'), join(dir, 'out')]);
      const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(dir, 'out'), encoding: 'utf8' });
      expect(check.trim().split('\n').every((line) => line.endsWith(': OK'))).toBe(true);
      // The binary table in the bundle is gen_esp32part.py's output for this layout.
      const binary = bundle.files.find((f) => f.name.endsWith('.bin'))!;
      expect(new Uint8Array(readFileSync(join(dir, 'out', binary.name)))).toEqual(new Uint8Array(readFileSync(sharedPath('conformance/esp32/cases/idf-two-ota/expected.bin'))));
      const readme = readFileSync(join(dir, 'out', 'README.txt'), 'utf8');
      for (const file of bundle.files) expect(readme).toContain(file.name);
      expect(readme).toContain('sha256sum -c SHA256SUMS');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the same zip for the same layout', async () => {
    const a = await exportBundle(findPreset('esp32-single')!.build());
    const b = await exportBundle(findPreset('esp32-single')!.build());
    expect(a.bytes).toEqual(b.bytes);
  });

  it('says which exports were left out and why', async () => {
    const document = findPreset('esp32-ota')!.build();
    const broken = { ...document, partitions: document.partitions.map((p) => (p.name === 'ota_1' ? { ...p, offset: 0x200000 } : p)) };
    const bundle = await exportBundle(broken);
    expect(bundle.files.map((f) => f.name)).toEqual(['ESP32-Factory-app-two-OTA-definitions.flashmap.json']);
    expect(bundle.skipped.length).toBeGreaterThan(0);
    expect(bundle.skipped[0].reason).toMatch(/error to fix first/);
  });
});
