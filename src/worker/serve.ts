/** The worker side of the protocol: runs operations, reports progress, honours cancellation. */
import { OPERATIONS, type OperationContext } from './operations';
import { transferablesOf, type MessageEndpoint, type RequestMessage, type ResponseMessage } from './protocol';

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export function serve(endpoint: MessageEndpoint, operations = OPERATIONS): void {
  const cancelled = new Set<number>();
  const send = (message: ResponseMessage) => endpoint.postMessage(message, transferablesOf(message));

  endpoint.addEventListener('message', async (event) => {
    const message = event.data as RequestMessage;
    if (message.kind === 'cancel') {
      cancelled.add(message.id);
      return;
    }
    const { id, operation, input } = message;
    const context: OperationContext = {
      progress: (done, total, stage) => send({ kind: 'progress', id, done, total, stage }),
      cancelled: () => cancelled.has(id),
    };
    try {
      const handler = operations[operation] as ((input: unknown, context: OperationContext) => unknown) | undefined;
      if (!handler) throw new Error(`unknown operation "${operation}"`);
      const output = await handler(input, context);
      send(context.cancelled() ? { kind: 'cancelled', id } : { kind: 'result', id, output });
    } catch (error) {
      send(error instanceof CancelledError ? { kind: 'cancelled', id } : { kind: 'error', id, message: (error as Error).message ?? String(error) });
    } finally {
      cancelled.delete(id);
    }
  });
}
