/** A button that opens the file picker and imports the file picked. */
import { useRef } from 'react';
import { useLayoutStoreApi } from '../store/context';
import { importIntoStore } from './import';

export function OpenFileButton({ label, inputLabel }: { label: string; inputLabel: string }) {
  const store = useLayoutStoreApi();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={inputLabel}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importIntoStore(file, store);
        }}
      />
    </>
  );
}
