/**
 * The inspected image on the map's bars: one row per nesting level (partition → its content),
 * each region drawn with the map's drawing scale (at least 6 px each), unknown and free space too.
 */
import { useMemo } from 'react';
import { areaScale } from '../../src/editor/scale';
import { formatHex, formatHuman } from '../../src/model/units';
import type { Inspection, Region } from '../../src/inspect';

const WIDTH = 1000;
const MIN_PX = 6;

/** Colours by what a region is: tables, partitions, filesystems, boot images, space. */
const TONES: Record<string, string> = {
  table: '#a9afc2',
  partition: '#cfe0f5',
  fs: '#63c48f',
  boot: '#6aa6ea',
  env: '#c49be3',
  blob: '#f0b44c',
};
const TONE_OF: Record<string, keyof typeof TONES> = {
  mbr: 'table', gpt: 'table', 'esp32-partition-table': 'table', 'mxp-table': 'table', cis: 'table',
  'mbr-partition': 'partition', 'gpt-partition': 'partition', 'esp32-partition': 'partition', 'mxp-partition': 'partition', 'pni-partition': 'partition', 'mtd-partition': 'partition', 'ubi-volume': 'partition',
  squashfs: 'fs', jffs2: 'fs', ubi: 'fs', ubifs: 'fs', ext2: 'fs', ext3: 'fs', ext4: 'fs', vfat: 'fs',
  fit: 'boot', fdt: 'boot', uimage: 'boot', 'esp32-bootloader': 'boot', 'esp32-app': 'boot',
  'uboot-env': 'env',
  'android-sparse': 'blob', gzip: 'blob', xz: 'blob', lzma: 'blob', zstd: 'blob', elf: 'blob',
};

/** Regions by depth: row 0 the top level, row 1 their children… */
function rows(regions: readonly Region[]): Region[][] {
  const out: Region[][] = [];
  const walk = (list: readonly Region[], depth: number) => {
    if (list.length === 0) return;
    (out[depth] ??= []).push(...list);
    for (const r of list) walk(r.children, depth + 1);
  };
  walk(regions, 0);
  return out;
}

export const regionLabel = (r: Region): string => `${r.type}${r.name ? ` ${r.name}` : ''}, ${formatHex(r.offset)}–${formatHex(r.offset + r.size)}, ${formatHuman(r.size)}`;

export function RegionMap({ inspection, selected, onSelect }: { inspection: Inspection; selected: Region | null; onSelect(region: Region): void }) {
  const levels = useMemo(() => rows(inspection.regions), [inspection]);
  const scale = useMemo(() => {
    const ranges = levels.flat().map((r) => [r.offset, Math.min(inspection.size, r.offset + r.size)] as const);
    return areaScale(0, Math.max(1, inspection.size), ranges, WIDTH, MIN_PX);
  }, [levels, inspection.size]);
  return (
    <div className="inspect-map" role="group" aria-label="Image regions">
      {levels.map((level, depth) => (
        <div key={depth} className="area-bar inspect-row" data-depth={depth}>
          {level.map((r) => {
            const left = scale.toPx(r.offset);
            const right = scale.toPx(Math.min(inspection.size, r.offset + r.size));
            const tone = TONE_OF[r.type];
            const space = r.type === 'erased' || r.type === 'zero' || r.type === 'unknown';
            return (
              <button
                type="button"
                key={`${r.type}-${r.offset}-${r.size}`}
                className={`segment inspect-region ${space ? `space-${r.type}` : 'partition'}${selected === r ? ' selected' : ''}${r.warnings.length > 0 ? ' has-warning' : ''}`}
                style={{ left: `${(left / WIDTH) * 100}%`, width: `${(Math.max(MIN_PX, right - left) / WIDTH) * 100}%`, ...(tone ? { background: TONES[tone] } : {}) }}
                aria-label={regionLabel(r)}
                aria-pressed={selected === r}
                title={regionLabel(r)}
                data-type={r.type}
                onClick={() => onSelect(r)}
              >
                <span className="segment-name">{r.name ?? r.type}</span>
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}
