/**
 * Where a built file's bytes go as the worker streams them: a file the user chooses
 * (showSaveFilePicker, written chunk by chunk, so an image of any size never sits in memory) for
 * files over 64 MiB, or an in-memory Blob offered as a download: small files, and files up to
 * MEMORY_LIMIT where the browser has no picker.
 */
export const MEMORY_LIMIT = 512 * 1024 * 1024;
/** Files up to this size are simply downloaded; larger ones go to a file the user picks, where the browser can. */
const PICKER_FROM = 64 * 1024 * 1024;

export interface FileSink {
  write(bytes: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
  abort(): Promise<void> | void;
}

interface WritableLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

type SavePicker = (options: { suggestedName: string }) => Promise<{ createWritable(): Promise<WritableLike> }>;

function picker(): SavePicker | undefined {
  return (window as unknown as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
}

function memorySink(name: string): FileSink {
  const parts: Uint8Array[] = [];
  return {
    write: (bytes) => void parts.push(bytes),
    close: () => {
      const blob = new Blob(parts as Array<Uint8Array<ArrayBuffer>>, { type: 'application/octet-stream' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    abort: () => void (parts.length = 0),
  };
}

/**
 * A sink for `name`: for a large file the picker when there is one (undefined when the user closes
 * it), else memory; a file larger than MEMORY_LIMIT without a picker is refused with the reason.
 */
export async function openSink(name: string, size: number | undefined): Promise<FileSink | undefined> {
  const choose = size === undefined || size > PICKER_FROM ? picker() : undefined;
  if (!choose) {
    if (size !== undefined && size > MEMORY_LIMIT) throw new Error(`${name} is ${size} bytes: this browser cannot save a file as it is made, and files over ${MEMORY_LIMIT / 1024 / 1024} MiB are not held in memory. Use Chromium, or flashmap build on the command line.`);
    return memorySink(name);
  }
  let handle;
  try {
    handle = await choose({ suggestedName: name });
  } catch {
    return undefined;
  }
  const writable = await handle.createWritable();
  return { write: (bytes) => writable.write(bytes), close: () => writable.close(), abort: () => writable.abort() };
}

