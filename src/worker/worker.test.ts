import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createEngineClient, EngineCancelled } from './client';
import { serve, CancelledError } from './serve';
import { OPERATIONS } from './operations';
import type { MessageEndpoint } from './protocol';
import { transferablesOf } from './protocol';
import { findPreset } from '../presets';
import { parseDocumentText } from '../model/document';

/** Node's MessagePort emits 'message' with the data directly; wrap it as the browser shape. */
function endpoint(port: import('node:worker_threads').MessagePort): MessageEndpoint {
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer as never),
    addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })),
  };
}

function connect(operations = OPERATIONS) {
  const channel = new MessageChannel();
  serve(endpoint(channel.port1), operations);
  const client = createEngineClient(endpoint(channel.port2));
  return { client, close: () => (channel.port1.close(), channel.port2.close()) };
}

describe('engine worker protocol', () => {
  it('round-trips a real request: serialize returns the document as bytes, with progress', async () => {
    const { client, close } = connect();
    const document = findPreset('sstar-nand')!.build();
    const progress: number[] = [];
    const output = await client.call('serialize', { document }, { onProgress: (done) => progress.push(done) });
    close();
    expect(output.fileName).toBe('SigmaStar-SPI-NAND-128-MiB.flashmap.json');
    const reparsed = parseDocumentText(new TextDecoder().decode(output.bytes));
    expect(reparsed.ok && reparsed.document).toEqual(document);
    expect(progress).toEqual([0, 1]);
  });

  it('answers concurrent requests by id', async () => {
    const { client, close } = connect();
    const a = findPreset('esp32-ota')!.build();
    const b = { ...a, partitions: [...a.partitions, { ...a.partitions[0], id: 'dup' }] };
    const [first, second] = await Promise.all([client.call('validate', { document: a }), client.call('validate', { document: b })]);
    close();
    expect(first.problems).toEqual([]);
    expect(second.problems.map((p) => p.code)).toContain('duplicate-name');
  });

  it('reports an engine error as a rejected promise with its message', async () => {
    const { client, close } = connect({
      ...OPERATIONS,
      validate: () => {
        throw new Error('broken input at offset 0x40');
      },
    });
    await expect(client.call('validate', { document: findPreset('qemu-nor')!.build() })).rejects.toThrow('broken input at offset 0x40');
    close();
  });

  it('cancels a long operation when the page aborts it', async () => {
    let steps = 0;
    // The page aborts once the operation is under way (a few steps in), however slow its start.
    let underWay!: () => void;
    const running = new Promise<void>((resolve) => (underWay = resolve));
    const { client, close } = connect({
      ...OPERATIONS,
      serialize: async (_input, context) => {
        for (;;) {
          steps++;
          if (steps === 3) underWay();
          await new Promise((resolve) => setTimeout(resolve, 2));
          if (context.cancelled()) throw new CancelledError();
        }
      },
    });
    const controller = new AbortController();
    const call = client.call('serialize', { document: findPreset('qemu-nor')!.build() }, { signal: controller.signal });
    await running;
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(EngineCancelled);
    expect(steps).toBeGreaterThanOrEqual(3);
    close();
  });

  it('lists the buffers of a message so they are transferred, not copied', () => {
    const bytes = new Uint8Array(16);
    const buffer = new ArrayBuffer(8);
    expect(transferablesOf({ output: { bytes, nested: [buffer, bytes] } })).toEqual([bytes.buffer, buffer]);
  });
});
