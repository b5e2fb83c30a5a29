/**
 * The partition form's attachment slot: the attached file (name, size against the slot, whether
 * its bytes are in this browser), a picker to attach or replace it, and Remove. Mounted by the
 * partition editor; everything it does is one undoable step through the store.
 */
import { useEffect, useId } from 'react';
import type { PlacedPartition } from '../../src/layout/placement';
import { formatHuman } from '../../src/model/units';
import { useLayoutStoreApi } from '../store/context';
import { attachFile, detachFile } from './attach-file';
import { useBlobStore } from './blob-store';

export function AttachmentSlot({ placed }: { placed: PlacedPartition }) {
  const store = useLayoutStoreApi();
  const inputId = useId();
  const { partition } = placed;
  const attachment = partition.attachment;
  const present = useBlobStore((s) => (attachment ? attachment.sha256 in s.blobs : false));
  const load = useBlobStore((s) => s.load);
  useEffect(() => {
    if (attachment) void load([attachment.sha256]);
  }, [attachment, load]);
  const slot = placed.copies.length > 0 ? placed.copies[0].slotEnd - placed.copies[0].start : placed.size;
  const target = { kind: 'partition' as const, id: partition.id };
  return (
    <div className="attachment-slot" data-testid="attachment-slot">
      <label htmlFor={inputId}>Image file</label>
      {attachment ? (
        <p className={attachment.size > slot ? 'attachment too-large' : 'attachment'}>
          <span className="attachment-name">{attachment.fileName}</span>: {formatHuman(attachment.size)} of {formatHuman(slot)}
          {placed.copies.length > 0 ? ` per copy (written to all ${placed.copies.length})` : ''}
          {attachment.size > slot ? ' — larger than its slot' : ''}
          {present ? '' : ' — its bytes are not in this browser: attach it again'}
        </p>
      ) : (
        <p className="muted">None: the partition stays erased in built images. Pick a file or drop one on the partition in the map.</p>
      )}
      <input
        id={inputId}
        type="file"
        aria-label={`Attach an image file to ${partition.name}`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void attachFile(store, target, file);
        }}
      />
      {attachment && (
        <button type="button" onClick={() => detachFile(store, target)}>
          Remove file
        </button>
      )}
    </div>
  );
}
