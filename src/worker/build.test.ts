/** The worker's build operation over a real MessageChannel: files as Blobs, streamed data with flow control, progress, cancel. */
import { MessageChannel } from 'node:worker_threads';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { MemoryBlobs, noise } from '../test-support/image-blobs';
import { checkZipManifest } from '../test-support/zip-manifest';
import { createEngineClient, EngineCancelled } from './client';
import type { MessageEndpoint } from './protocol';
import { serve } from './serve';

function endpoint(port: import('node:worker_threads').MessagePort): MessageEndpoint {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer as never),
    addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })),
  };
}

function connect() {
  const channel = new MessageChannel();
  serve(endpoint(channel.port1));
  return { client: createEngineClient(endpoint(channel.port2)), close: () => (channel.port1.close(), channel.port2.close()) };
}

async function nandWithIpl() {
  const blobs = new MemoryBlobs();
  const ipl = noise(70_000, 4);
  const document = await blobs.attach(findPreset('sstar-nand')!.build(), 'IPL', 'IPL.bin', ipl);
  const sha = document.partitions.find((p) => p.name === 'IPL')!.attachment!.sha256;
  return { document, ipl, blobs: { [sha]: new Blob([ipl as Uint8Array<ArrayBuffer>]) } };
}

describe('build operation', () => {
  it('lists the files, names missing ones, streams a file in order with progress', async () => {
    const { client, close } = connect();
    const { document, ipl, blobs } = await nandWithIpl();
    const listing = await client.call('imageFiles', { document, blobs: {} });
    expect(listing.missing.map((a) => a.fileName)).toEqual(['IPL.bin']);
    const full = await client.call('imageFiles', { document, blobs });
    expect(full.files.map((f) => f.kind)).toEqual(expect.arrayContaining(['raw', 'boot', 'bmap', 'sparse', 'partition']));
    await expect(client.call('build', { document, blobs: {} })).rejects.toThrow(/IPL\.bin \(70000 bytes/);

    const parts: Uint8Array[] = [];
    const progress: number[] = [];
    const boot = full.files.find((f) => f.kind === 'boot')!;
    // A slow page: the worker must wait for it (16 MiB in flight at most) and still deliver everything in order.
    const output = await client.call('build', { document, blobs, files: [boot.name] }, {
      onData: async (file, bytes) => {
        expect(file).toBe('boot.bin');
        parts.push(bytes);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      onProgress: (done) => progress.push(done),
    });
    close();
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBe(boot.size);
    expect(Buffer.compare(bytes.subarray(10 * 0x20000, 10 * 0x20000 + ipl.length), Buffer.from(ipl))).toBe(0);
    expect(progress.at(-1)).toBe(boot.size);
    expect(output.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(output.manifest).toBe(`${output.files[0].sha256}  boot.bin\n`);
  });

  it('zips the exports with the image files and a SHA256SUMS that covers them', async () => {
    const { client, close } = connect();
    const { document, ipl, blobs } = await nandWithIpl();
    const zip = await client.call('imageBundle', { document, blobs });
    close();
    const entries = unzipSync(zip.bytes);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['SHA256SUMS', 'PARTINFO.pni', 'SigmaStar-SPI-NAND-128-MiB.img', 'boot.bin', 'IPL.part.bin']));
    expect(Buffer.compare(Buffer.from(entries['IPL.part.bin'].subarray(0, ipl.length)), Buffer.from(ipl))).toBe(0);
    const check = checkZipManifest(zip.bytes);
    expect(check.status).toBe(0);
    expect(check.lines.sort()).toEqual(check.entries.filter((name) => name !== 'SHA256SUMS' && name !== 'README.txt').map((name) => `${name}: OK`).sort());
  });

  it('a layout with errors: its files listed, refused with the reason, and no build or zip made', async () => {
    const { client, close } = connect();
    const document = findPreset('sstar-nor')!.build();
    const broken = { ...document, partitions: document.partitions.map((p) => (p.name === 'KERNEL' ? { ...p, name: 'rootfs' } : p)) };
    const fine = await client.call('imageFiles', { document, blobs: {} });
    const listing = await client.call('imageFiles', { document: broken, blobs: {} });
    expect(fine.error).toBeUndefined();
    expect(listing.files.map((f) => f.name)).toContain('SigmaStar-SPI-NOR-16-MiB.img');
    expect(listing.error).toBe('the layout has 1 error to fix first: 2 partitions are named "rootfs"');
    await expect(client.call('build', { document: broken, blobs: {} })).rejects.toThrow(/^the layout has 1 error to fix first/);
    await expect(client.call('imageBundle', { document: broken, blobs: {} })).rejects.toThrow(/^the layout has 1 error to fix first/);
    close();
  });

  it('cancels a build in the middle of the stream', async () => {
    const { client, close } = connect();
    const { document, blobs } = await nandWithIpl();
    const controller = new AbortController();
    let received = 0;
    const call = client.call('build', { document, blobs, files: ['SigmaStar-SPI-NAND-128-MiB.img'] }, {
      signal: controller.signal,
      onData: (_file, bytes) => {
        received += bytes.length;
        if (received > 8 * 1024 * 1024) controller.abort();
      },
    });
    await expect(call).rejects.toBeInstanceOf(EngineCancelled);
    expect(received).toBeLessThan(64 * 1024 * 1024);
    close();
  });
});
