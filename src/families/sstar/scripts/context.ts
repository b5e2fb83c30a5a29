/**
 * What the SDK's script makefiles read (script_nor.mk, script_nand.mk): IMAGE_LIST, each image's
 * fields and the partitions it writes, the download addresses, and EXBOOTARGS.
 */
import type { EstarLine } from '../../../codecs/estar-script';
import type { ConfigModelImage } from '../../../codecs/partition-config';
import { blank } from './script';
import { makeWords } from '../../../codecs/partition-config';
import type { LayoutDocument } from '../../../model/document';
import { documentConfigModel, type Writer } from '../config-export';
import { sstarOptions } from '../options';
import { withoutSdkVariables } from '../sdk-variables';

export interface ScriptContext {
  nand: boolean;
  images: ConfigModelImage[];
  listed: string[];
  writers: Map<string, Writer>;
  global(name: string): string;
  /** An image's field as make expands it, the SDK's own variables unset. */
  field(image: string, field: string): string;
  /** TFTPDOWNLOADADDR (0x21000000), where tftp loads every file. */
  download: string;
  /** KERNELBOOTADDR (0x22000000), where bootm runs the kernel. */
  kernelBoot: string;
  /** EXBOOTARGS: what the board's makefiles add to bootargs. */
  bootArgs: string;
  other(name: string): string;
  /** The partition the UBI volumes are in (the SDK's scripts name it UBI). */
  ubiPartition: string;
}

export function scriptContext(document: LayoutDocument): ScriptContext {
  const { model, writers } = documentConfigModel(document);
  const images = model.images;
  const byName = new Map(images.map((image) => [image.name, image]));
  const globals = model.globals as Record<string, string | undefined>;
  const global = (name: string) => withoutSdkVariables(globals[name] ?? '');
  const others = new Map(model.others.map((other) => [other.name, other.value]));
  return {
    nand: document.device.family === 'sstar-nand',
    images,
    listed: makeWords(globals.IMAGE_LIST ?? ''),
    writers,
    global,
    field: (image, field) => withoutSdkVariables(byName.get(image)?.fields[field as keyof ConfigModelImage['fields']] ?? ''),
    download: global('TFTPDOWNLOADADDR') || '0x21000000',
    kernelBoot: global('KERNELBOOTADDR') || '0x22000000',
    bootArgs: withoutSdkVariables(sstarOptions(document).bootArgs ?? ''),
    other: (name) => withoutSdkVariables(others.get(name) ?? ''),
    ubiPartition: (document.partitions.find((p) => (p.volumes?.length ?? 0) > 0) ?? document.partitions.find((p) => p.kind === 'ubi'))?.name ?? 'UBI',
  };
}

/** The names of the partitions (copies by their own names) an image writes. */
export function partitionNames(writer: Writer | undefined): string[] {
  return (writer?.partitions ?? []).flatMap((placed) => (placed.copies.length > 0 ? placed.copies.map((copy) => copy.name) : [placed.partition.name]));
}

/** make's $(notdir ...): the part after the last slash. */
export function notdir(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `echo -e $(foreach n,LIST,TEXT\\n)`: each item on its line, the later ones after the space foreach put between them, then an empty line. */
export function foreachLines(items: string[]): Array<string | EstarLine> {
  return [...items.map((item, i) => (i === 0 ? item : ` ${item}`)), blank];
}
