/**
 * Attaching files to a layout: the record a file leaves in the document (name, size, sha256),
 * and the document with it set on a partition, a volume or one of the family's fixed regions
 * (the ESP32 bootloader). The partition's older `image`/`imageSize` fields follow the attachment,
 * so the genimage, .wks and sw-description exports name the file that is really attached.
 */
import { sha256 } from 'hash-wasm';
import { familyOf } from '../families';
import type { Attachment, LayoutDocument } from '../model/document';

export async function attachmentOf(fileName: string, bytes: Uint8Array): Promise<Attachment> {
  return { fileName, size: bytes.length, sha256: await sha256(bytes) };
}

/**
 * Where a file can go, by the name a user gives it: a partition, a volume (`PARTITION/VOLUME`, or
 * the volume's name alone when no partition has it), or a fixed region.
 */
export type AttachTarget = { kind: 'partition'; id: string } | { kind: 'volume'; partitionId: string; id: string } | { kind: 'region'; id: string };

export function findAttachTarget(document: LayoutDocument, name: string): AttachTarget | undefined {
  const partition = document.partitions.find((p) => p.name === name);
  if (partition) return { kind: 'partition', id: partition.id };
  const slash = name.indexOf('/');
  if (slash > 0) {
    const holder = document.partitions.find((p) => p.name === name.slice(0, slash));
    const volume = holder?.volumes?.find((v) => v.name === name.slice(slash + 1));
    if (holder && volume) return { kind: 'volume', partitionId: holder.id, id: volume.id };
  }
  for (const p of document.partitions) {
    const volume = p.volumes?.find((v) => v.name === name);
    if (volume) return { kind: 'volume', partitionId: p.id, id: volume.id };
  }
  const region = familyOf(document).reservedRegions(document).find((r) => r.name === name || r.id === name);
  return region ? { kind: 'region', id: region.id } : undefined;
}

/** The document with `attachment` set (or removed, when undefined) at the target. */
export function setAttachment(document: LayoutDocument, target: AttachTarget, attachment: Attachment | undefined): LayoutDocument {
  if (target.kind === 'region') {
    const attachments = { ...document.device.attachments };
    if (attachment) attachments[target.id] = attachment;
    else delete attachments[target.id];
    const { attachments: _old, ...device } = document.device;
    return { ...document, device: Object.keys(attachments).length > 0 ? { ...device, attachments } : device };
  }
  return {
    ...document,
    partitions: document.partitions.map((p) => {
      if (target.kind === 'volume') {
        if (p.id !== target.partitionId) return p;
        return { ...p, volumes: p.volumes?.map((v) => (v.id === target.id ? withField(v, attachment) : v)) };
      }
      if (p.id !== target.id) return p;
      const next = withField(p, attachment);
      if (attachment) return { ...next, image: attachment.fileName, imageSize: attachment.size };
      // Removing the file removes the name and size it set, and nothing the user set otherwise.
      if (p.attachment && next.image === p.attachment.fileName && next.imageSize === p.attachment.size) {
        const { image: _image, imageSize: _size, ...rest } = next;
        return rest;
      }
      return next;
    }),
  };
}

function withField<T extends { attachment?: Attachment }>(item: T, attachment: Attachment | undefined): T {
  const { attachment: _old, ...rest } = item;
  return (attachment ? { ...rest, attachment } : rest) as T;
}
