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

  it('escapes names: markup in a partition name stays text', () => {
    const svg = svgOf('esp32-ota', (name) => (name === 'nvs' ? '<img src=x onerror=alert(1)>' : name === 'factory' ? '"><script>alert(2)</script>' : name));
    expect(svg).toContain('>&lt;img src=x onerror=alert(1)&gt;</text>');
    expect(svg).toContain('>&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</text>');
    expect(svg).not.toMatch(/<img|<script/);
    expect(escapeXml("a&b'\u0001")).toBe('a&amp;b&apos;\\x01');
  });
});
