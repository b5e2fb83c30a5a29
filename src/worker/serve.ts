/** The worker side of the protocol: runs operations, reports progress, honours cancellation. */
import { BuildCancelled } from '../image/build';
import { OPERATIONS, type OperationContext } from './operations';
import { transferablesOf, type MessageEndpoint, type RequestMessage, type ResponseMessage } from './protocol';

/** Streamed bytes in flight to the page before the worker waits: the page's memory stays bounded by it. */
const MAX_UNACKED = 16 * 1024 * 1024;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function serve(endpoint: MessageEndpoint, operations = OPERATIONS): void {
  const cancelled = new Set<number>();
  /** Streamed bytes the page has not acknowledged yet, and the emitters waiting for it, by request. */
  const unacked = new Map<number, number>();
  const waiting = new Map<number, () => void>();
  const send = (message: ResponseMessage) => endpoint.postMessage(message, transferablesOf(message));

  endpoint.addEventListener('message', async (event) => {
    const message = event.data as RequestMessage;
    if (message.kind === 'cancel') {
      cancelled.add(message.id);
      waiting.get(message.id)?.();
      return;
    }
    if (message.kind === 'ack') {
      unacked.set(message.id, (unacked.get(message.id) ?? 0) - message.bytes);
      if ((unacked.get(message.id) ?? 0) <= MAX_UNACKED) waiting.get(message.id)?.();
      return;
    }
    const { id, operation, input } = message;
    const context: OperationContext = {
      progress: (done, total, stage) => send({ kind: 'progress', id, done, total, stage }),
      cancelled: () => cancelled.has(id),
      emit: async (file, bytes) => {
        // A copy: the chunk may be a view of a buffer the engine reuses (the fill), and transferring detaches it.
        const copy = bytes.slice();
        unacked.set(id, (unacked.get(id) ?? 0) + copy.length);
        send({ kind: 'data', id, file, bytes: copy });
        while ((unacked.get(id) ?? 0) > MAX_UNACKED && !cancelled.has(id)) await new Promise<void>((resolve) => waiting.set(id, resolve));
        waiting.delete(id);
      },
    };
    try {
      const handler = operations[operation] as ((input: unknown, context: OperationContext) => unknown) | undefined;
      if (!handler) throw new Error(`unknown operation "${operation}"`);
      const output = await handler(input, context);
      send(context.cancelled() ? { kind: 'cancelled', id } : { kind: 'result', id, output });
    } catch (error) {
      send(error instanceof CancelledError || error instanceof BuildCancelled ? { kind: 'cancelled', id } : { kind: 'error', id, message: (error as Error).message ?? String(error) });
    } finally {
      cancelled.delete(id);
      unacked.delete(id);
      waiting.delete(id);
    }
  });
}
