import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { sharedPath } from '../../test-support/shared';
import { emitEstarScript } from './emit';
import { parseEstarScript } from './parse';
import { ESTAR_FOOTER, ESTAR_HEADER, type EstarLine } from './records';

const CORPUS = ['industio-PurPle-Pi-R1', 'tdautc19841202-IPC'].flatMap((dir) =>
  readdirSync(sharedPath('corpus/sstar/scripts', dir)).map((file) => ({ name: `${dir}/${file}`, bytes: new Uint8Array(readFileSync(sharedPath('corpus/sstar/scripts', dir, file))) })),
);

// The older SDK's auto_update.txt (script_nor.mk of tdautc19841202/IPC) has neither header nor footer.
const HEADERLESS = 'tdautc19841202-IPC/auto_update.txt';

function errorOf(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('parseEstarScript on the corpus', () => {
  it('has all ten SDK scripts', () => {
    expect(CORPUS).toHaveLength(10);
  });

  for (const { name, bytes } of CORPUS) {
    it(`${name} parses and re-emits to its exact bytes`, () => {
      const lenient = name === HEADERLESS ? { requireHeader: false, requireFooter: false } : {};
      const script = parseEstarScript(bytes, lenient);
      const text = new TextDecoder().decode(bytes);
      expect(emitEstarScript(script.lines, script)).toBe(text);
      expect(script.header).toBe(name !== HEADERLESS);
      expect(script.footer).toBe(name === HEADERLESS ? false : ESTAR_FOOTER);
    });
  }

  it('reads commands, comments and blank lines with their line numbers ([[boot.es)', () => {
    // corpus/sstar/scripts/tdautc19841202-IPC/board-mscript-sf-boot.es, read line by line.
    const bytes = CORPUS.find((file) => file.name.endsWith('board-mscript-sf-boot.es'))?.bytes ?? new Uint8Array();
    const script = parseEstarScript(bytes);
    expect(script.commands.slice(0, 3)).toEqual([
      { line: 3, text: 'mxp r.info BOOT' },
      { line: 4, text: 'tftp 0x21000000 BOOT.bin' },
      { line: 5, text: 'sf probe 0' },
    ]);
    expect(script.comments).toEqual([{ line: 9, text: ' update kernel start address' }]);
    expect(script.lines.filter((line) => line.kind === 'blank').map((line) => line.line)).toEqual([2, 8, 16]);
    expect(script.commands.at(-1)).toEqual({ line: 15, text: 'saveenv' });
  });

  it('keeps the leading blank the SDK\'s `echo -e` puts before joined lines (auto_update.txt)', () => {
    const bytes = CORPUS.find((file) => file.name === 'industio-PurPle-Pi-R1/auto_update.txt')?.bytes ?? new Uint8Array();
    const { commands } = parseEstarScript(bytes);
    expect(commands.slice(0, 4).map((c) => c.text)).toEqual(['estar scripts/[[cis.es', 'estar scripts/[[set_partition.es', 'estar scripts/[[ipl.es', ' estar scripts/[[ipl_cust.es']);
    expect(commands.at(-1)).toEqual({ line: 17, text: 'reset' });
  });
});

describe('parseEstarScript errors', () => {
  it('reports a missing header on line 1, a missing footer after the last line, and content after the footer', () => {
    const missingHeader = errorOf(() => parseEstarScript('sf probe 0\n% <- this is end of file symbol\n'));
    expect([missingHeader.line, missingHeader.message]).toEqual([1, expect.stringMatching(/expected the SDK's header .* found "sf probe 0"/)]);
    const missingFooter = errorOf(() => parseEstarScript(`${ESTAR_HEADER}\nsf probe 0\n`));
    expect([missingFooter.line, missingFooter.message]).toEqual([3, expect.stringMatching(/expected the end-of-file line/)]);
    const after = errorOf(() => parseEstarScript(`${ESTAR_HEADER}\n${ESTAR_FOOTER}\nreset\n`));
    expect([after.line, after.message]).toEqual([3, expect.stringMatching(/content after the end-of-file line/)]);
    expect(() => parseEstarScript(`${ESTAR_HEADER}\n${ESTAR_FOOTER}\n\n`)).toThrow(/content after/);
  });

  it('refuses a script of 4096 bytes or more, saying how large it is', () => {
    const body = `${ESTAR_HEADER}\n${'saveenv\n'.repeat(600)}${ESTAR_FOOTER}\n`;
    const error = errorOf(() => parseEstarScript(body));
    expect(error.message).toMatch(/^the script is 4897 bytes: .* at most 4095 bytes$/);
    expect(error.offset).toBe(4095);
    const bytes = errorOf(() => parseEstarScript(new Uint8Array(10_000_000)));
    expect(bytes.message).toMatch(/^the script is 10000000 bytes/);
    expect(errorOf(() => parseEstarScript('é'.repeat(5_000_000))).message).toMatch(/^the script is 10000000 bytes/);
  });

  it('locates bad UTF-8, NUL characters, carriage returns and mixed line endings', () => {
    expect(errorOf(() => parseEstarScript(Uint8Array.of(0x23, 0xff))).offset).toBe(1);
    const nul = errorOf(() => parseEstarScript(`${ESTAR_HEADER}\nsf\0probe\n${ESTAR_FOOTER}\n`));
    expect([nul.line, nul.column]).toEqual([2, 3]);
    const cr = errorOf(() => parseEstarScript(`${ESTAR_HEADER}\nsf\rprobe\n${ESTAR_FOOTER}\n`));
    expect([cr.line, cr.column]).toEqual([2, 3]);
    const mixed = errorOf(() => parseEstarScript(`${ESTAR_HEADER}\r\nsaveenv\n${ESTAR_FOOTER}\r\n`));
    expect(mixed.line).toBe(2);
  });
});

const text = fc.string({ maxLength: 30 }).filter((s) => !/[\r\n\0]/.test(s));
const line: fc.Arbitrary<EstarLine> = fc.oneof(
  text.filter((s) => s !== '' && !s.startsWith('#') && !s.startsWith('%')).map((s) => ({ kind: 'command' as const, text: s })),
  text.map((s) => ({ kind: 'comment' as const, text: s })),
  fc.constant({ kind: 'blank' as const }),
);

describe('emitEstarScript', () => {
  it('writes the SDK layout: header, commands, footer, LF endings', () => {
    expect(emitEstarScript(['mxp t.init', 'mxp t.load'])).toBe(`${ESTAR_HEADER}\nmxp t.init\nmxp t.load\n${ESTAR_FOOTER}\n`);
    // The commands script_nor.mk's mxp_spi_nor__script echoes give the SDK's [[mxp byte for byte.
    const mxp = CORPUS.find((file) => file.name === 'tdautc19841202-IPC/mxp.es')?.bytes;
    expect(emitEstarScript(['mxp t.init', 'tftp 0x21000000 boot/MXP_SF.bin', 'mxp t.update 0x21000000', 'mxp t.load'])).toBe(new TextDecoder().decode(mxp));
  });

  it('refuses lines estar would read differently and scripts of 4096 bytes or more', () => {
    expect(() => emitEstarScript(['#x'])).toThrow(/starts with "#"/);
    expect(() => emitEstarScript(['%x'])).toThrow(/starts with "%"/);
    expect(() => emitEstarScript([''])).toThrow(/empty command/);
    expect(() => emitEstarScript(['a\nb'])).toThrow(/line break/);
    expect(() => emitEstarScript([], { footer: 'end' })).toThrow(/must start with "%"/);
    expect(() => emitEstarScript([{ kind: 'comment', text: ESTAR_HEADER.slice(1) }], { header: false })).toThrow(/read back as the header/);
    expect(() => emitEstarScript([{ kind: 'blank' }], { footer: false, trailingNewline: false })).toThrow(/blank line/);
    expect(() => emitEstarScript(Array.from({ length: 10_000 }, () => 'saveenv'))).toThrow(/^the script would be 80097 bytes/);
  });

  it('round-trips: lines -> emit -> parse gives the same lines, and emitting again is stable', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom<string | false>(ESTAR_FOOTER, '%', false),
        fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
        fc.boolean(),
        (lines, header, footer, lineEnding, trailingNewline) => {
          const options = { header, footer, lineEnding, trailingNewline };
          let emitted: string;
          try {
            emitted = emitEstarScript(lines, options);
          } catch (error) {
            // Only the rules above may refuse a generated script.
            expect((error as Error).message).toMatch(/read back as the header|blank line|would be/);
            return;
          }
          const script = parseEstarScript(emitted, { requireHeader: header, requireFooter: footer !== false });
          expect(script.lines.map(({ line: _line, ...rest }) => rest)).toEqual(lines);
          expect(script.header).toBe(header);
          expect(script.footer).toBe(footer);
          expect(emitEstarScript(script.lines, script)).toBe(emitted);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseEstarScript on hostile input', () => {
  const onlyFormatErrors = (input: string | Uint8Array) => {
    for (const options of [{}, { requireHeader: false, requireFooter: false }]) {
      try {
        parseEstarScript(input, options);
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError);
      }
    }
  };

  it('random bytes and strings (up to 5000) give a script or a FormatError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), onlyFormatErrors), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), onlyFormatErrors), { numRuns: 500 });
  });

  it('truncations and bit flips of every corpus script give a script or a FormatError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.nat(), fc.integer({ min: 0, max: 7 }), ({ bytes }, at, bit) => {
        const cut = at % (bytes.length + 1);
        onlyFormatErrors(bytes.slice(0, cut));
        const flipped = bytes.slice();
        if (cut < flipped.length) flipped[cut] ^= 1 << bit;
        onlyFormatErrors(flipped);
      }),
      { numRuns: 1000 },
    );
  });
});
