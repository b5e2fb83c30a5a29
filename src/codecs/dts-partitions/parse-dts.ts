/**
 * A reader for the subset of device-tree source that holds partition tables: `/dts-v1/;`, nodes
 * (`/`, `&label` and named), labels, properties with strings, `< >` cells of literals and
 * `&label` references, `[ ]` byte strings, and C and C++ comments. What dtc accepts beyond that
 * (preprocessor lines, /include/, /bits/, expressions, deletions) is a located error saying so.
 * Work is linear in the text; nesting deeper than MAX_DEPTH is refused before the stack is.
 */
import { FormatError } from '../errors';
import { decodeText, decodeUtf8, encodeUtf8 } from '../text';
import { quote } from '../quote';
import { LABEL_PATTERN, MAX_CELL, type DtsCell, type DtsChunk, type DtsNode, type DtsProperty } from './tree';

const MAX_DEPTH = 64;
const NAME_CHAR = /[a-zA-Z0-9,._+*#?@-]/;
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '\\': 92, '"': 34, "'": 39 };

export interface DtsSource {
  /** Nodes at the top level: the root `/`, `&label` overlays, or bare nodes of a fragment. */
  nodes: DtsNode[];
}

class Scanner {
  private at = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }

  get position(): { line: number; column: number } {
    return { line: this.line, column: this.at - this.lineStart + 1 };
  }

  fail(message: string, where = this.position): never {
    throw new FormatError(`${message} at line ${where.line}, column ${where.column}`, where);
  }

  peek(offset = 0): string {
    return this.text[this.at + offset] ?? '';
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.at);
  }

  advance(count = 1): void {
    for (let i = 0; i < count && this.at < this.text.length; i++) {
      if (this.text[this.at] === '\n') {
        this.line++;
        this.lineStart = this.at + 1;
      }
      this.at++;
    }
  }

  /** Skips blanks and comments; a `#` directive at the start of a line is refused. */
  skipSpace(): void {
    for (;;) {
      const char = this.peek();
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v') this.advance();
      else if (this.startsWith('//')) {
        while (!this.done && this.peek() !== '\n') this.advance();
      } else if (this.startsWith('/*')) {
        const start = this.position;
        const end = this.text.indexOf('*/', this.at + 2);
        if (end === -1) this.fail('unterminated comment: "/*" without "*/"', start);
        this.advance(end + 2 - this.at);
      } else if (char === '#' && /^#\s*(include|define|undef|if|ifdef|ifndef|else|elif|endif|line|pragma)\b/.test(this.text.slice(this.at, this.at + 16))) {
        this.fail('preprocessor directives are not supported: run the file through cpp first');
      } else return;
    }
  }

  expect(char: string, what: string): void {
    this.skipSpace();
    if (this.peek() !== char) this.fail(`expected "${char}" ${what}, found ${this.describeNext()}`);
    this.advance();
  }

  describeNext(): string {
    if (this.done) return 'the end of the input';
    const word = /^[^\s;{}<>[\]=,]{1,40}/.exec(this.text.slice(this.at, this.at + 41));
    return word ? quote(word[0]) : quote(this.peek());
  }

  /** A run of name characters (may be empty). */
  name(): string {
    const start = this.at;
    while (NAME_CHAR.test(this.peek())) this.advance();
    return this.text.slice(start, this.at);
  }

  string(): string {
    const start = this.position;
    this.advance(); // opening quote
    const bytes: number[] = [];
    for (;;) {
      if (this.done) this.fail('unterminated string', start);
      const char = this.peek();
      if (char === '"') break;
      if (char === '\\') {
        this.advance();
        bytes.push(this.escape());
        continue;
      }
      const code = this.text.codePointAt(this.at)!;
      const literal = String.fromCodePoint(code);
      bytes.push(...encodeUtf8(literal));
      this.advance(literal.length);
    }
    this.advance();
    const decoded = decodeUtf8(Uint8Array.from(bytes));
    if (!decoded.ok) this.fail('string escapes do not form valid UTF-8', start);
    if (decoded.text.includes('\0')) this.fail('a string cannot contain a NUL: it ends the string in the tree', start);
    return decoded.text;
  }

  private escape(): number {
    const char = this.peek();
    if (char in SIMPLE_ESCAPES) {
      this.advance();
      return SIMPLE_ESCAPES[char];
    }
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.at, this.at + 3));
    if (octal) {
      const value = parseInt(octal[0], 8);
      if (value > 0xff) this.fail(`octal escape \\${octal[0]} is above 255`);
      this.advance(octal[0].length);
      return value;
    }
    const hexEscape = /^x([0-9a-fA-F]{1,2})/.exec(this.text.slice(this.at, this.at + 3));
    if (hexEscape) {
      this.advance(hexEscape[0].length);
      return parseInt(hexEscape[1], 16);
    }
    this.fail(`unknown escape "\\${char}" in a string`);
  }

  /** A cell literal: decimal, 0x hex or 0-prefixed octal, with C's U/L suffixes. */
  literal(): number {
    const where = this.position;
    const match = /^(0[xX][0-9a-fA-F]+|[0-9]+)(U|L|UL|LL|ULL)?(?![a-zA-Z0-9_])/.exec(this.text.slice(this.at, this.at + 80));
    if (!match) this.fail(`expected a number, a &reference or ">" in the cell list, found ${this.describeNext()}`);
    const digits = match[1];
    let value: bigint;
    if (/^0[xX]/.test(digits)) value = BigInt(digits);
    else if (digits.length > 1 && digits.startsWith('0')) {
      if (!/^[0-7]+$/.test(digits)) this.fail(`${quote(digits)} is not an octal number (a leading 0 means octal)`);
      value = BigInt(`0o${digits.slice(1)}`);
    } else value = BigInt(digits);
    if (value > BigInt(MAX_CELL)) this.fail(`cell value ${quote(digits)} does not fit in 32 bits`, where);
    this.advance(match[0].length);
    return Number(value);
  }
}

function parseCells(scanner: Scanner): DtsChunk {
  scanner.advance(); // <
  const cells: DtsCell[] = [];
  for (;;) {
    scanner.skipSpace();
    const char = scanner.peek();
    if (char === '>') break;
    if (char === '&') cells.push({ ref: parseReference(scanner) });
    else if (char === '(') scanner.fail('expressions in cells are not supported: write the computed value');
    else if (char === "'") scanner.fail('character literals in cells are not supported: write the number');
    else if (scanner.done) scanner.fail('unterminated cell list: expected ">"');
    else cells.push(scanner.literal());
  }
  scanner.advance();
  return { type: 'cells', cells };
}

function parseBytes(scanner: Scanner): DtsChunk {
  scanner.advance(); // [
  const bytes: number[] = [];
  for (;;) {
    scanner.skipSpace();
    if (scanner.peek() === ']') break;
    const pair = scanner.peek() + scanner.peek(1);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) scanner.fail(`expected two hex digits or "]" in the byte string, found ${scanner.describeNext()}`);
    bytes.push(parseInt(pair, 16));
    scanner.advance(2);
  }
  scanner.advance();
  return { type: 'bytes', bytes };
}

function parseReference(scanner: Scanner): string {
  const where = scanner.position;
  scanner.advance(); // &
  if (scanner.peek() === '{') {
    const start = scanner.position;
    scanner.advance();
    let path = '';
    while (!scanner.done && scanner.peek() !== '}') {
      path += scanner.peek();
      scanner.advance();
    }
    if (scanner.done) scanner.fail('unterminated path reference: expected "}"', start);
    scanner.advance();
    return `{${path}}`;
  }
  const label = scanner.name();
  if (!LABEL_PATTERN.test(label)) scanner.fail(`expected a label after "&", found ${label === '' ? scanner.describeNext() : quote(label)}`, where);
  return label;
}

function parseValue(scanner: Scanner): DtsChunk[] {
  const chunks: DtsChunk[] = [];
  for (;;) {
    scanner.skipSpace();
    const char = scanner.peek();
    if (char === '"') chunks.push({ type: 'string', value: scanner.string() });
    else if (char === '<') chunks.push(parseCells(scanner));
    else if (char === '[') chunks.push(parseBytes(scanner));
    else if (char === '&') chunks.push({ type: 'ref', ref: parseReference(scanner) });
    else if (scanner.startsWith('/bits/')) scanner.fail('/bits/ is not supported: use 32-bit cells');
    else scanner.fail(`expected a string, "<", "[" or "&" after "=", found ${scanner.describeNext()}`);
    scanner.skipSpace();
    if (scanner.peek() !== ',') return chunks;
    scanner.advance();
  }
}

/** Labels (`name:`) and then a node or property name. */
function parseLabelsAndName(scanner: Scanner): { labels: string[]; name: string; where: { line: number; column: number } } {
  const labels: string[] = [];
  for (;;) {
    scanner.skipSpace();
    const where = scanner.position;
    const name = scanner.name();
    if (name === '') scanner.fail(`expected a node or property name, found ${scanner.describeNext()}`);
    if (scanner.peek() !== ':') return { labels, name, where };
    if (!LABEL_PATTERN.test(name)) scanner.fail(`${quote(name)} is not a valid label (letters, digits and _, not starting with a digit)`, where);
    labels.push(name);
    scanner.advance();
  }
}

function parseBody(scanner: Scanner, node: DtsNode, depth: number): void {
  if (depth > MAX_DEPTH) scanner.fail(`nodes are nested deeper than ${MAX_DEPTH} levels`);
  scanner.expect('{', `after the node name ${quote(node.name)}`);
  for (;;) {
    scanner.skipSpace();
    if (scanner.peek() === '}') break;
    if (scanner.done) scanner.fail(`unterminated node ${quote(node.name)}: expected "}"`);
    if (scanner.startsWith('/delete-node/') || scanner.startsWith('/delete-property/')) scanner.fail('/delete-node/ and /delete-property/ are not supported');
    if (scanner.startsWith('/omit-if-no-ref/')) scanner.fail('/omit-if-no-ref/ is not supported');
    const { labels, name, where } = parseLabelsAndName(scanner);
    scanner.skipSpace();
    const next = scanner.peek();
    if (next === '{') {
      const child: DtsNode = { name, ...(labels.length ? { labels } : {}), properties: [], children: [], ...where };
      parseBody(scanner, child, depth + 1);
      node.children.push(child);
    } else if (next === '=' || next === ';') {
      if (node.children.length > 0) scanner.fail(`property ${quote(name)} comes after a child node: properties must precede subnodes`, where);
      const property: DtsProperty = { name, ...(labels.length ? { labels } : {}) };
      if (next === '=') {
        scanner.advance();
        property.value = parseValue(scanner);
      }
      scanner.expect(';', `after the property ${quote(name)}`);
      node.properties.push(property);
    } else {
      scanner.fail(`expected "{", "=" or ";" after ${quote(name)}, found ${scanner.describeNext()}`);
    }
  }
  scanner.advance();
  scanner.expect(';', `after the closing brace of ${quote(node.name)}`);
}

/** Reads DTS text (or the bytes of a file) into its top-level nodes. */
export function parseDts(input: string | Uint8Array): DtsSource {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\ufeff/, '');
  else {
    const decoded = decodeText(input);
    if (!decoded.ok) throw new FormatError(`the device tree source is not valid ${decoded.encoding.toUpperCase()} text (byte offset ${decoded.offset})`, { offset: decoded.offset });
    text = decoded.text;
  }
  const scanner = new Scanner(text);
  const nodes: DtsNode[] = [];
  scanner.skipSpace();
  for (const header of ['/dts-v1/', '/plugin/']) {
    if (scanner.startsWith(header)) {
      scanner.advance(header.length);
      scanner.expect(';', `after ${header}`);
      scanner.skipSpace();
    }
  }
  while (!scanner.done) {
    if (scanner.startsWith('/memreserve/')) scanner.fail('/memreserve/ is not supported');
    if (scanner.startsWith('/include/')) scanner.fail('/include/ is not supported: inline the included file');
    if (scanner.startsWith('/dts-v1/')) scanner.fail('/dts-v1/ must come first');
    const where = scanner.position;
    let node: DtsNode;
    if (scanner.peek() === '/' && /[\s{]/.test(scanner.peek(1) || ' ')) {
      scanner.advance();
      node = { name: '/', properties: [], children: [], ...where };
    } else if (scanner.peek() === '&') {
      node = { name: `&${parseReference(scanner)}`, properties: [], children: [], ...where };
    } else {
      const { labels, name } = parseLabelsAndName(scanner);
      node = { name, ...(labels.length ? { labels } : {}), properties: [], children: [], ...where };
    }
    parseBody(scanner, node, 1);
    nodes.push(node);
    scanner.skipSpace();
  }
  return { nodes };
}
