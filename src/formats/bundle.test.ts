import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { sharedPath } from '../test-support/shared';
import { checkZipManifest } from '../test-support/zip-manifest';
import { exportBundle } from './bundle';

describe('Download all', () => {
  it('zips every export with a README and a manifest that sha256sum accepts', async () => {
    const bundle = await exportBundle(findPreset('esp32-ota')!.build());
    expect(bundle.fileName).toBe('ESP32-Factory-app-two-OTA-definitions.zip');
    const check = checkZipManifest(bundle.bytes);
    expect(check.status).toBe(0);
    // Every file but the manifest itself is listed, and each one checks out.
    expect(check.lines.sort()).toEqual(check.entries.filter((name) => name !== 'SHA256SUMS' && name !== 'README.txt').map((name) => `${name}: OK`).sort());
    const entries = unzipSync(bundle.bytes);
    // The binary table in the bundle is gen_esp32part.py's output for this layout.
    const binary = bundle.files.find((f) => f.name.endsWith('.bin'))!;
    expect(entries[binary.name]).toEqual(new Uint8Array(readFileSync(sharedPath('conformance/esp32/cases/idf-two-ota/expected.bin'))));
    const readme = new TextDecoder().decode(entries['README.txt']);
    for (const file of bundle.files) expect(readme).toContain(file.name);
    expect(readme).toContain('sha256sum -c SHA256SUMS');
  });

  it('a manifest line that does not match its file fails sha256sum -c', async () => {
    // The check above can fail: flip one byte of one file and sha256sum must say so.
    const bundle = await exportBundle(findPreset('esp32-ota')!.build());
    const entries = unzipSync(bundle.bytes);
    const binary = bundle.files.find((f) => f.name.endsWith('.bin'))!.name;
    entries[binary] = entries[binary].slice();
    entries[binary][0] ^= 0xff;
    const check = checkZipManifest(zipSync(entries));
    expect(check.status).not.toBe(0);
    expect(check.lines).toContain(`${binary}: FAILED`);
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
