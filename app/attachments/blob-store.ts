/**
 * The bytes of attached files, in the browser's IndexedDB keyed by sha256, so attachments survive
 * a reload and two partitions with the same file keep one copy. The layout document records only
 * name, size and sha256; `useBlobStore` tells components which of those bytes are here.
 */
import { create } from 'zustand';

const DATABASE = 'flashmap-attachments';
const STORE = 'blobs';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
  return opened;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

interface BlobState {
  /** The bytes known to be stored, by sha256 (Blobs backed by IndexedDB, not memory). */
  blobs: Record<string, Blob>;
  load(sha256s: readonly string[]): Promise<void>;
  put(sha256: string, blob: Blob): Promise<void>;
}

export const useBlobStore = create<BlobState>((set, get) => ({
  blobs: {},
  async load(sha256s) {
    const wanted = sha256s.filter((sha) => !(sha in get().blobs));
    if (wanted.length === 0) return;
    const store = (await database()).transaction(STORE, 'readonly').objectStore(STORE);
    const found = await Promise.all(wanted.map(async (sha) => [sha, (await done(store.get(sha))) as Blob | undefined] as const));
    const blobs = { ...get().blobs };
    for (const [sha, blob] of found) if (blob) blobs[sha] = blob;
    set({ blobs });
  },
  async put(sha256, blob) {
    const transaction = (await database()).transaction(STORE, 'readwrite');
    transaction.objectStore(STORE).put(blob, sha256);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB could not store the file'));
    });
    set({ blobs: { ...get().blobs, [sha256]: blob } });
  },
}));
