/**
 * Ctrl+V on the page (not in a field) imports what was pasted: a copied file, or text such as a
 * CSV table, an mtdparts string or a layout document.
 */
import { useEffect } from 'react';
import { report } from '../status/status';
import type { LayoutStore } from '../store/layout-store';
import { importIntoStore, importSource } from './import';

/** Text pasted beyond this is refused rather than read (a partition table is far smaller). */
const PASTE_LIMIT = 16 * 1024 * 1024;

export function usePasteImport(store: LayoutStore): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest?.('input, textarea, select, [contenteditable="true"], dialog')) return;
      const data = event.clipboardData;
      if (!data) return;
      const file = data.files[0];
      const text = file ? '' : data.getData('text/plain');
      if (!file && text.trim() === '') return;
      event.preventDefault();
      if (file) void importIntoStore(file, store);
      else if (text.length > PASTE_LIMIT) report(`The pasted text was not imported: it is ${Math.round(text.length / 1024 / 1024)} MiB of text, and up to ${PASTE_LIMIT / 1024 / 1024} MiB are read`, 'error');
      else void importSource({ label: 'the pasted text', bytes: new TextEncoder().encode(text) }, store);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [store]);
}
