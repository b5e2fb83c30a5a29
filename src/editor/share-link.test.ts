import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets';
import { FILESYSTEMS, PARTITION_KINDS, type LayoutDocument } from '../model/document';
import { MAX_BYTES } from '../model/units';
import { decodeLayout, encodeLayout, fromBase64Url, layoutParam, MAX_INFLATED_BYTES, shareFragment, toBase64Url } from './share-link';

function messageOf(result: ReturnType<typeof decodeLayout>): string {
  if (result.ok) throw new Error('expected the link to be rejected');
  return result.errors.map((e) => e.message).join('; ');
}

/** A payload made with Node's own zlib and base64url, independent of the code under test. */
function nodePayload(json: string): string {
  return deflateRawSync(Buffer.from(json, 'utf8')).toString('base64url');
}

describe('base64url', () => {
  it('matches Node for every length from 0 to 64 bytes and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        const back = fromBase64Url(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('accepts padding and rejects characters outside the alphabet with their position', () => {
    const padded = fromBase64Url('aGk=');
    expect(padded.ok && new TextDecoder().decode(padded.bytes)).toBe('hi');
    expect(fromBase64Url('ab+d')).toEqual({ ok: false, error: expect.stringContaining('"+" at position 3') });
    expect(fromBase64Url('abcde')).toEqual({ ok: false, error: expect.stringContaining('cut short') });
  });
});

describe('share links', () => {
  it.each(PRESETS.map((p) => [p.id, p]))('preset %s round-trips through a link', (_id, preset) => {
    const document = preset.build();
    const payload = encodeLayout(document);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLayout(payload)).toEqual({ ok: true, document });
  });

  it('carries deflate-raw compressed JSON that standard zlib reads', () => {
    const document = PRESETS[0].build();
    const json = inflateRawSync(Buffer.from(encodeLayout(document), 'base64url')).toString('utf8');
    expect(JSON.parse(json)).toEqual(document);
  });

  it('reads links made by another deflate implementation', () => {
    const document = PRESETS[3].build();
    expect(decodeLayout(nodePayload(JSON.stringify(document, null, 2)))).toEqual({ ok: true, document });
  });

  it('finds the payload in a URL fragment beside other parameters, and builds the fragment', () => {
    expect(layoutParam('#layout=abc')).toBe('abc');
    expect(layoutParam('#view=map&layout=abc&x=1')).toBe('abc');
    expect(layoutParam('#other=1')).toBeNull();
    expect(layoutParam('')).toBeNull();
    const document = PRESETS[1].build();
    expect(decodeLayout(layoutParam(shareFragment(document))!)).toEqual({ ok: true, document });
  });

  it('tolerates a link wrapped over several lines', () => {
    const document = PRESETS[2].build();
    const payload = encodeLayout(document);
    const wrapped = payload.replace(/(.{40})/g, '$1\n  ');
    expect(decodeLayout(wrapped)).toEqual({ ok: true, document });
  });

  it('round-trips random edits of the presets (names in any script, sizes up to 2^53 - 1)', () => {
    const edit = fc.oneof(
      fc.record({ op: fc.constant('name' as const), value: fc.string({ unit: 'binary', maxLength: 40 }) }),
      fc.record({ op: fc.constant('size' as const), index: fc.nat(), value: fc.oneof(fc.integer({ min: 0, max: MAX_BYTES }), fc.constant('rest' as const)) }),
      fc.record({ op: fc.constant('offset' as const), index: fc.nat(), value: fc.oneof(fc.integer({ min: 0, max: MAX_BYTES }), fc.constant('auto' as const)) }),
      fc.record({ op: fc.constant('kind' as const), index: fc.nat(), value: fc.constantFrom(...PARTITION_KINDS), fs: fc.option(fc.constantFrom(...FILESYSTEMS), { nil: undefined }) }),
      fc.record({ op: fc.constant('describe' as const), index: fc.nat(), value: fc.string({ unit: 'grapheme', maxLength: 200 }) }),
      fc.record({ op: fc.constant('remove' as const), index: fc.nat() }),
      fc.record({ op: fc.constant('copies' as const), index: fc.nat(), count: fc.integer({ min: 1, max: 64 }), spareBlocks: fc.integer({ min: 0, max: 4096 }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...PRESETS), fc.array(edit, { maxLength: 12 }), (preset, edits) => {
        const document: LayoutDocument = preset.build();
        for (const change of edits) {
          if (change.op === 'name') {
            document.name = change.value;
            continue;
          }
          if (document.partitions.length === 0) continue;
          const index = change.index % document.partitions.length;
          const partition = document.partitions[index];
          if (change.op === 'size') partition.size = change.value;
          else if (change.op === 'offset') partition.offset = change.value;
          else if (change.op === 'kind') {
            partition.kind = change.value;
            if (change.fs) partition.fs = change.fs;
          } else if (change.op === 'describe') partition.description = change.value;
          else if (change.op === 'copies') partition.copies = { count: change.count, spareBlocks: change.spareBlocks };
          else document.partitions.splice(index, 1);
        }
        expect(decodeLayout(encodeLayout(document))).toEqual({ ok: true, document });
      }),
      { numRuns: 200 },
    );
  });
});

describe('bad links are rejected with a message and never throw', () => {
  it('says so for an empty link, foreign characters and a truncated link', () => {
    expect(messageOf(decodeLayout(''))).toMatch(/no layout/);
    expect(messageOf(decodeLayout('abc$def'))).toMatch(/"\$" at position 4/);
    const payload = encodeLayout(PRESETS[0].build());
    const cut = payload.slice(0, Math.floor(payload.length / 2));
    expect(messageOf(decodeLayout(cut))).toMatch(/cut short|damaged/);
  });

  it('names the schema problem of a well-formed link with a wrong document', () => {
    const document = { ...PRESETS[0].build(), version: 7 };
    const result = decodeLayout(nodePayload(JSON.stringify(document)));
    expect(result).toEqual({ ok: false, errors: [{ path: 'version', message: 'version must be 1' }] });
    expect(messageOf(decodeLayout(nodePayload('{"format": flashmap}')))).toMatch(/not valid JSON/);
    expect(messageOf(decodeLayout(deflateRawSync(Buffer.from([0xff, 0xfe, 0x7b])).toString('base64url')))).toMatch(/not UTF-8/);
  });

  it('stops inflating at the size cap (a crafted link cannot exhaust memory)', () => {
    // 64 MiB of zeros compresses to about 64 KiB: a classic deflate bomb.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024)).toString('base64url');
    expect(messageOf(decodeLayout(bomb))).toMatch(/larger than 8 MiB/);
    // A real document just over the cap is refused too, one just under it is read.
    const over = { ...PRESETS[0].build(), name: 'x'.repeat(MAX_INFLATED_BYTES) };
    expect(messageOf(decodeLayout(encodeLayout(over)))).toMatch(/larger than 8 MiB/);
    const under = { ...PRESETS[0].build(), name: 'x'.repeat(MAX_INFLATED_BYTES - 4096) };
    expect(decodeLayout(encodeLayout(under))).toEqual({ ok: true, document: under });
  });

  it('never throws on random text, random bytes or damaged real links', () => {
    const payloads = PRESETS.map((p) => encodeLayout(p.build()));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes).toString('base64url')),
          fc
            .record({ which: fc.nat(), at: fc.nat(), char: fc.constantFrom(...'Aa0_-Zz9'), cut: fc.boolean() })
            .map(({ which, at, char, cut }) => {
              const payload = payloads[which % payloads.length];
              const position = at % payload.length;
              return cut ? payload.slice(0, position) : payload.slice(0, position) + char + payload.slice(position + 1);
            }),
        ),
        (text) => {
          const result = decodeLayout(text);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const error of result.errors) expect(error.message).not.toBe('');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
