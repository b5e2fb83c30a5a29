/** The worker's inspect operations over the real protocol: a Blob read slice by slice, progress, Edit as layout. */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createEngineClient } from './client';
import { serve } from './serve';
import type { MessageEndpoint } from './protocol';
import { exportFile } from '../formats/files';
import { findPreset } from '../presets';

function endpoint(port: MessagePort): MessageEndpoint {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer as never),
    addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })),
  };
}

describe('inspect in the worker', () => {
  it('inspects a Blob with progress, then turns it into the layout of its ESP-IDF table', async () => {
    const channel = new MessageChannel();
    serve(endpoint(channel.port1));
    const client = createEngineClient(endpoint(channel.port2));
    const preset = findPreset('esp32-ota')!.build();
    const table = exportFile(preset, 'esp32-bin');
    if (!table.ok) throw new Error(table.message);
    const flash = new Uint8Array(preset.device.size).fill(0xff);
    flash.set(table.file.bytes, 0x8000);
    const blob = new Blob([flash]);
    const progress: number[] = [];
    const inspection = await client.call('inspect', { file: blob }, { onProgress: (done) => progress.push(done) });
    expect(inspection.size).toBe(flash.length);
    expect(inspection.regions.find((r) => r.type === 'esp32-partition-table')?.offset).toBe(0x8000);
    expect(progress.length).toBeGreaterThan(1);
    const outcome = await client.call('inspectLayout', { file: blob, inspection, document: findPreset('qemu-nor')!.build(), fileName: 'backup.bin' });
    channel.port1.close();
    channel.port2.close();
    expect(outcome.ok && outcome.document.partitions.map((p) => p.name)).toEqual(preset.partitions.map((p) => p.name));
  });
});
