/**
 * The page's connection to the engine worker. A worker that crashes or is stopped (a call past its
 * time budget) is replaced by a new one on the next call; the calls it had are failed with a
 * message, so an import or export never waits forever.
 */
import { createEngineClient, type EngineClient } from '../src/worker/client';
import type { MessageEndpoint } from '../src/worker/protocol';

let client: EngineClient | null = null;

export function engine(): EngineClient {
  if (!client?.alive) {
    const worker = new Worker(new URL('../src/worker/entry.ts', import.meta.url), { type: 'module', name: 'flashmap-engine' });
    client = createEngineClient(worker as unknown as MessageEndpoint, {
      stop: () => worker.terminate(),
      onFailure: (listener) => worker.addEventListener('error', (event) => listener(event.message || 'the worker failed')),
    });
  }
  return client;
}
