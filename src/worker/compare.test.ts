import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createEngineClient } from './client';
import { OPERATIONS } from './operations';
import type { MessageEndpoint } from './protocol';
import { serve } from './serve';
import { allwinnerSdCard } from '../presets/emmc';
import { esp32SingleApp } from '../presets/esp32';

function endpoint(port: MessagePort): MessageEndpoint {
  return { postMessage: (message, transfer) => port.postMessage(message, transfer as never), addEventListener: (_type, listener) => port.on('message', (data) => listener({ data })) };
}

describe('worker: compare', () => {
  it('answers with the report across the message channel (plain data, no placements)', async () => {
    const channel = new MessageChannel();
    serve(endpoint(channel.port1), OPERATIONS);
    const client = createEngineClient(endpoint(channel.port2));
    const old = allwinnerSdCard();
    const next = { ...old, partitions: old.partitions.filter((p) => p.name !== 'rootfs_b') };
    const outcome = await client.call('compare', { old, new: next });
    expect(outcome.ok && outcome.report.changes.find((c) => c.old?.name === 'rootfs_b')).toMatchObject({ change: 'removed', verdict: { kind: 'lost', reason: 'removed' } });
    expect(await client.call('compare', { old, new: esp32SingleApp() })).toMatchObject({ ok: false, message: expect.stringMatching(/different families/) });
    channel.port1.close();
    channel.port2.close();
  });
});
