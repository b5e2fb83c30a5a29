/** The page's connection to the engine worker (one worker for the page's lifetime). */
import { createEngineClient, type EngineClient } from '../src/worker/client';
import type { MessageEndpoint } from '../src/worker/protocol';

let client: EngineClient | null = null;

export function engine(): EngineClient {
  if (!client) {
    const worker = new Worker(new URL('../src/worker/entry.ts', import.meta.url), { type: 'module', name: 'flashmap-engine' });
    client = createEngineClient(worker as unknown as MessageEndpoint);
  }
  return client;
}
