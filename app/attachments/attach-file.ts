/**
 * Attaching a file the user picked or dropped: hashed in slices (so the page never blocks on a
 * large file), its bytes stored in IndexedDB, then the attachment recorded in the layout as one
 * undoable step. A file larger than its slot is still recorded, and the rules say so.
 */
import { createSHA256 } from 'hash-wasm';
import { setAttachment, type AttachTarget } from '../../src/image/attach';
import type { LayoutStore } from '../store/layout-store';
import { report } from '../status/status';
import { useBlobStore } from './blob-store';

const SLICE = 4 * 1024 * 1024;

async function sha256OfFile(file: Blob): Promise<string> {
  const hasher = await createSHA256();
  for (let at = 0; at < file.size; at += SLICE) hasher.update(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()));
  return hasher.digest('hex');
}

export async function attachFile(store: LayoutStore, target: AttachTarget, file: File): Promise<void> {
  try {
    const sha256 = await sha256OfFile(file);
    await useBlobStore.getState().put(sha256, file);
    const document = store.getState().history.present;
    store.getState().edit(setAttachment(document, target, { fileName: file.name || 'file.bin', size: file.size, sha256 }));
  } catch (error) {
    report(`${file.name} could not be attached: ${(error as Error).message}`, 'error');
  }
}

export function detachFile(store: LayoutStore, target: AttachTarget): void {
  store.getState().edit(setAttachment(store.getState().history.present, target, undefined));
}

/** Drag-and-drop props for a partition segment: a file dropped there is attached to it (and not imported as a layout). */
export function fileDropProps(store: LayoutStore, partitionId: string) {
  const carriesFiles = (event: React.DragEvent) => Array.from(event.dataTransfer.types).includes('Files');
  return {
    onDragOver: (event: React.DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDrop: (event: React.DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      const file = event.dataTransfer.files[0];
      if (file) void attachFile(store, { kind: 'partition', id: partitionId }, file);
    },
  };
}
