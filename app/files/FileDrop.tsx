/** Dropping a file anywhere on the page imports it (a layout, a CSV/text table, a binary table). */
import { useEffect, useState } from 'react';
import { useLayoutStoreApi } from '../store/context';
import { importIntoStore } from './import';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function FileDrop() {
  const store = useLayoutStoreApi();
  const [over, setOver] = useState(false);
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
  return over ? (
    <div className="drop-overlay" aria-hidden="true">
      Drop a layout, a partition table (CSV, text) or a binary table to import it
    </div>
  ) : null;
}
