/**
 * A small, strict XML reader for bmap files: elements, attributes, character data with the
 * predefined and numeric entities, CDATA, comments and processing instructions. Document type
 * declarations are refused (a bmap has none, and they are how XML parsers get attacked). Every
 * error carries the 1-based line and column; work is linear in the text.
 */
import { FormatError } from '../errors';

export interface XmlLocation {
  line: number;
  column: number;
}

export interface XmlAttribute extends XmlLocation {
  value: string;
}

export interface XmlElement extends XmlLocation {
  name: string;
  attributes: Map<string, XmlAttribute>;
  children: XmlElement[];
  /** Character data directly inside the element (not inside its children). */
  text: string;
  /** Where the first non-blank character of `text` is (or where the content starts, when blank). */
  textAt: XmlLocation;
}

/** Nesting a bmap file never comes near; deeper input is refused rather than followed. */
const MAX_DEPTH = 32;
const NAME = /[A-Za-z_:][-A-Za-z0-9._:]*/y;
const BLANK = /[ \t\r\n]*/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Cuts quoted input so a huge value never becomes a huge message. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Turns text offsets into lines and columns, scanning forward from the last answer. */
class Locator {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  at(offset: number): XmlLocation {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    for (let i = this.offset; i < offset; i++) {
      const code = this.text.charCodeAt(i);
      if (code === 10 || (code === 13 && this.text.charCodeAt(i + 1) !== 10)) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = offset;
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

class Reader {
  pos = 0;
  private readonly locator: Locator;

  constructor(readonly text: string) {
    this.locator = new Locator(text);
  }

  at(offset = this.pos): XmlLocation {
    return this.locator.at(offset);
  }

  fail(message: string, offset = this.pos): never {
    const where = this.at(Math.min(offset, this.text.length));
    throw new FormatError(`${message} (line ${where.line}, column ${where.column})`, where, message);
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  skipBlank(): void {
    BLANK.lastIndex = this.pos;
    BLANK.exec(this.text);
    this.pos = BLANK.lastIndex;
  }

  name(what: string): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) this.fail(`expected ${what}, found ${this.found()}`);
    this.pos = NAME.lastIndex;
    return match[0];
  }

  expect(literal: string, what = quote(literal)): void {
    if (!this.startsWith(literal)) this.fail(`expected ${what}, found ${this.found()}`);
    this.pos += literal.length;
  }

  /** Index of `terminator` from here; its absence is an error naming what was left open. */
  until(terminator: string, what: string, start: number): number {
    const end = this.text.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`${what} is not closed: expected ${quote(terminator)} before the end of the file`, start);
    this.checkCharacters(this.pos, end);
    return end;
  }

  found(): string {
    if (this.pos >= this.text.length) return 'the end of the file';
    return quote(this.text.slice(this.pos, this.pos + 10));
  }

  /** XML allows no control characters other than tab, line feed and carriage return. */
  checkCharacters(start: number, end: number): void {
    for (let i = start; i < end; i++) {
      const code = this.text.charCodeAt(i);
      if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffe || code === 0xffff) {
        this.fail(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML`, i);
      }
    }
  }
}

/** Replaces entity references in [start, end) of the reader's text. */
function decodeEntities(reader: Reader, start: number, end: number): string {
  const raw = reader.text.slice(start, end);
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&<\s]{0,12});?/g, (match, body: string, index: number) => {
    const at = start + index;
    if (!match.endsWith(';')) reader.fail(`expected an entity reference such as &amp;, found ${quote(raw.slice(index, index + 12))}`, at);
    if (body in ENTITIES) return ENTITIES[body];
    const numeric = /^#(?:([0-9]{1,7})|x([0-9A-Fa-f]{1,6}))$/.exec(body);
    const code = numeric ? (numeric[1] !== undefined ? Number(numeric[1]) : parseInt(numeric[2], 16)) : -1;
    const allowed = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff);
    if (!allowed) reader.fail(`unknown or invalid entity reference ${quote(match)}`, at);
    return String.fromCodePoint(code);
  });
}

/** Comments, processing instructions and blanks, which may appear anywhere between elements. */
function skipMisc(reader: Reader): boolean {
  const start = reader.pos;
  if (reader.startsWith('<!--')) {
    reader.pos += 4;
    const end = reader.until('-->', 'comment', start);
    const dashes = reader.text.indexOf('--', reader.pos);
    if (dashes < end) reader.fail("'--' is not allowed inside a comment", dashes);
    reader.pos = end + 3;
    return true;
  }
  if (reader.startsWith('<?')) {
    reader.pos += 2;
    reader.name('a processing instruction target');
    reader.pos = reader.until('?>', 'processing instruction', start) + 2;
    return true;
  }
  if (reader.startsWith('<!') && !reader.startsWith('<![CDATA[')) reader.fail('document type declarations are not allowed in a bmap file');
  return false;
}

function readAttributes(reader: Reader, element: XmlElement): void {
  for (;;) {
    const before = reader.pos;
    reader.skipBlank();
    if (reader.startsWith('>') || reader.startsWith('/>')) return;
    if (reader.pos === before) reader.fail(`expected white space, ">" or "/>" in the tag <${element.name}>, found ${reader.found()}`);
    const nameStart = reader.pos;
    const where = reader.at();
    const name = reader.name(`an attribute name or the end of the tag <${element.name}>`);
    reader.skipBlank();
    reader.expect('=', `"=" after the attribute ${name}`);
    reader.skipBlank();
    const quoteChar = reader.text[reader.pos];
    if (quoteChar !== '"' && quoteChar !== "'") reader.fail(`expected a quoted value for the attribute ${name}, found ${reader.found()}`);
    const start = ++reader.pos;
    const end = reader.until(quoteChar, `the value of the attribute ${name}`, start - 1);
    const lt = reader.text.indexOf('<', start);
    if (lt >= 0 && lt < end) reader.fail(`"<" is not allowed in the value of the attribute ${name}`, lt);
    if (element.attributes.has(name)) reader.fail(`attribute ${name} appears twice in <${element.name}>`, nameStart);
    element.attributes.set(name, { value: decodeEntities(reader, start, end).replace(/[\t\n\r]/g, ' '), ...where });
    reader.pos = end + 1;
  }
}

/** Parses a whole document and returns its root element. */
export function parseXml(text: string): XmlElement {
  const reader: Reader = new Reader(text);
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const located = new Set<XmlElement>();

  while (reader.pos < text.length) {
    const start = reader.pos;
    const current = stack[stack.length - 1];
    if (!current) {
      reader.skipBlank();
      if (reader.pos >= text.length) break;
      if (skipMisc(reader)) continue;
      if (!reader.startsWith('<') || reader.startsWith('</')) reader.fail(root ? 'nothing but comments may follow the root element' : `expected the root element, found ${reader.found()}`);
      if (root) reader.fail('a document has one root element: found a second one');
    } else if (skipMisc(reader)) {
      continue;
    } else if (reader.startsWith('<![CDATA[')) {
      reader.pos += 9;
      const end = reader.until(']]>', 'CDATA section', start);
      appendText(current, text.slice(reader.pos, end), reader.pos);
      reader.pos = end + 3;
      continue;
    } else if (reader.startsWith('</')) {
      reader.pos += 2;
      const name = reader.name('an element name after "</"');
      if (name !== current.name) reader.fail(`expected </${current.name}> (opened at line ${current.line}), found </${name}>`, start);
      reader.skipBlank();
      reader.expect('>', `">" to end </${name}>`);
      stack.pop();
      continue;
    } else if (!reader.startsWith('<')) {
      let end = text.indexOf('<', reader.pos);
      if (end < 0) end = text.length;
      reader.checkCharacters(reader.pos, end);
      appendText(current, decodeEntities(reader, reader.pos, end), reader.pos);
      reader.pos = end;
      continue;
    }
    // A start tag.
    if (stack.length >= MAX_DEPTH) reader.fail(`elements are nested more than ${MAX_DEPTH} deep`);
    const where = reader.at();
    reader.pos += 1;
    const element: XmlElement = { name: reader.name('an element name after "<"'), attributes: new Map(), children: [], text: '', textAt: where, ...where };
    readAttributes(reader, element);
    if (current) current.children.push(element);
    else root = element;
    if (reader.startsWith('/>')) {
      reader.pos += 2;
      element.textAt = reader.at();
    } else {
      reader.pos += 1;
      element.textAt = reader.at();
      stack.push(element);
    }
  }
  const open = stack[stack.length - 1];
  if (open) reader.fail(`element <${open.name}> opened at line ${open.line} is not closed before the end of the file`);
  if (!root) reader.fail('the file holds no XML element');
  return root;

  function appendText(element: XmlElement, piece: string, offset: number): void {
    if (!located.has(element)) {
      const blank = /^[ \t\r\n]*/.exec(piece)?.[0].length ?? 0;
      if (blank < piece.length) {
        element.textAt = reader.at(offset + blank);
        located.add(element);
      }
    }
    element.text += piece;
  }
}
