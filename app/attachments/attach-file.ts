/**
 * Attaching a file the user picked or dropped: hashed in the worker in slices (the page never
 * blocks on a large file, and its policy allows no WebAssembly), its bytes stored in IndexedDB, then the attachment recorded in the layout as one
 * undoable step. A file larger than its slot is still recorded, and the rules say so.
 */
import { setAttachment, type AttachTarget } from '../../src/image/attach';
import type { LayoutStore } from '../store/layout-store';
import { report } from '../status/status';
import { useBlobStore } from './blob-store';

import { engine } from '../engine';

export async function attachFile(store: LayoutStore, target: AttachTarget, file: File): Promise<void> {
  try {
    const { sha256 } = await engine().call('hashFile', { blob: file });
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
