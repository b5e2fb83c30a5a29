/** Running a build: every file streamed and hashed, progress in bytes, cancel between chunks, missing files named. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { collect, MemoryBlobs, noise } from '../test-support/image-blobs';
import { BuildCancelled, checkAttachments, manifestText, runBuild, type BuildSink } from './build';
import { imageFiles } from './outputs';

function memorySink() {
  const files = new Map<string, Uint8Array[]>();
  let current: Uint8Array[] = [];
  const sink: BuildSink = {
    begin: (file) => void files.set(file.name, (current = [])),
    write: (chunk) => void current.push(chunk.slice()),
    end: () => undefined,
  };
  return { sink, bytes: (name: string) => Buffer.concat(files.get(name) ?? []) };
}

describe('runBuild', () => {
  it('hashes each file as it streams and lists them as sha256sum does', async () => {
    const blobs = new MemoryBlobs();
    const document = await blobs.attach(findPreset('sstar-nor')!.build(), 'KERNEL', 'uImage', noise(100_000, 3));
    const { files } = imageFiles(document, blobs.source);
    const { sink, bytes } = memorySink();
    const seen: number[] = [];
    const digests = await runBuild(files, sink, { progress: (done) => seen.push(done) });
    for (const { name, sha256 } of digests) expect(sha256).toBe(createHash('sha256').update(bytes(name)).digest('hex'));
    expect(manifestText(digests).split('\n')[0]).toBe(`${digests[0].sha256}  SigmaStar-SPI-NOR-16-MiB.img`);
    expect(seen.at(-1)).toBe(files.reduce((sum, f) => sum + (f.size ?? 0), 0));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('stops at the next chunk once cancelled', async () => {
    const { files } = imageFiles(findPreset('sstar-nor')!.build(), () => undefined);
    let chunks = 0;
    await expect(runBuild(files, memorySink().sink, { cancelled: () => ++chunks > 3 })).rejects.toBeInstanceOf(BuildCancelled);
    expect(chunks).toBe(4);
  });

  it('names the attached files whose bytes are missing', async () => {
    const blobs = new MemoryBlobs();
    const document = await blobs.attach(findPreset('sstar-nor')!.build(), 'IPL', 'IPL.bin', noise(10, 1));
    expect(() => checkAttachments(document, () => false)).toThrow(/the bytes of 1 attached file\(s\) are missing, so no image is built: IPL\.bin \(10 bytes, sha256 [0-9a-f]{12}…\)/);
    expect(() => checkAttachments(document, blobs.has)).not.toThrow();
  });

  it('a NAND image with spare bytes: each 2048-byte page followed by 64 bytes of 0xFF', async () => {
    const blobs = new MemoryBlobs(1000);
    const ipl = noise(5000, 2);
    const document = await blobs.attach(findPreset('sstar-nand')!.build(), 'IPL', 'IPL.bin', ipl);
    const [raw] = imageFiles(document, blobs.source, { withSpare: true }).files;
    expect(raw.name).toBe('SigmaStar-SPI-NAND-128-MiB.oob.img');
    const bytes = await collect(raw.stream());
    expect(bytes.length).toBe((128 * 1024 * 1024 / 2048) * 2112);
    expect(raw.size).toBe(bytes.length);
    const block = 0x20000 / 2048 * 2112;
    // IPL0 starts at block 10: its first 2048 bytes, 64 x 0xFF, the next 2048 bytes.
    const at = 10 * block;
    expect(Buffer.compare(Buffer.from(bytes.subarray(at, at + 2048)), Buffer.from(ipl.subarray(0, 2048)))).toBe(0);
    expect(bytes.subarray(at + 2048, at + 2112).every((b) => b === 0xff)).toBe(true);
    expect(Buffer.compare(Buffer.from(bytes.subarray(at + 2112, at + 4160)), Buffer.from(ipl.subarray(2048, 4096)))).toBe(0);
  });
});
