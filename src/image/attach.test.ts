/** Attaching files: the record, where it goes by name, and the older image fields following it. */
import { describe, expect, it } from 'vitest';
import { findPreset } from '../presets';
import { attachmentOf, findAttachTarget, setAttachment } from './attach';

describe('attachments', () => {
  it('finds partitions, volumes and fixed regions by name; sets and removes the record with image/imageSize', async () => {
    const nand = findPreset('sstar-nand')!.build();
    expect(findAttachTarget(nand, 'UBOOT')?.kind).toBe('partition');
    expect(findAttachTarget(nand, 'rootfs')?.kind).toBe('volume');
    const esp = findPreset('esp32-ota')!.build();
    expect(findAttachTarget(esp, 'bootloader')).toEqual({ kind: 'region', id: 'esp32-bootloader' });
    expect(findAttachTarget(esp, 'nothing')).toBeUndefined();

    const attachment = await attachmentOf('u-boot.bin', new TextEncoder().encode('abc'));
    expect(attachment).toEqual({ fileName: 'u-boot.bin', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' });
    const target = findAttachTarget(nand, 'UBOOT')!;
    const attached = setAttachment(nand, target, attachment);
    const uboot = attached.partitions.find((p) => p.name === 'UBOOT')!;
    expect([uboot.attachment, uboot.image, uboot.imageSize]).toEqual([attachment, 'u-boot.bin', 3]);
    const removed = setAttachment(attached, target, undefined).partitions.find((p) => p.name === 'UBOOT')!;
    expect(removed).toEqual(nand.partitions.find((p) => p.name === 'UBOOT'));

    const withBootloader = setAttachment(esp, { kind: 'region', id: 'esp32-bootloader' }, attachment);
    expect(withBootloader.device.attachments).toEqual({ 'esp32-bootloader': attachment });
    expect(setAttachment(withBootloader, { kind: 'region', id: 'esp32-bootloader' }, undefined).device).toEqual(esp.device);
  });
});
