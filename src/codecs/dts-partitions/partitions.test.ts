/**
 * The fixed-partitions fragment against Debian's device-tree-compiler: dtc must compile our
 * fragment inside a minimal tree without a warning about it, fdtget must read back the reg cells
 * and labels we wrote, and our parser must read dtc's own re-emitted source back to the records.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { debianTool, runTool } from '../../test-support/debian';
import { FormatError } from '../errors';
import { emitFixedPartitions, parseDts, parseFixedPartitions, type DtsPartition, type FixedPartitions } from './index';

const dir = mkdtempSync(join(tmpdir(), 'dts-partitions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** Our fragment inside `/ { flash@0 { … }; };`, compiled by dtc; returns the .dtb path and dtc's warnings. */
function compile(fragment: string): { dtb: string; warnings: string } {
  const dtc = debianTool('dtc', 'device-tree-compiler');
  const source = join(dir, `t${++serial}.dts`);
  const dtb = join(dir, `t${serial}.dtb`);
  const indented = fragment.replace(/^(?=.)/gm, '\t\t');
  writeFileSync(source, `/dts-v1/;\n\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n\n\tflash@0 {\n\t\tcompatible = "jedec,spi-nor";\n\t\treg = <0x0 0x1000000>;\n\n${indented}\t};\n};\n`);
  const { stderr } = runTool(dtc, ['-I', 'dts', '-O', 'dtb', '-o', dtb, source]);
  return { dtb, warnings: stderr };
}

function fdtget(dtb: string, path: string, property: string, type: 'x' | 's'): string {
  return runTool(debianTool('fdtget', 'device-tree-compiler'), ['-t', type, dtb, path, property]).stdout.replace(/\n$/, '');
}

function fdtProperties(dtb: string, path: string): string[] {
  return runTool(debianTool('fdtget', 'device-tree-compiler'), ['-p', dtb, path]).stdout.trim().split('\n');
}

/** dtc's own DTS output for our fragment (its canonical layout: `<0x00 0x40000>`, blank lines). */
function dtcSource(fragment: string): string {
  const { dtb } = compile(fragment);
  return runTool(debianTool('dtc', 'device-tree-compiler'), ['-I', 'dtb', '-O', 'dts', dtb]).stdout;
}

/** Records without the source positions the parser adds. */
function strip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'line' || key === 'column' ? undefined : v)));
}

const nor: FixedPartitions = {
  partitions: [
    { label: 'u-boot', offset: 0, size: 0x40000, readOnly: true },
    { label: 'u-boot-env', offset: 0x40000, size: 0x10000, compatible: ['u-boot,env'] },
    { label: 'kernel', offset: 0x50000, size: 0x400000 },
    { label: 'rootfs', offset: 0x450000, size: 0xbb0000 },
  ],
};

describe('emitFixedPartitions', () => {
  it('writes the binding layout with one-cell reg values', () => {
    expect(emitFixedPartitions({ partitions: nor.partitions.slice(0, 2) })).toBe(
      [
        'partitions {',
        '\tcompatible = "fixed-partitions";',
        '\t#address-cells = <0x1>;',
        '\t#size-cells = <0x1>;',
        '',
        '\tpartition@0 {',
        '\t\tlabel = "u-boot";',
        '\t\treg = <0x0 0x40000>;',
        '\t\tread-only;',
        '\t};',
        '',
        '\tpartition@40000 {',
        '\t\tcompatible = "u-boot,env";',
        '\t\tlabel = "u-boot-env";',
        '\t\treg = <0x40000 0x10000>;',
        '\t};',
        '};',
        '',
      ].join('\n'),
    );
  });

  it('is accepted by dtc without warnings, and fdtget reads back every reg and label', () => {
    const { dtb, warnings } = compile(emitFixedPartitions(nor));
    expect(warnings).toBe('');
    expect(fdtget(dtb, '/flash@0/partitions', 'compatible', 's')).toBe('fixed-partitions');
    for (const partition of nor.partitions) {
      const path = `/flash@0/partitions/partition@${partition.offset.toString(16)}`;
      expect(fdtget(dtb, path, 'reg', 'x')).toBe(`${partition.offset.toString(16)} ${partition.size.toString(16)}`);
      expect(fdtget(dtb, path, 'label', 's')).toBe(partition.label);
    }
    expect(fdtProperties(dtb, '/flash@0/partitions/partition@0')).toEqual(['label', 'reg', 'read-only']);
  });

  it('takes two cells for offsets and sizes past 4 GiB (large NAND)', () => {
    const nand: FixedPartitions = {
      partitions: [
        { label: 'boot', offset: 0, size: 0x100000 },
        { label: 'data', offset: 0x100000, size: 0x1_0000_0000 },
        { label: 'tail', offset: 0x1_0010_0000, size: 0x20000, lock: true, slcMode: true },
      ],
    };
    const fragment = emitFixedPartitions(nand);
    expect(fragment).toContain('#address-cells = <0x2>;');
    expect(fragment).toContain('#size-cells = <0x2>;');
    const { dtb, warnings } = compile(fragment);
    expect(warnings).toBe('');
    expect(fdtget(dtb, '/flash@0/partitions/partition@100000', 'reg', 'x')).toBe('0 100000 1 0');
    expect(fdtget(dtb, '/flash@0/partitions/partition@100100000', 'reg', 'x')).toBe('1 100000 0 20000');
    expect(fdtProperties(dtb, '/flash@0/partitions/partition@100100000')).toEqual(['label', 'reg', 'lock', 'slc-mode']);
  });

  it('refuses values that do not fit the cells, bad names and labels', () => {
    const one = (partition: DtsPartition, extra: Partial<FixedPartitions> = {}) => () => emitFixedPartitions({ ...extra, partitions: [partition] });
    expect(one({ offset: 0x1_0000_0000, size: 1 }, { addressCells: 1 })).toThrow(/offset 0x100000000 needs two cells, but the node has one/);
    expect(one({ offset: -1, size: 1 })).toThrow(FormatError);
    expect(one({ offset: 2 ** 53, size: 1 })).toThrow(/2\^53 - 1/);
    expect(one({ offset: 0, size: 1, node: 'bad name' })).toThrow(/node name "bad name" is not valid/);
    expect(one({ offset: 0, size: 1, labels: ['1x'] })).toThrow(/"1x" is not a valid label/);
    expect(one({ offset: 0, size: 1, label: 'nul\0' })).toThrow(/contains a NUL/);
    expect(() => emitFixedPartitions({ compatible: ['brcm,bcm4908-partitions'], partitions: [] })).toThrow(/must include "fixed-partitions"/);
  });
});

describe('parseFixedPartitions', () => {
  it("reads dtc's own re-emitted source back to the records", () => {
    const nand: FixedPartitions = { partitions: [{ label: 'x', offset: 0x2_0000_0000, size: 0x1000, readOnly: true }] };
    for (const table of [nor, nand]) {
      const parsed = parseFixedPartitions(dtcSource(emitFixedPartitions(table)));
      expect(strip(parsed.partitions).map(({ node: _node, ...rest }) => rest)).toEqual(table.partitions);
      expect(parsed.partitions.map((p) => p.node)).toEqual(table.partitions.map((p) => `partition@${p.offset.toString(16)}`));
    }
  });

  it('reads a board file with comments, labels, a reference node, an nvmem layout and extra properties', () => {
    const board = `// SPDX-License-Identifier: GPL-2.0
&spi0 {
	status = "okay";
	flash: flash@0 {
		compatible = "jedec,spi-nor";
		reg = <0>;
		spi-max-frequency = <50000000>;

		parts: partitions {
			compatible = "fixed-partitions";
			#address-cells = <1>;
			#size-cells = <1>;

			uboot: partition@0 {
				label = "u-boot"; /* SPL + U-Boot proper */
				reg = <0x000000 0x0f0000>;
				read-only;
			};

			env: partition@f0000 {
				label = "u-boot-env";
				reg = <0x0f0000 0x010000>;
				nvmem-layout {
					compatible = "u-boot,env-layout";
				};
			};

			partition@100000 {
				label = "firmware";
				reg = <0x100000 0xf00000>;
				compatible = "denx,fit";
				linux,rootfs;
				align = <0x10000>, <0x20>;
			};
		};
	};
};
`;
    const table = strip(parseFixedPartitions(board));
    expect(table).toMatchObject({ node: 'partitions', labels: ['parts'], compatible: ['fixed-partitions'], addressCells: 1, sizeCells: 1 });
    expect(table.partitions[0]).toEqual({ node: 'partition@0', labels: ['uboot'], label: 'u-boot', offset: 0, size: 0xf0000, readOnly: true });
    expect(table.partitions[1]).toMatchObject({ label: 'u-boot-env', offset: 0xf0000, size: 0x10000, children: [{ name: 'nvmem-layout', properties: [{ name: 'compatible', value: [{ type: 'string', value: 'u-boot,env-layout' }] }], children: [] }] });
    expect(table.partitions[2]).toMatchObject({
      compatible: ['denx,fit'],
      extraProperties: [{ name: 'linux,rootfs' }, { name: 'align', value: [{ type: 'cells', cells: [0x10000] }, { type: 'cells', cells: [0x20] }] }],
    });
    // What we write for it compiles, and reads back the same.
    const again = emitFixedPartitions(table);
    expect(compile(again).warnings).toBe('');
    expect(strip(parseFixedPartitions(again))).toEqual(table);
  });

  it('reads octal and decimal cells and string escapes as dtc does', () => {
    const table = parseFixedPartitions('partitions { compatible = "fixed-partitions"; #address-cells = <1>; #size-cells = <1>; p@8 { label = "a\\tb\\x41\\101\\"q"; reg = <010 4096>; }; };');
    expect(table.partitions[0]).toMatchObject({ offset: 8, size: 4096, label: 'a\tbAA"q' });
    const { dtb } = compile(emitFixedPartitions(table));
    expect(fdtget(dtb, '/flash@0/partitions/p@8', 'label', 's')).toBe('a\tbAA"q');
  });

  it('reports problems with their line and column', () => {
    const located = (text: string, message: RegExp, line: number, column: number) => {
      try {
        parseFixedPartitions(text);
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError);
        expect((error as Error).message).toMatch(message);
        expect([(error as FormatError).line, (error as FormatError).column]).toEqual([line, column]);
        return;
      }
      throw new Error('expected a FormatError');
    };
    const head = 'partitions {\n\tcompatible = "fixed-partitions";\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n';
    located(`${head}\tpartition@0 { reg = <0x0 0x100000000>; };\n};`, /^cell value "0x100000000" does not fit in 32 bits at line 5, column 27$/, 5, 27);
    located(`${head}\tpartition@0 { reg = <0 1 2>; };\n};`, /^reg must have 2 cells \(#address-cells 1, #size-cells 1\), found 3 \(node "partition@0" at line 5\)$/, 5, 2);
    located(`${head}\tpartition@0 { label = "x" };\n};`, /^expected ";" after the property "label", found "}" at line 5, column 28$/, 5, 28);
    located(`${head}\tpartition@0 { reg = <(1 + 2) 4>; };\n};`, /^expressions in cells are not supported/, 5, 23);
    located(`${head}\tpartition@0 { label = "x; };\n};`, /^unterminated string at line 5, column 24$/, 5, 24);
    located(`${head}\t/* never closed`, /^unterminated comment/, 5, 2);
    located(`${head}\tpartition@0 { label = "x"; };\n`, /^unterminated node "partitions": expected "}"/, 6, 1);
    located('partitions {\n\tcompatible = "fixed-partitions";\n\t#size-cells = <1>;\n};', /has no #address-cells/, 1, 1);
    located('#include "board.dtsi"\n', /preprocessor directives are not supported/, 1, 1);
    located('/ { x { }; y = <1>; };', /property "y" comes after a child node/, 1, 12);
    expect(() => parseFixedPartitions('/ { };')).toThrow(/no node with compatible = "fixed-partitions"/);
    const two = `${head}};\n${head}};`;
    expect(() => parseFixedPartitions(two)).toThrow(/found 2 fixed-partitions nodes \(lines 1, 6\)/);
  });
});

describe('round trips', () => {
  const label = fc.string({ unit: 'binary', maxLength: 20 }).filter((text) => !text.includes('\0'));
  const quantity = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
  const partitionArb = fc.record(
    {
      node: fc.stringMatching(/^[a-z][a-z0-9,._+-]{0,10}(@[0-9a-f]{1,8})?$/),
      labels: fc.array(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/), { minLength: 1, maxLength: 2 }),
      label,
      offset: quantity,
      size: quantity,
      readOnly: fc.constant(true),
      lock: fc.constant(true),
      slcMode: fc.constant(true),
      compatible: fc.array(label, { minLength: 1, maxLength: 2 }),
    },
    { requiredKeys: ['node', 'offset', 'size'] },
  );
  const tableArb = fc.record({
    node: fc.constantFrom('partitions', 'partitions-boot'),
    compatible: fc.constantFrom<string[]>(['fixed-partitions'], ['vendor,parts', 'fixed-partitions']),
    addressCells: fc.constant<2>(2),
    sizeCells: fc.constant<2>(2),
    partitions: fc.array(partitionArb, { maxLength: 8 }),
  });

  it('records → DTS → records, and the text is stable', () => {
    fc.assert(
      fc.property(tableArb, (table) => {
        const text = emitFixedPartitions(table);
        const parsed = strip(parseFixedPartitions(text));
        expect(parsed).toEqual(table);
        expect(emitFixedPartitions(parsed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('dtc agrees with 20 random tables (reg cells and labels)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ offset: quantity, size: quantity, label: fc.stringMatching(/^[ -~]{0,12}$/).filter((t) => !t.includes('\\')) }), { minLength: 1, maxLength: 6 }), (parts) => {
        const unique = parts.filter((p, i) => parts.findIndex((q) => q.offset === p.offset) === i);
        const { dtb } = compile(emitFixedPartitions({ partitions: unique }));
        const two = unique.some((p) => p.offset > 0xffffffff);
        for (const p of unique) {
          const path = `/flash@0/partitions/partition@${p.offset.toString(16)}`;
          const words = fdtget(dtb, path, 'reg', 'x').split(' ').map((w) => parseInt(w, 16));
          const offsetWords = two ? words[0] * 2 ** 32 + words[1] : words[0];
          expect(offsetWords).toBe(p.offset);
          expect(fdtget(dtb, path, 'label', 's')).toBe(p.label);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('hostile inputs give only FormatError', () => {
  const tryParse = (input: string | Uint8Array) => {
    try {
      parseFixedPartitions(input);
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
    }
  };

  it('random text and bytes', () => {
    const alphabet = fc.constantFrom(...'partitions{}<>[]";=,&:/*# \n0x1fabc@-'.split(''));
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 300 }), tryParse), { numRuns: 500 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), tryParse), { numRuns: 200 });
  });

  it('every truncation and single-character change of a valid fragment', () => {
    const text = emitFixedPartitions(nor);
    for (let length = 0; length < text.length; length++) tryParse(text.slice(0, length));
    for (let at = 0; at < text.length; at++) tryParse(text.slice(0, at) + '"' + text.slice(at + 1));
  });

  it('nesting past 64 levels is refused, not a stack overflow', () => {
    const deep = 'a { '.repeat(100_000);
    expect(() => parseDts(deep)).toThrow(/nested deeper than 64 levels/);
  });

  it('a 10 MB name is cut in the message', () => {
    const error = (() => {
      try {
        parseDts(`${'n'.repeat(10_000_000)} = ;`);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect(error!.message.length).toBeLessThan(200);
  });

  it('10,000 partitions', () => {
    const partitions = Array.from({ length: 10_000 }, (_, i) => ({ node: `partition@${(i * 0x1000).toString(16)}`, label: `p${i}`, offset: i * 0x1000, size: 0x1000 }));
    const table = parseFixedPartitions(emitFixedPartitions({ partitions }));
    expect(table.partitions).toHaveLength(10_000);
    expect(strip(table.partitions[9_999])).toEqual(partitions[9_999]);
  });
});

