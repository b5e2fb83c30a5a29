/**
 * The image plan of one address space of a layout: which bytes go where. Pieces are the attached
 * files (at the start of each backup copy's slot), the UBI image of each partition whose volumes
 * carry files (at the partition's start, the rest of it erased), the files attached to the
 * family's fixed regions (the ESP32 bootloader), the family's generated content (partition tables,
 * MXP_SF.bin, PARTINFO.pni) and the U-Boot environment; everything else is the family's fill. The
 * plan holds no file bytes: attachments are named by sha256 and read only when an output is streamed.
 */
import { FormatError } from '../codecs/errors';
import { familyOf } from '../families';
import { place } from '../layout/place';
import type { Attachment, LayoutDocument } from '../model/document';
import { formatHex } from '../model/units';
import { exportEnvironment } from '../formats/uboot-env';
import { buildsUbi, ubiPartitionImage, type UbiPartitionImage } from './ubi-plan';

export type PieceSource =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'attachment'; attachment: Attachment }
  /** A UBI image built from its volumes' files as it is streamed. */
  | ({ kind: 'ubi' } & UbiPartitionImage);

export interface PlanPiece {
  offset: number;
  length: number;
  source: PieceSource;
  /** What these bytes are, for listings and messages: `IPL.bin in "IPL1"`, `the family's table`. */
  label: string;
}

export interface ImagePlan {
  space: string;
  size: number;
  /** The value of every byte outside the pieces. */
  fill: number;
  /** Sorted by offset, not overlapping, each inside the space. */
  pieces: PlanPiece[];
  /** The attached files the plan reads, once each. */
  attachments: Attachment[];
  /** What the plan leaves out, in sentences (volumes' files when the partition has a file of its own). */
  warnings: string[];
}

const quoted = (name: string) => `"${name}"`;

function attachmentPiece(attachment: Attachment, offset: number, slot: number, where: string): PlanPiece {
  if (attachment.size > slot) {
    throw new FormatError(`${attachment.fileName} (${attachment.size} bytes) is larger than ${where} (${slot} bytes): a file is never cut to fit`);
  }
  return { offset, length: attachment.size, source: { kind: 'attachment', attachment }, label: `${attachment.fileName} in ${where}` };
}

/** The U-Boot environment image of the first env partition that lists variables, at each of its copies. */
function environmentPieces(document: LayoutDocument, placement: ReturnType<typeof place>, space: string): PlanPiece[] {
  const placed = placement.partitions.find((p) => p.partition.kind === 'env');
  if (!placed || placed.space !== space || !placed.partition.env || placed.partition.attachment) return [];
  const { bytes } = exportEnvironment(document);
  const slots = placed.copies.length > 0 ? placed.copies.map((c) => ({ start: c.start, name: c.name })) : [{ start: placed.start, name: placed.partition.name }];
  return slots.map((slot) => ({ offset: slot.start, length: bytes.length, source: { kind: 'bytes', bytes }, label: `U-Boot environment in ${quoted(slot.name)}` }));
}

/** Sorts the pieces and checks each fits the space and none overlaps another (naming both). */
function checkPieces(pieces: PlanPiece[], size: number): PlanPiece[] {
  const sorted = pieces.filter((p) => p.length > 0).sort((a, b) => a.offset - b.offset);
  sorted.forEach((piece, index) => {
    const end = piece.offset + piece.length;
    if (end > size) throw new FormatError(`${piece.label}: ${piece.length} bytes at ${formatHex(piece.offset)} go past the end of the ${formatHex(size)}-byte image`);
    const next = sorted[index + 1];
    if (next && next.offset < end) throw new FormatError(`${next.label} at ${formatHex(next.offset)} overlaps ${piece.label} (which ends at ${formatHex(end)})`);
  });
  return sorted;
}

/** The plan of one address space ("main": the flash, or the eMMC user area). */
export function imagePlan(document: LayoutDocument, space = 'main'): ImagePlan {
  const family = familyOf(document);
  const target = family.spaces(document.device).find((s) => s.id === space);
  if (!target) throw new FormatError(`the ${family.title} layout has no address space "${space}"`);
  const placement = place(document, family);
  const pieces: PlanPiece[] = [];
  /** Where the user's own files go: generated content there gives way to them. */
  const attached: Array<{ start: number; end: number }> = [];

  for (const placed of placement.partitions) {
    const { partition } = placed;
    if (placed.space !== space) continue;
    if (buildsUbi(placed)) {
      const image = ubiPartitionImage(document, family, placement, placed);
      if (image.layout.imageBytes > placed.size) {
        throw new FormatError(`the UBI image of ${quoted(partition.name)} (${image.layout.imageBytes} bytes, ${image.layout.pebs} PEBs) is larger than the partition (${placed.size} bytes)`);
      }
      attached.push({ start: placed.start, end: placed.spanEnd });
      pieces.push({ offset: placed.start, length: image.layout.imageBytes, source: { kind: 'ubi', ...image }, label: `the UBI image of ${quoted(partition.name)}` });
      continue;
    }
    if (!partition.attachment) continue;
    attached.push({ start: placed.start, end: placed.spanEnd });
    if (placed.copies.length === 0) {
      pieces.push(attachmentPiece(partition.attachment, placed.start, placed.size, quoted(partition.name)));
      continue;
    }
    for (const copy of placed.copies) pieces.push(attachmentPiece(partition.attachment, copy.start, copy.slotEnd - copy.start, `${quoted(copy.name)} (copy slot)`));
  }
  for (const region of family.reservedRegions(document)) {
    const attachment = document.device.attachments?.[region.id];
    if (region.space !== space || !attachment) continue;
    attached.push({ start: region.start, end: region.end });
    pieces.push(attachmentPiece(attachment, region.start, region.end - region.start, `the ${region.name} region`));
  }
  const warnings = placement.partitions
    .filter((placed) => placed.space === space && placed.partition.attachment)
    .flatMap((placed) => (placed.partition.volumes ?? []).filter((v) => v.attachment).map((v) => `${v.attachment!.fileName} of volume ${quoted(v.name)} is not placed: ${quoted(placed.partition.name)} has a file of its own (${placed.partition.attachment!.fileName}), which is placed instead`));
  const inAttached = (offset: number) => attached.some((range) => offset >= range.start && offset < range.end);
  const generated = [
    ...(family.imagePieces?.(document, space) ?? []).map((piece): PlanPiece => ({ offset: piece.offset, length: piece.bytes.length, source: { kind: 'bytes', bytes: piece.bytes }, label: `${family.title} table data` })),
    ...environmentPieces(document, placement, space),
  ];
  pieces.push(...generated.filter((piece) => !inAttached(piece.offset)));

  const bySha = new Map<string, Attachment>();
  for (const piece of pieces) {
    if (piece.source.kind === 'attachment') bySha.set(piece.source.attachment.sha256, piece.source.attachment);
    if (piece.source.kind === 'ubi') for (const file of piece.source.files) if (file) bySha.set(file.sha256, file);
  }
  return { space, size: target.size, fill: family.imageFill ?? 0, pieces: checkPieces(pieces, target.size), attachments: [...bySha.values()], warnings };
}

/** Every file attached anywhere in the document (partitions, volumes, fixed regions), once each. */
export function documentAttachments(document: LayoutDocument): Attachment[] {
  const all = [
    ...document.partitions.flatMap((p) => [p.attachment, ...(p.volumes ?? []).map((v) => v.attachment)]),
    ...Object.values(document.device.attachments ?? {}),
  ].filter((a): a is Attachment => a !== undefined);
  return [...new Map(all.map((a) => [a.sha256, a])).values()];
}

/** The attached files whose bytes are not at hand, so a build can name them instead of starting. */
export function missingAttachments(document: LayoutDocument, has: (sha256: string) => boolean): Attachment[] {
  return documentAttachments(document).filter((a) => !has(a.sha256));
}
