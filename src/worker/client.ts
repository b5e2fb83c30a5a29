/** The page side of the protocol: a typed `call` per operation, with progress and cancellation. */
import { transferablesOf, type EngineOperations, type MessageEndpoint, type OperationName, type ResponseMessage } from './protocol';

export interface CallOptions {
  onProgress?(done: number, total: number, stage?: string): void;
  signal?: AbortSignal;
}

export class EngineCancelled extends Error {
  constructor() {
    super('The operation was cancelled');
  }
}

interface Pending {
  resolve(output: unknown): void;
  reject(error: Error): void;
  onProgress?: CallOptions['onProgress'];
}

export interface EngineClient {
  call<Name extends OperationName>(operation: Name, input: EngineOperations[Name]['input'], options?: CallOptions): Promise<EngineOperations[Name]['output']>;
}

export function createEngineClient(endpoint: MessageEndpoint): EngineClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  endpoint.addEventListener('message', (event) => {
    const message = event.data as ResponseMessage;
    const request = pending.get(message.id);
    if (!request) return;
    if (message.kind === 'progress') {
      request.onProgress?.(message.done, message.total, message.stage);
      return;
    }
    pending.delete(message.id);
    if (message.kind === 'result') request.resolve(message.output);
    else if (message.kind === 'cancelled') request.reject(new EngineCancelled());
    else request.reject(new Error(message.message));
  });

  return {
    call(operation, input, options = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (options.signal?.aborted) return reject(new EngineCancelled());
        pending.set(id, { resolve: resolve as (output: unknown) => void, reject, onProgress: options.onProgress });
        options.signal?.addEventListener('abort', () => endpoint.postMessage({ kind: 'cancel', id }), { once: true });
        endpoint.postMessage({ kind: 'request', id, operation, input }, transferablesOf(input));
      });
    },
  };
}
