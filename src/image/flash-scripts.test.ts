/**
 * The uuu script's serial-download line: the bootloader the layout attaches, or the placeholder
 * with a comment that says which file to put there.
 */
import { describe, expect, it } from 'vitest';
import type { LayoutDocument } from '../model/document';
import { findPreset } from '../presets';
import { imagePlan } from './plan';
import { uuuScript } from './flash-scripts';

const attachment = (fileName: string) => ({ fileName, size: 300_000, sha256: 'ab'.repeat(32) });

function withAttachment(document: LayoutDocument, partition: string, fileName: string): LayoutDocument {
  return { ...document, partitions: document.partitions.map((p) => (p.name === partition ? { ...p, attachment: attachment(fileName) } : p)) };
}

const scriptLines = (document: LayoutDocument) => uuuScript(document, imagePlan(document)).split('\n');

describe('uuu script bootloader', () => {
  it('boots the file attached to the boot0 firmware partition', () => {
    const document = withAttachment(findPreset('emmc-boot')!.build(), 'firmware_a', 'u-boot-dhcom.imx');
    const lines = scriptLines(document);
    expect(lines).toContain('SDPS: boot -f u-boot-dhcom.imx');
    expect(lines.join('\n')).not.toContain('u-boot-fastboot.bin');
  });

  it('boots from the partition the ROM reads: the boot1 copy when the layout boots from boot1', () => {
    let document = findPreset('emmc-boot')!.build();
    document = { ...document, device: { ...document.device, emmc: { ...document.device.emmc!, bootFrom: 'boot1' } } };
    document = withAttachment(withAttachment(document, 'firmware_a', 'old.imx'), 'firmware_b', 'new.imx');
    expect(scriptLines(document)).toContain('SDPS: boot -f new.imx');
  });

  it('boots the raw bootloader of a user-area layout (the SD card SPL)', () => {
    const document = withAttachment(findPreset('sd-allwinner')!.build(), 'u-boot-spl', 'u-boot-sunxi-with-spl.bin');
    expect(scriptLines(document)).toContain('SDPS: boot -f u-boot-sunxi-with-spl.bin');
  });

  it('without an attachment writes the placeholder after a comment naming the partition and its image', () => {
    const lines = scriptLines(findPreset('emmc-boot')!.build());
    const at = lines.indexOf('SDPS: boot -f u-boot-fastboot.bin');
    expect(at).toBeGreaterThan(0);
    expect(lines[at - 1]).toBe('# No bootloader file is attached: put the fastboot-capable U-Boot of "firmware_a" (u-boot.imx) next to this script as u-boot-fastboot.bin.');
  });

  it('without a bootloader partition says so in the comment', () => {
    const preset = findPreset('sd-allwinner')!.build();
    const document = { ...preset, partitions: preset.partitions.filter((p) => p.kind !== 'bootloader') };
    const lines = scriptLines(document);
    const at = lines.indexOf('SDPS: boot -f u-boot-fastboot.bin');
    expect(lines[at - 1]).toContain('the layout has no bootloader partition');
  });
});
