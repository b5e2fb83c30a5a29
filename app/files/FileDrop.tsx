/**
 * The page as one drop zone: a file dropped anywhere imports it (a layout, a table, a script, a
 * binary); text pasted outside a field imports too; the import's questions open a dialog.
 */
import { useEffect, useState } from 'react';
import { useLayoutStoreApi } from '../store/context';
import { importIntoStore } from './import';
import { ImportDialog } from './ImportDialog';
import { usePasteImport } from './paste';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function FileDrop() {
  const store = useLayoutStoreApi();
  const [over, setOver] = useState(false);
  usePasteImport(store);
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null) setOver(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setOver(false);
      const file = event.dataTransfer?.files[0];
      if (file) void importIntoStore(file, store);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
  return (
    <>
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a layout, a partition table, a script or a binary table to import it
        </div>
      )}
      <ImportDialog />
    </>
  );
}
