/**
 * Where JSON text goes wrong. `JSON.parse` messages differ between engines and often carry no
 * position, so after it fails this scanner walks the text once (iteratively: deep nesting cannot
 * overflow the stack) and reports the line and column of the first error.
 */
export interface JsonSyntaxError {
  line: number;
  column: number;
  offset: number;
  message: string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const LITERALS = ['true', 'false', 'null'];

type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after-value' | 'end';

function describe(text: string, at: number): string {
  if (at >= text.length) return 'the end of the text';
  const char = text[at];
  return /\s/.test(char) ? `whitespace (code ${char.charCodeAt(0)})` : `"${text.slice(at, at + 12).split(/[\s,:{}[\]]/)[0] || char}"`;
}

/** The first syntax error in `text`, or undefined when it is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxError | undefined {
  const containers: Array<'object' | 'array'> = [];
  let expect: Expect = 'value';
  let i = 0;
  const fail = (at: number, wanted: string): JsonSyntaxError => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    return { line, column, offset: at, message: `expected ${wanted}, found ${describe(text, at)}` };
  };
  const afterValue = (): Expect => (containers.length === 0 ? 'end' : 'after-value');

  while (true) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    const char = text[i];
    if (expect === 'end') return i < text.length ? fail(i, 'nothing after the document') : undefined;
    if (char === undefined) return fail(i, wantedAt(expect, containers[containers.length - 1]));

    if (expect === 'colon') {
      if (char !== ':') return fail(i, '":"');
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'after-value') {
      const container = containers[containers.length - 1];
      if (char === ',') {
        i++;
        expect = container === 'object' ? 'key' : 'value';
      } else if ((char === '}' && container === 'object') || (char === ']' && container === 'array')) {
        i++;
        containers.pop();
        expect = afterValue();
      } else {
        return fail(i, wantedAt(expect, container));
      }
      continue;
    }
    if (expect === 'first-key' && char === '}') {
      i++;
      containers.pop();
      expect = afterValue();
      continue;
    }
    if (expect === 'first-value' && char === ']') {
      i++;
      containers.pop();
      expect = afterValue();
      continue;
    }
    if (expect === 'key' || expect === 'first-key') {
      if (char !== '"') return fail(i, 'a property name in double quotes');
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.at, end.wanted);
      i = end;
      expect = 'colon';
      continue;
    }
    // A value.
    if (char === '{' || char === '[') {
      containers.push(char === '{' ? 'object' : 'array');
      i++;
      expect = char === '{' ? 'first-key' : 'first-value';
      continue;
    }
    if (char === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.at, end.wanted);
      i = end;
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return fail(i, 'a number');
      i = NUMBER.lastIndex;
    } else {
      const literal = LITERALS.find((word) => text.startsWith(word, i));
      if (!literal) return fail(i, 'a value');
      i += literal.length;
    }
    expect = afterValue();
  }
}

function wantedAt(expect: Expect, container: 'object' | 'array' | undefined): string {
  if (expect === 'colon') return '":"';
  if (expect === 'key' || expect === 'first-key') return 'a property name in double quotes';
  if (expect === 'after-value') return container === 'object' ? '"," or "}"' : '"," or "]"';
  return 'a value';
}

/** Index after the closing quote, or where the string goes wrong. */
function scanString(text: string, start: number): number | { at: number; wanted: string } {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return { at: i, wanted: 'a closing quote (control characters must be escaped)' };
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, wanted: 'four hex digits after \\u' };
        i += 5;
      } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
        i += 1;
      } else {
        return { at: i, wanted: 'a valid escape' };
      }
    }
  }
  return { at: text.length, wanted: 'a closing quote' };
}
