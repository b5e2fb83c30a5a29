/**
 * The evaluator against GNU make itself (Debian's make, with bash as the SDK requires for
 * `$[...]`): each makefile is included by a wrapper laid out like the SDK's
 * project/image/makefile (defines as `:=` lines before it, multiplyhex defined after it), which
 * prints every variable make defined from a file. Where make stops with an error, the evaluator
 * must throw a FormatError.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { debianTool, runTool } from '../../test-support/debian';
import { sharedPath } from '../../test-support/shared';
import { ALKAID_SUFFIXES, configModel, readPartitionConfig } from './index';
import { evaluateMake } from './evaluate';
import { writePartitionConfig, type ConfigModelImage, type PartitionConfigModel } from './write';
import { IMAGE_FIELDS } from './config';

const MAKE = debianTool('make', 'make');
const BASH = debianTool('bash', 'bash');
const ENV = debianTool('env', 'coreutils');
const SEPARATOR = '\x1f';
const WRAPPER_VARIABLES = new Set(['MAKEFLAGS', 'CURDIR', 'MAKEFILE_LIST', 'SHELL', 'multiplyhex', '.DEFAULT_GOAL']);
const workDir = mkdtempSync(join(tmpdir(), 'flashmap-make-'));
let runs = 0;

type MakeResult = { ok: true; variables: Map<string, { flavor: string; value: string }> } | { ok: false; stderr: string };

const escapeDefine = (value: string) => value.replace(/\$/g, '$$$$').replace(/#/g, '\\#');

function gnuMake(config: string, defines: Record<string, string> = {}): MakeResult {
  const dir = join(workDir, String(runs++));
  const wrapper = `${dir}.mk`;
  writeFileSync(`${dir}.config`, config);
  writeFileSync(
    wrapper,
    [
      `SHELL := ${BASH}`,
      ...Object.entries(defines).map(([name, value]) => `${name} := ${escapeDefine(value)}`),
      `include ${dir}.config`,
      'define multiplyhex',
      '$(shell printf "0x%x" $(shell echo $$[$(1)*$(2)]))',
      'endef',
      `$(foreach v,$(.VARIABLES),$(if $(filter file,$(origin $(v))),$(info $(v)${SEPARATOR}$(flavor $(v))${SEPARATOR}$($(v)))))`,
      'all: ;',
      '',
    ].join('\n'),
  );
  try {
    const { stdout } = runTool(ENV, ['-i', 'PATH=/usr/bin:/bin', MAKE, '-s', '-f', wrapper]);
    const variables = new Map<string, { flavor: string; value: string }>();
    for (const line of stdout.split('\n')) {
      const [name, flavor, ...rest] = line.split(SEPARATOR);
      if (rest.length === 0 || WRAPPER_VARIABLES.has(name)) continue;
      variables.set(name, { flavor, value: rest.join(SEPARATOR) });
    }
    return { ok: true, variables };
  } catch (error) {
    return { ok: false, stderr: (error as Error).message };
  }
}

type OursResult = { ok: true; variables: Map<string, { flavor: string; value: string }> } | { ok: false; error: FormatError };

function ours(config: string, defines: Record<string, string> = {}): OursResult {
  try {
    const evaluation = evaluateMake(config, { defines });
    return { ok: true, variables: new Map([...evaluation.variables].map(([name, v]) => [name, { flavor: v.flavor, value: v.value }])) };
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, error };
    throw error;
  }
}

function agree(config: string, defines: Record<string, string> = {}): void {
  const reference = gnuMake(config, defines);
  const result = ours(config, defines);
  if (reference.ok) {
    expect(result.ok ? result.variables : result.error.message, config).toEqual(reference.variables);
  } else {
    expect(result.ok, `make failed (${reference.stderr.trim()}) but the evaluator did not:\n${config}`).toBe(false);
  }
}

const CONFIGS = readdirSync(sharedPath('corpus/sstar/configs'));

describe('the six corpus configs, evaluated by GNU make and by the evaluator', () => {
  it('has the six configs', () => {
    expect(CONFIGS).toHaveLength(6);
  });

  for (const name of CONFIGS) {
    const text = readFileSync(sharedPath('corpus/sstar/configs', name), 'utf8');
    // FLASH_SIZE decides the only conditional (i6b0 NOR): both branches, and the undefined case.
    for (const flash of [undefined, '16M', '8M']) {
      it(`${name}${flash === undefined ? '' : ` with FLASH_SIZE=${flash}`}`, () => {
        const defines = { ...ALKAID_SUFFIXES, ...(flash === undefined ? {} : { FLASH_SIZE: flash }) };
        const reference = gnuMake(text, defines);
        expect(reference.ok).toBe(true);
        agree(text, defines);
      });
    }
  }
});

describe('make semantics, checked snippet by snippet against GNU make', () => {
  const snippets: Record<string, string> = {
    'trailing blanks are kept, leading ones dropped': 'A =   b   \nB=c\n',
    comments: 'A = x # c\nB = $(X a#b)\nC = q\\#r\nD = p\\\\#r\nE = s\\\\\\#t\n# whole line\n  # indented\n',
    'a # inside a reference or after $': 'A = $(B # c)\nB = 1\nC = $$(#x)\nD = x$#y\n',
    continuations: 'A = lead \\\n    cont   \\\n  end\nB = a\\\\\nC = d\\\\\\\nE = e\n# comment \\\nF = 1\nG = x \\\n   \\\n  y\nH = tail \\\n',
    'continuation at the very end without a line break': 'A = 1 \\',
    'CR LF line endings': 'A = 1\r\nB = $(A)2\r\n',
    'recursive and simple flavours': 'X = $(Y)\nY = 1\nZ := $(Y)\nY = 2\n',
    'appending nothing': 'A = x\nA +=\nB := y\nB += \nC = z\nC += $(EMPTY)\nD := w\nD += $(EMPTY)\n',
    appends: 'A += 1\nB := 2\nB += $(A)\nA += 3\nC ?= 4\nC ?= 5\nD =\nD +=\nE :=\nE += e\nF = $(G)\nF += x\nG = g\n',
    'computed names': 'SFX = _s\nipl$(SFX) = 7\nX = ipl\nY = $($(X)$(SFX))\nZ = ${X}\nW = $X$$\n',
    'references with odd brackets': 'X = 1\nA = $(X)) $(X() $()z $( X )\nB = $\n',
    'multiplyhex as the SDK defines it': 'N = 3\nA = $(call multiplyhex, $(N), 0x20000)\nB = $(call multiplyhex,010,2)\nC = $(call multiplyhex, 0X1f ,1,9)\n',
    'ifeq forms': 'ifeq ( a,a)\nR1=1\nelse\nR1=0\nendif\nifeq (a ,a)\nR2=1\nendif\nifeq (a, a )\nR3=1\nelse\nR3=0\nendif\nifeq "a" \'a\'\nR4=1\nendif\nifeq "a""a"\nR5=1\nendif\nifneq ((a),(a))\nR6=1\nelse\nR6=0\nendif\nifeq (a,b,c)\nR7=1\nelse\nR7=0\nendif\n',
    'else ifeq chains and nesting': 'X=2\nifeq ($(X),1)\nR=1\nelse ifeq ($(X),2)\nR=2\nifneq ($(X),2)\nS=1\nelse\nS=2\nendif\nelse ifeq ($(X),2)\nR=3\nelse\nR=4\nendif\n',
    'ignored branches skip everything but conditionals': 'ifeq (a,b)\nthis is not make\ninclude nothing\nifeq ($(info x),)\nA=1\nelse\nA=2\nendif\nelse\nA=3\nendif\n',
    'ifdef and ifndef': 'ifdef X\nA=1\nelse\nA=0\nendif\nX=\nifdef X\nB=1\nendif\nX=$(Y)\nifdef X\nC=1\nendif\nifndef Q\nD=1\nendif\nN=X\nifdef $(N)\nE=1\nendif\n',
    'tab-indented lines before any rule': '\tA = 1\n \tifeq (1,1)\n\tB = 2\n\tendif\n',
    'variables named like directives': 'ifeq = 1\ninclude= 2\n',
  };
  for (const [title, snippet] of Object.entries(snippets)) {
    it(title, () => {
      expect(gnuMake(snippet).ok).toBe(true);
      agree(snippet);
    });
  }

  const errors: Record<string, [string, number, number, RegExp]> = {
    'unterminated reference': ['A = 1\nB = $(A\n', 2, 5, /unterminated variable reference/],
    'unterminated reference in :=': ['A := x$(B\n', 1, 7, /unterminated variable reference/],
    'unterminated call': ['A = $(call multiplyhex,1,2\n', 1, 5, /unterminated call/],
    'ifeq without endif (the line of the ifeq)': ['A = 1\nifeq ($(A),1)\nB = 2\n', 2, 1, /missing 'endif'/],
    'extraneous endif': ['A = 1\nendif\n', 2, 1, /extraneous 'endif'/],
    'extraneous else': ['else\n', 1, 1, /extraneous 'else'/],
    'two elses': ['ifeq (a,a)\nelse\nelse\nendif\n', 3, 1, /only one 'else'/],
    'ifeq without arguments': ['ifeq\nendif\n', 1, 5, /invalid syntax in conditional/],
    'ifeq with unbalanced parentheses': ['ifeq (a,(a)\nendif\n', 1, 6, /invalid syntax in conditional/],
    'ifeq( without a blank': ['ifeq(a,a)\nendif\n', 1, 1, /expected a variable assignment/],
    'self-referencing variable': ['A = x\nB = $(C)\nC = $(B)\n', 3, 5, /recursive variable "B" references itself/],
    'self-appending recursive variable': ['A = 1\nA += $(A)\n', 2, 6, /recursive variable "A" references itself/],
    'empty variable name': ['$(X) = 1\n', 1, 1, /empty variable name/],
    'names with blanks': ['A B = c\n', 1, 1, /make would read it as a rule/],
    'ifdef with two words': ['ifdef A B\nendif\n', 1, 7, /ifdef takes one variable name/],
  };
  for (const [title, [snippet, line, column, message]] of Object.entries(errors)) {
    it(`${title}: make stops, and so does the evaluator, at line ${line} column ${column}`, () => {
      expect(gnuMake(snippet).ok).toBe(false);
      const result = ours(snippet);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect([result.error.line, result.error.column]).toEqual([line, column]);
        expect(result.error.message).toMatch(message);
      }
    });
  }
});

describe('constructs make accepts but a partition.config never needs: refused with their place', () => {
  const refused: Record<string, [string, number, number, RegExp]> = {
    'a rule and its recipe': ['all:\n\techo\n', 1, 1, /make would read it as a rule/],
    'another function': ['A = $(shell echo 1)\n', 1, 5, /the make function "shell" is not supported/],
    'a user function': ['f = <$(1)>\nA = $(call f,x)\n', 2, 5, /defines only multiplyhex/],
    'multiplyhex in a := assignment (the SDK defines it later: make would give "")': ['A := $(call multiplyhex,2,3)\n', 1, 6, /before the SDK defines multiplyhex/],
    'multiplyhex in a condition': ['ifeq ($(call multiplyhex,2,3),0x6)\nendif\n', 1, 7, /before the SDK defines multiplyhex/],
    'define': ['define X\n1\nendef\n', 1, 1, /"define" is not supported/],
    'export': ['export A = 1\n', 1, 1, /"export" is not supported/],
    'include': ['-include other.mk\n', 1, 1, /"-include" directive is not supported/],
    'a substitution reference': ['A = $(B:a=b)\n', 1, 5, /substitution references/],
    'a shell assignment': ['A != echo 1\n', 1, 3, /shell assignments/],
    'text after endif (make only warns)': ['ifeq (a,a)\nendif x\n', 2, 7, /extraneous text after "endif"/],
    'text after ifeq (make only warns)': ['ifeq (a,a) x\nendif\n', 1, 12, /extraneous text after the conditional/],
    'a multiplyhex argument bash cannot read (make would give 0x0)': ['A = $(call multiplyhex,08,2)\n', 1, 5, /leading 0 is octal/],
  };
  for (const [title, [snippet, line, column, message]] of Object.entries(refused)) {
    it(title, () => {
      expect(gnuMake(snippet).ok).toBe(true);
      const result = ours(snippet);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect([result.error.line, result.error.column]).toEqual([line, column]);
        expect(result.error.message).toMatch(message);
      }
    });
  }
});

/** Small makefiles in the subset: assignments, conditionals, continuations and comments. */
const NAMES = ['A', 'B', 'C', 'D'];
const word = fc.stringMatching(/^[a-z0-9.,:=@%/()-]{1,6}$/).filter((text) => !/[()]/.test(text) || /^[^()]*\([^()]*\)[^()]*$/.test(text));
const name = fc.constantFrom(...NAMES);
const reference = fc.oneof(
  name.map((n) => `$(${n})`),
  name.map((n) => `\${${n}}`),
  name.map((n) => `$${n}`),
  name.map((n) => `$(${n}$(SFX))`),
  fc.constant('$(SFX)'),
);
const atom = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 3, arbitrary: reference },
  { weight: 2, arbitrary: fc.constantFrom(' ', '  ', '\t') },
  { weight: 1, arbitrary: fc.constantFrom('$$', '\\#', '\\\\#x', ' # comment', '\\', '\\\\', ' \\\n   ', '\\\\\\\n\t') },
);
// A value ending in an odd number of backslashes would continue into the next statement.
const value = fc.array(atom, { maxLength: 6 }).map((atoms) => atoms.join('')).map((text) => ((/\\*$/.exec(text)?.[0].length ?? 0) % 2 === 1 ? `${text}z` : text));
const conditionText = fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9]{1,3}$/), reference, fc.constant(' ')), { maxLength: 3 }).map((atoms) => atoms.join(''));
const assignment = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: name }, { weight: 1, arbitrary: name.map((n) => `${n}$(SFX)`) }),
    fc.constantFrom('=', ':=', '::=', '+=', '?=', ' = ', ' := ', ' += ', ' ?= '),
    value,
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([lhs, operator, text, indent]) => `${indent}${lhs}${operator}${text}`);
const multiply = fc
  .tuple(fc.constantFrom('P', 'Q'), fc.constantFrom('3', '0x20000', '010', ' 2 ', '$(N)', '0X1F'), fc.constantFrom('1', '0x40000', '$(N)', '07'))
  .map(([target, a, b]) => `${target} = $(call multiplyhex,${a},${b})`);
const test = fc.oneof(
  fc.tuple(fc.constantFrom('ifeq', 'ifneq'), conditionText, conditionText).map(([directive, a, b]) => `${directive} (${a},${b})`),
  fc.tuple(fc.constantFrom('ifeq', 'ifneq'), conditionText, conditionText).map(([directive, a, b]) => `${directive} "${a}" '${b}'`),
  fc.tuple(fc.constantFrom('ifdef', 'ifndef'), fc.oneof(name, name.map((n) => `$(${n})`))).map(([directive, n]) => `${directive} ${n}`),
);
type Block = string[];
const { block } = fc.letrec<{ block: Block; statement: Block }>((tie) => ({
  statement: fc.oneof(
    { weight: 5, arbitrary: assignment.map((line) => [line]) },
    { weight: 1, arbitrary: multiply.map((line) => [line]) },
    { weight: 1, arbitrary: fc.constantFrom('', '# a comment', '   ').map((line) => [line]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(test, tie('block'), fc.option(fc.tuple(fc.option(test, { nil: undefined }), tie('block')), { nil: undefined }))
        .map(([condition, body, otherwise]) => [
          condition,
          ...body,
          ...(otherwise ? [otherwise[0] === undefined ? 'else' : `else ${otherwise[0]}`, ...otherwise[1]] : []),
          'endif',
        ]),
    },
  ),
  block: fc.array(tie('statement'), { maxLength: 4 }).map((statements) => statements.flat()),
}));

describe('random makefiles in the subset: the evaluator agrees with GNU make', () => {
  it('gives the same variables, or fails where make fails', () => {
    fc.assert(
      fc.property(block, fc.constantFrom('', '\n'), fc.constantFrom('\n', '\r\n'), (lines, end, eol) => {
        agree(`N = 3${eol}${lines.join(eol)}${end}`, { SFX: '_s', B: 'b$$' });
      }),
      { numRuns: 250 },
    );
  });
});

describe('the writer, read back by GNU make', () => {
  it('writes the i6b0 NOR config so that make sees the same values as in the vendor file', () => {
    const text = readFileSync(sharedPath('corpus/sstar/configs/tdautc19841202-IPC_i6b0_nor.squashfs.partition.config'), 'utf8');
    const model: PartitionConfigModel = configModel(readPartitionConfig(text, { FLASH_SIZE: '16M' }));
    const written = writePartitionConfig(model);
    const reference = gnuMake(text, { ...ALKAID_SUFFIXES, FLASH_SIZE: '16M' });
    const rewritten = gnuMake(written, { ...ALKAID_SUFFIXES, FLASH_SIZE: '16M' });
    expect(reference.ok && rewritten.ok).toBe(true);
    if (reference.ok && rewritten.ok) {
      const values = (result: typeof reference) => Object.fromEntries([...result.variables].map(([n, v]) => [n, v.value]));
      expect(values(rewritten)).toEqual(values(reference));
    }
  });
});


/** Models whose values are arbitrary text: `$`, `#`, backslashes, brackets, quotes... */
const text = fc
  .string({ unit: fc.constantFrom(...'ab $#\\(){}:=,"\'%;*@x0'.split('')), maxLength: 14 })
  .filter((t) => !/^[ \t]/.test(t) && (/\\*$/.exec(t)?.[0].length ?? 0) % 2 === 0);
const writerModel: fc.Arbitrary<PartitionConfigModel> = fc
  .tuple(
    fc.shuffledSubarray(['cis', 'ipl', 'kernel', 'key_cust', 'mxp'], { minLength: 1 }),
    fc.array(fc.dictionary(fc.constantFrom(...IMAGE_FIELDS.filter((f) => f !== 'BOOTCMD')), text, { minKeys: 1, maxKeys: 4 }), { minLength: 5, maxLength: 5 }),
    fc.option(text, { nil: undefined }),
    fc.array(text, { maxLength: 2 }),
  )
  .map(([names, fieldSets, flashType, others]) => ({
    globals: { IMAGE_LIST: names.slice(0, -1).join(' '), ...(flashType === undefined ? {} : { FLASH_TYPE: flashType }), TFTPDOWNLOADADDR: others[0] ?? '0x21000000' },
    images: names.map((name, i): ConfigModelImage => ({ name, fields: { ...fieldSets[i], ...(i === 0 ? { BOOTCMD: others[1] ?? 'sf read' } : {}) } })),
    others: others.map((value, i) => ({ name: `other${i}`, value })),
  }));

describe('the writer, read back by GNU make: every value escaped so make sees exactly the model', () => {
  it('random models with arbitrary text', () => {
    fc.assert(
      fc.property(writerModel, (model) => {
        const reference = gnuMake(writePartitionConfig(model), ALKAID_SUFFIXES);
        expect(reference.ok).toBe(true);
        if (!reference.ok) return;
        const expected = new Map<string, string>(Object.entries(ALKAID_SUFFIXES));
        for (const [name, value] of Object.entries(model.globals)) expected.set(name, value);
        for (const image of model.images) {
          for (const [field, value] of Object.entries(image.fields)) expected.set(image.name + (ALKAID_SUFFIXES[field] ?? ''), value);
        }
        for (const other of model.others) expected.set(other.name, other.value);
        expect(new Map([...reference.variables].map(([name, v]) => [name, v.value]))).toEqual(expected);
      }),
      { numRuns: 120 },
    );
  });
});
