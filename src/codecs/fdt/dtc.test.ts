/**
 * Device tree blobs made by dtc (Debian device-tree-compiler 1.6.1), read back and compared with
 * what fdtdump and fdtget say about the same blob.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { readFdt, type FdtNode } from './tree';
import { walkFdt } from './walk';

const dtc = debianTool('dtc', 'device-tree-compiler');
const fdtdump = debianTool('fdtdump', 'device-tree-compiler');
const fdtget = debianTool('fdtget', 'device-tree-compiler');
const dir = mkdtempSync(join(tmpdir(), 'flashmap-fdt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = `/dts-v1/;
/memreserve/ 0x10000000 0x4000;
/memreserve/ 0x1ffffffff0000000 0x100;
/ {
	model = "Demo Board";
	compatible = "demo,board", "demo,soc";
	#address-cells = <1>;
	#size-cells = <1>;
	flag;
	bytes = [01 02 03];
	wide = /bits/ 64 <0x123456789abcdef0>;
	chosen { bootargs = "console=ttyS0,115200 root=/dev/mmcblk0p2"; };
	memory@80000000 { device_type = "memory"; reg = <0x80000000 0x10000000>; };
	soc {
		#address-cells = <1>;
		#size-cells = <1>;
		ranges;
		uart@1000 { compatible = "ns16550a"; reg = <0x1000 0x100>; status = "okay"; };
		gpio@2000 { reg = <0x2000 0x100>; gpio-controller; #gpio-cells = <2>; label = "gpio"; };
	};
};
`;

function compile(name: string, version: 16 | 17): { path: string; bytes: Uint8Array } {
  const source = join(dir, `${name}.dts`);
  const path = join(dir, `${name}.dtb`);
  writeFileSync(source, SOURCE);
  runTool(dtc, ['-q', '-V', String(version), '-I', 'dts', '-O', 'dtb', '-o', path, source]);
  return { path, bytes: new Uint8Array(readFileSync(path)) };
}

/** fdtdump's "// field: value" header lines and its /memreserve/ lines. */
function dumped(path: string): { fields: Record<string, number>; reserves: Array<[bigint, bigint]> } {
  const { stdout } = runTool(fdtdump, [path]);
  const fields = Object.fromEntries(
    [...stdout.matchAll(/^\/\/ (\w+):\s+(0x[0-9a-f]+|\d+)/gm)].map((m) => [m[1], Number(m[2])]),
  );
  const reserves = [...stdout.matchAll(/^\/memreserve\/ (0x[0-9a-f]+) (0x[0-9a-f]+);/gm)].map((m) => [BigInt(m[1]), BigInt(m[2])] as [bigint, bigint]);
  return { fields, reserves };
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/** Every node with its path, depth first. */
function nodes(node: FdtNode, path = '/'): Array<[string, FdtNode]> {
  return [[path, node], ...node.children.flatMap((child) => nodes(child, `${path === '/' ? '' : path}/${child.name}`))];
}

describe('blobs made by dtc', () => {
  for (const version of [17, 16] as const) {
    it(`version ${version}: the header and memory reservations are what fdtdump prints`, () => {
      const { path, bytes } = compile(`v${version}`, version);
      const { header, reservations } = readFdt(bytes);
      const { fields, reserves } = dumped(path);
      expect(header).toMatchObject({
        magic: fields.magic,
        totalsize: fields.totalsize,
        offDtStruct: fields.off_dt_struct,
        offDtStrings: fields.off_dt_strings,
        offMemRsvmap: fields.off_mem_rsvmap,
        version: fields.version,
        lastCompVersion: fields.last_comp_version,
        bootCpuidPhys: fields.boot_cpuid_phys,
        sizeDtStrings: fields.size_dt_strings,
      });
      if (version === 17) expect(header.sizeDtStruct).toBe(fields.size_dt_struct);
      expect(reservations.map((r) => [r.address, r.size])).toEqual(reserves);
    });

    it(`version ${version}: every node, subnode, property and value is what fdtget reads`, () => {
      const { path, bytes } = compile(`v${version}`, version);
      const { root } = readFdt(bytes);
      const all = nodes(root);
      expect(all.map(([p]) => p)).toEqual(['/', '/chosen', '/memory@80000000', '/soc', '/soc/uart@1000', '/soc/gpio@2000']);
      for (const [nodePath, node] of all) {
        expect(node.children.map((c) => c.name)).toEqual(lines(runTool(fdtget, ['-l', path, nodePath]).stdout));
        expect(node.properties.map((p) => p.name)).toEqual(lines(runTool(fdtget, ['-p', path, nodePath]).stdout));
        for (const prop of node.properties) {
          const shown = runTool(fdtget, ['-t', 'bx', path, nodePath, prop.name]).stdout.trim();
          expect([...prop.value], `${nodePath} ${prop.name}`).toEqual(shown === '' ? [] : shown.split(/\s+/).map((b) => parseInt(b, 16)));
        }
      }
    });
  }

  it('walks the blob as a flat list of balanced tokens with depths', () => {
    const { bytes } = compile('walk', 17);
    const { header } = readFdt(bytes);
    const tokens = [...walkFdt(bytes, header)];
    expect(tokens.filter((t) => t.kind === 'begin').length).toBe(6);
    expect(tokens.filter((t) => t.kind === 'end').length).toBe(6);
    expect(Math.max(...tokens.map((t) => t.depth))).toBe(3);
    expect(tokens[0]).toMatchObject({ kind: 'begin', name: '', depth: 1, offset: header.offDtStruct });
  });
});
