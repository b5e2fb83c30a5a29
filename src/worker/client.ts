/** The page side of the protocol: a typed `call` per operation, with progress and cancellation. */
import { transferablesOf, type EngineOperations, type MessageEndpoint, type OperationName, type ResponseMessage } from './protocol';

// Timers exist in every host the client runs in (page, worker, Node); the engine has no DOM types.
declare function setTimeout(callback: () => void, ms: number): number;
declare function clearTimeout(id: number): void;

export interface CallOptions {
  onProgress?(done: number, total: number, stage?: string): void;
  /** Streamed file data (build): handled in order; the worker sends more once it resolves. */
  onData?(file: string, bytes: Uint8Array): void | Promise<void>;
  signal?: AbortSignal;
  /**
   * The time budget: past it the call fails with EngineTimeout and the worker is stopped (a busy
   * worker cannot read a cancel message), so the next call starts a fresh one.
   */
  timeoutMs?: number;
}

export class EngineCancelled extends Error {
  constructor() {
    super('The operation was cancelled');
  }
}

export class EngineTimeout extends Error {
  constructor(ms: number) {
    super(`The engine took longer than ${ms / 1000} s and was stopped`);
  }
}

interface Pending {
  resolve(output: unknown): void;
  reject(error: Error): void;
  onProgress?: CallOptions['onProgress'];
  onData?: CallOptions['onData'];
  /** Data handlers run one after another; the result waits for the last. */
  queue: Promise<void>;
  /** A data handler that failed: the request is cancelled and fails with it. */
  failure?: Error;
}

export interface EngineClient {
  call<Name extends OperationName>(operation: Name, input: EngineOperations[Name]['input'], options?: CallOptions): Promise<EngineOperations[Name]['output']>;
  /** False once the worker failed or was stopped: make a new client. */
  readonly alive: boolean;
}

/** `stop` ends the worker (Worker.terminate); `failures` reports a worker that crashed. */
export function createEngineClient(endpoint: MessageEndpoint, worker: { stop?(): void; onFailure?(listener: (message: string) => void): void } = {}): EngineClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let alive = true;

  const failAll = (error: Error) => {
    alive = false;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  worker.onFailure?.((message) => failAll(new Error(`The engine stopped: ${message}`)));

  endpoint.addEventListener('message', (event) => {
    const message = event.data as ResponseMessage;
    const request = pending.get(message.id);
    if (!request) return;
    if (message.kind === 'progress') {
      request.onProgress?.(message.done, message.total, message.stage);
      return;
    }
    if (message.kind === 'data') {
      const { id, file, bytes } = message;
      request.queue = request.queue.then(async () => {
        if (request.failure) return;
        try {
          await request.onData?.(file, bytes);
          endpoint.postMessage({ kind: 'ack', id, bytes: bytes.length });
        } catch (error) {
          request.failure = error instanceof Error ? error : new Error(String(error));
          endpoint.postMessage({ kind: 'cancel', id });
        }
      });
      return;
    }
    pending.delete(message.id);
    // The result settles after the data before it has been handled.
    void request.queue.then(() => {
      if (request.failure) request.reject(request.failure);
      else if (message.kind === 'result') request.resolve(message.output);
      else if (message.kind === 'cancelled') request.reject(new EngineCancelled());
      else request.reject(new Error(message.message));
    });
  });

  return {
    get alive() {
      return alive;
    },
    call(operation, input, options = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        if (!alive) return reject(new Error('The engine has stopped'));
        if (options.signal?.aborted) return reject(new EngineCancelled());
        let timer: number | undefined;
        const settle = <T>(fn: (value: T) => void) => (value: T) => {
          if (timer !== undefined) clearTimeout(timer);
          fn(value);
        };
        pending.set(id, { resolve: settle(resolve as (output: unknown) => void), reject: settle(reject), onProgress: options.onProgress, onData: options.onData, queue: Promise.resolve() });
        options.signal?.addEventListener('abort', () => endpoint.postMessage({ kind: 'cancel', id }), { once: true });
        if (options.timeoutMs !== undefined) {
          const ms = options.timeoutMs;
          timer = setTimeout(() => {
            const request = pending.get(id);
            pending.delete(id);
            worker.stop?.();
            failAll(new Error('The engine was restarted'));
            request?.reject(new EngineTimeout(ms));
          }, ms);
        }
        endpoint.postMessage({ kind: 'request', id, operation, input }, transferablesOf(input));
      });
    },
  };
}
