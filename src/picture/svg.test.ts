import { describe, expect, it } from 'vitest';
import { familyOf } from '../families';
import { place } from '../layout/place';
import { findPreset } from '../presets';
import { escapeXml, layoutSvg } from './svg';

const svgOf = (id: string, rename?: (name: string) => string) => {
  const preset = findPreset(id)!.build();
  const document = rename ? { ...preset, partitions: preset.partitions.map((p) => ({ ...p, name: rename(p.name) })) } : preset;
  return layoutSvg(document, place(document, familyOf(document)));
};

/** The boxes as drawn: [label, top, height], in drawing order. */
function boxes(svg: string): Array<[string, number, number]> {
  return [...svg.matchAll(/<g><rect x="\d+" y="(\d+)" width="\d+" height="(\d+)"[^>]*\/><text[^>]*>[^<]*<\/text><text[^>]*>([^<]*)<\/text>/g)].map((m) => [m[3], Number(m[1]), Number(m[2])]);
}

describe('the picture of a layout', () => {
  it('draws every partition of the two-OTA table in offset order, taller for larger ones, with offset and size', () => {
    const svg = svgOf('esp32-ota');
    const drawn = boxes(svg);
    // The boot area: free space before the ESP32 bootloader at 0x1000, and the table's sector.
    expect(drawn.map(([label]) => label)).toEqual(['free', 'bootloader (reserved)', 'partition table (reserved)', 'nvs', 'otadata', 'phy_init', 'factory', 'ota_0', 'ota_1', 'free']);
    // Boxes follow each other without gaps; a 1 MiB app is drawn taller than the 4 KiB phy_init.
    const [, flash] = svg.split('>Partitions: ');
    const inFlash = boxes(flash);
    inFlash.slice(1).forEach(([, top], i) => expect(top).toBe(inFlash[i][1] + inFlash[i][2]));
    const height = (name: string) => drawn.find(([label]) => label === name)![2];
    expect(height('factory')).toBeGreaterThan(height('phy_init'));
    expect(svg).toContain('>0x110000</text>');
    expect(svg).toContain('>1 MiB (0x100000)</text>');
  });

  it('draws the SPI-NAND backup copies and their spare blocks as their own boxes', () => {
    const labels = boxes(svgOf('sstar-nand')).map(([label]) => label);
    expect(labels).toContain('IPL0');
    expect(labels).toContain('IPL1 (copy of IPL)');
    expect(labels).toContain('IPL1 spare blocks');
  });

  it('draws the UBI volumes of the SPI-NAND preset inside their UBI partition, in order, with LEBs and size', () => {
    const document = findPreset('sstar-nand')!.build();
    const placement = place(document, familyOf(document));
    const svg = layoutSvg(document, placement);
    const [, top, height] = boxes(svg).find(([label]) => label === 'UBI')!;
    const volumes = [...svg.matchAll(/<g class="volume"><rect x="\d+" y="(\d+)" width="\d+" height="(\d+)"[^>]*\/><text[^>]*>([^<]*)<\/text><text[^>]*>([^<]*)<\/text><\/g>/g)].map((m) => ({ top: Number(m[1]), height: Number(m[2]), name: m[3], lebs: m[4] }));
    expect(volumes.map((v) => v.name)).toEqual(['rootfs', 'miservice', 'customer', 'appconfigs']);
    // Stacked one after the other, all inside the partition's box.
    volumes.slice(1).forEach((v, i) => expect(v.top).toBe(volumes[i].top + volumes[i].height));
    expect(volumes[0].top).toBeGreaterThan(top);
    expect(volumes.at(-1)!.top + volumes.at(-1)!.height).toBeLessThanOrEqual(top + height);
    // 82 MiB of rootfs in 124 KiB LEBs (128 KiB blocks less two 2 KiB pages of UBI headers, as
    // ubinize -p 128KiB -m 2048 counts): ceil(85983232 / 126976) = 678 LEBs, 86089728 bytes.
    expect(volumes[0].lebs).toBe('678 LEBs, 82.1 MiB');
    // The rootfs volume (82 MiB) is drawn taller than the 4 MiB appconfigs.
    expect(volumes[0].height).toBeGreaterThan(volumes[3].height);
  });

  it('marks a volume that does not fit, and escapes volume names', () => {
    const preset = findPreset('sstar-nand')!.build();
    const document = {
      ...preset,
      partitions: preset.partitions.map((p) =>
        p.volumes ? { ...p, volumes: p.volumes.map((v) => (v.name === 'customer' ? { ...v, name: '<img src=x onerror=alert(1)>', size: 0x40000000 } : v)) } : p,
      ),
    };
    const svg = layoutSvg(document, place(document, familyOf(document)));
    expect(svg).toContain('>&lt;img src=x onerror=alert(1)&gt;</text>');
    expect(svg).not.toMatch(/<img/);
    expect(svg).toMatch(/fill="#f4b4b4"[^>]*\/><text[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/text><text[^>]*>\d+ LEBs, [^<]*, does not fit</);
  });

  it('escapes names: markup in a partition name stays text', () => {
    const svg = svgOf('esp32-ota', (name) => (name === 'nvs' ? '<img src=x onerror=alert(1)>' : name === 'factory' ? '"><script>alert(2)</script>' : name));
    expect(svg).toContain('>&lt;img src=x onerror=alert(1)&gt;</text>');
    expect(svg).toContain('>&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</text>');
    expect(svg).not.toMatch(/<img|<script/);
    expect(escapeXml("a&b'\u0001")).toBe('a&amp;b&apos;\\x01');
  });
});
