/** What the worker does for each operation: thin calls into the engine. */
import { exportBundle } from '../formats/bundle';
import { documentFile, exportFile, importFile } from '../formats/files';
import { previewExport } from '../formats/preview';
import type { EngineOperations, OperationName } from './protocol';
import { validate } from '../families';
import { compareLayouts } from '../compare/compare';
import { inspectFile, InspectCancelled } from '../inspect';
import { inspectionToLayout } from '../inspect/layout';
import { blobFile, bytesFile, type BlobLike } from '../codecs/read-at';

const randomAccess = (file: Uint8Array | BlobLike) => (file instanceof Uint8Array ? bytesFile(file) : blobFile(file));

export interface OperationContext {
  progress(done: number, total: number, stage?: string): void;
  /** True once the page has cancelled this request; long operations check it between steps. */
  cancelled(): boolean;
}

type Handlers = {
  [Name in OperationName]: (input: EngineOperations[Name]['input'], context: OperationContext) => Promise<EngineOperations[Name]['output']> | EngineOperations[Name]['output'];
};

export const OPERATIONS: Handlers = {
  validate: ({ document }) => ({ problems: validate(document).problems }),
  serialize: ({ document }, context) => {
    context.progress(0, 1, 'serializing');
    const { fileName, mimeType, bytes } = documentFile(document);
    context.progress(1, 1, 'done');
    return { fileName, mimeType, bytes };
  },
  export: ({ document, formatId }) => exportFile(document, formatId),
  preview: ({ document, formatId }) => previewExport(document, formatId),
  bundle: async ({ document }) => {
    const { fileName, bytes, skipped } = await exportBundle(document);
    return { fileName, bytes, skipped };
  },
  inspect: async ({ file }, context) => {
    try {
      const { size, regions } = await inspectFile(randomAccess(file), { progress: (done, total, stage) => context.progress(done, total, stage), cancelled: () => context.cancelled() });
      return { size, regions };
    } catch (error) {
      // The page has gone on; serve answers "cancelled" for it.
      if (error instanceof InspectCancelled) return { size: 0, regions: [] };
      throw error;
    }
  },
  inspectLayout: ({ file, inspection, document, fileName }) => inspectionToLayout(randomAccess(file), inspection, document, fileName),
  import: ({ bytes, document, formatId, fileName, defines, deviceSize, answers }) => importFile(bytes, document, { formatId, fileName, defines, deviceSize, answers }),
  compare: ({ old, new: next }) => compareLayouts(old, next),
};
