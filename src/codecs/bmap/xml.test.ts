/** The XML reader: what it accepts, where it says the problem is, and that it never crashes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { parseXml } from './xml';

function failure(text: string): FormatError {
  try {
    parseXml(text);
  } catch (error) {
    if (error instanceof FormatError) return error;
    throw error;
  }
  throw new Error('expected a FormatError');
}

describe('parseXml', () => {
  it('reads elements, attributes, text, entities, CDATA, comments and processing instructions', () => {
    const root = parseXml(`<?xml version="1.0" ?>\n<!-- a -->\n<bmap version='2.0'>\n  <A x="1 &amp; &#x41;&#66;"> 12 &lt; </A><?pi x?>\n  <B/><C><![CDATA[<raw>]]></C>\n</bmap>\n<!-- end -->\n`);
    expect(root.name).toBe('bmap');
    expect(root.attributes.get('version')).toMatchObject({ value: '2.0', line: 3, column: 7 });
    expect(root.children.map((c) => c.name)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = root.children;
    expect(a).toMatchObject({ text: ' 12 < ', line: 4, column: 3, textAt: { line: 4, column: 31 } });
    expect(a.attributes.get('x')?.value).toBe('1 & AB');
    expect(b.text).toBe('');
    expect(c.text).toBe('<raw>');
  });

  it('counts lines across LF, CRLF and lone CR', () => {
    expect(parseXml('<a>\r\n\r<b>\n x</b></a>').children[0]).toMatchObject({ line: 3, column: 1, textAt: { line: 4, column: 2 } });
  });

  it('reports malformed input with its line and column', () => {
    expect(failure('<a>\n  <b></c></a>')).toMatchObject({ line: 2, column: 6, message: 'expected </b> (opened at line 2), found </c> (line 2, column 6)' });
    expect(failure('<a>\n<b>')).toMatchObject({ line: 2, message: expect.stringMatching(/^element <b> opened at line 2 is not closed/) });
    expect(failure('<a x="1" x="2"/>')).toMatchObject({ column: 10, message: expect.stringMatching(/^attribute x appears twice/) });
    expect(failure('<a x=1/>')).toMatchObject({ column: 6, message: expect.stringMatching(/^expected a quoted value for the attribute x/) });
    expect(failure('<a>&nbsp;</a>')).toMatchObject({ column: 4, message: expect.stringMatching(/^unknown or invalid entity reference "&nbsp;"/) });
    expect(failure('<a>&#0;</a>').message).toMatch(/^unknown or invalid entity reference "&#0;"/);
    expect(failure('<a>a & b</a>').message).toMatch(/^expected an entity reference such as &amp;/);
    expect(failure('<a><!-- x -- y --></a>').message).toMatch(/^'--' is not allowed inside a comment/);
    expect(failure('<!DOCTYPE a [<!ENTITY x "y">]><a/>').message).toMatch(/^document type declarations are not allowed/);
    expect(failure('<a/><b/>').message).toMatch(/^a document has one root element/);
    expect(failure('<a/>text').message).toMatch(/^nothing but comments may follow the root element/);
    expect(failure('  ').message).toMatch(/^the file holds no XML element/);
    expect(failure('<a>\u0001</a>')).toMatchObject({ column: 4, message: expect.stringMatching(/^character U\+0001 is not allowed in XML/) });
    expect(failure('<a><!-- open').message).toMatch(/^comment is not closed: expected "-->"/);
  });

  it('refuses nesting deeper than 32 elements, even 10,000 deep, without recursion', () => {
    expect(parseXml('<a>'.repeat(32) + '</a>'.repeat(32)).name).toBe('a');
    expect(failure('<a>'.repeat(10_000)).message).toMatch(/^elements are nested more than 32 deep \(line 1, column 97\)/);
  });

  it('cuts quoted input at 40 characters, so a 1 MB name gives a short message', () => {
    const message = failure(`<a>&${'x'.repeat(1_000_000)};</a>`).message;
    expect(message.length).toBeLessThan(120);
  });

  it('gives only FormatErrors for random text and mutations of a real document (1,000 cases)', () => {
    const sample = '<?xml version="1.0" ?>\n<bmap version="2.0">\n <Range chksum="ab"> 0-4 </Range>\n <!-- c -->\n</bmap>\n';
    const mutated = fc.tuple(fc.nat({ max: sample.length }), fc.nat({ max: sample.length }), fc.string({ maxLength: 8 })).map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(Math.max(at, cut)));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200, unit: fc.constantFrom(...'<>/!?-[]&;#x="\' abc\n'.split('')) }), mutated), (text) => {
        try {
          parseXml(text);
        } catch (error) {
          if (!(error instanceof FormatError)) throw error;
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
