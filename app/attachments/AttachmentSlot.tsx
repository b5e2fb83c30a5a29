/**
 * The attachment slot of a partition's or a volume's form: the attached file (name, size against
 * the slot, whether its bytes are in this browser), a picker to attach or replace it, and Remove.
 * Everything it does is one undoable step through the store.
 */
import { useEffect, useId } from 'react';
import type { AttachTarget } from '../../src/image/attach';
import type { PlacedPartition, PlacedVolume } from '../../src/layout/placement';
import type { Attachment } from '../../src/model/document';
import { formatHuman } from '../../src/model/units';
import { useLayoutStoreApi } from '../store/context';
import { attachFile, detachFile } from './attach-file';
import { useBlobStore } from './blob-store';

interface SlotProps {
  target: AttachTarget;
  name: string;
  attachment: Attachment | undefined;
  /** Bytes the file may take: the partition (one copy of it), or the volume's LEBs. */
  slot: number;
  copies: number;
  /** What an empty slot means for built images. */
  empty: string;
}

function Slot({ target, name, attachment, slot, copies, empty }: SlotProps) {
  const store = useLayoutStoreApi();
  const inputId = useId();
  const present = useBlobStore((s) => (attachment ? attachment.sha256 in s.blobs : false));
  const load = useBlobStore((s) => s.load);
  useEffect(() => {
    if (attachment) void load([attachment.sha256]);
  }, [attachment, load]);
  return (
    <div className="attachment-slot" data-testid="attachment-slot">
      <label htmlFor={inputId}>Image file</label>
      {attachment ? (
        <p className={attachment.size > slot ? 'attachment too-large' : 'attachment'}>
          <span className="attachment-name">{attachment.fileName}</span>: {formatHuman(attachment.size)} of {formatHuman(slot)}
          {copies > 0 ? ` per copy (written to all ${copies})` : ''}
          {attachment.size > slot ? ' — larger than its slot' : ''}
          {present ? '' : ' — its bytes are not in this browser: attach it again'}
        </p>
      ) : (
        <p className="muted">{empty}</p>
      )}
      <input
        id={inputId}
        type="file"
        aria-label={`Attach an image file to ${name}`}
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

export function AttachmentSlot({ placed }: { placed: PlacedPartition }) {
  const { partition } = placed;
  const slot = placed.copies.length > 0 ? placed.copies[0].slotEnd - placed.copies[0].start : placed.size;
  return (
    <Slot
      target={{ kind: 'partition', id: partition.id }}
      name={partition.name}
      attachment={partition.attachment}
      slot={slot}
      copies={placed.copies.length}
      empty="None: the partition stays erased in built images. Pick a file or drop one on the partition in the map."
    />
  );
}

/** A volume's file (a squashfs or UBIFS image) is written into its LEBs when the UBI image is built. */
export function VolumeAttachmentSlot({ placed, partitionId }: { placed: PlacedVolume; partitionId: string }) {
  const { volume } = placed;
  return (
    <Slot
      target={{ kind: 'volume', partitionId, id: volume.id }}
      name={`volume ${volume.name}`}
      attachment={volume.attachment}
      slot={placed.size}
      copies={0}
      empty="None: the volume is empty in built images. Pick its image (squashfs, UBIFS…) to have it written into the UBI image."
    />
  );
}
