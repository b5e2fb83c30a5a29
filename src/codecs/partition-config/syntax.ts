/**
 * How make finds the extent of each `$` reference in a piece of text (expand.c,
 * variable_expand_string; function.c, handle_function), as a tree to evaluate later:
 *
 * - `$$` is a `$`; `$x` is the one-character variable x; a `$` at the very end stays a `$`.
 * - `$(` or `${` followed by a function name and a blank is a function call: its end is the
 *   matching close (only the same kind of bracket is counted) and its arguments are split at the
 *   commas outside brackets of that kind. Only `call` is accepted; the others are errors.
 * - Otherwise, when no `$` comes before the first closing bracket, the name is everything up to
 *   it; else brackets of the same kind are counted to the match and the name is expanded first.
 * - A `:` in a name would make a substitution reference (`$(VAR:a=b)`): not supported.
 */
import { quote } from '../quote';

export type Node =
  | { kind: 'text'; text: string }
  /** `at`: index of the `$` in the text the tree was read from. */
  | { kind: 'ref'; name: string | Node[]; at: number }
  | { kind: 'call'; args: Node[][]; at: number };

/** GNU make 4.3's built-in functions: `$(name ...)` with one of these is a call, not a variable. */
const MAKE_FUNCTIONS = new Set(
  'abspath addprefix addsuffix and basename call dir error eval file filter filter-out findstring firstword flavor foreach guile if info join lastword notdir or origin patsubst realpath shell sort strip subst suffix value warning wildcard word wordlist words'.split(' '),
);

export function isMakeFunction(name: string): boolean {
  return MAKE_FUNCTIONS.has(name);
}

/** Deeper nesting than this is refused: real configs nest two levels, and scans stay linear. */
const MAX_NESTING = 64;

type Fail = (message: string, index: number) => never;

const isBlank = (char: string | undefined) => char === ' ' || char === '\t';

export function parseReferences(text: string, fail: Fail, start = 0, end = text.length, depth = 0): Node[] {
  const nodes: Node[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') nodes.push({ kind: 'text', text: literal });
    literal = '';
  };
  let i = start;
  while (i < end) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1 || dollar >= end) {
      literal += text.slice(i, end);
      break;
    }
    literal += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (dollar + 1 >= end) {
      literal += '$';
      break;
    }
    if (next === '$') {
      literal += '$';
      i = dollar + 2;
      continue;
    }
    flush();
    if (next !== '(' && next !== '{') {
      nodes.push({ kind: 'ref', name: next, at: dollar });
      i = dollar + 2;
      continue;
    }
    if (depth >= MAX_NESTING) fail(`references nest deeper than ${MAX_NESTING} levels`, dollar);
    const close = next === '(' ? ')' : '}';
    const begin = dollar + 2;
    let word = begin;
    while (word < end && /[a-z-]/.test(text[word])) word++;
    if (word > begin && (word === end || isBlank(text[word])) && MAKE_FUNCTIONS.has(text.slice(begin, word))) {
      const name = text.slice(begin, word);
      if (name !== 'call') fail(`the make function "${name}" is not supported: a partition.config uses only $(call multiplyhex,…)`, dollar);
      const call = readCall(text, word, end, next, close, fail, dollar, depth);
      nodes.push(call.node);
      i = call.end + 1;
      continue;
    }
    const first = text.indexOf(close, begin);
    if (first === -1 || first >= end) fail(`unterminated variable reference: no "${close}" closes this "$${next}"`, dollar);
    const inner = text.indexOf('$', begin);
    if (inner === -1 || inner > first) {
      const name = text.slice(begin, first);
      if (name.includes(':')) fail(`substitution references such as ${quote(`$${next}${name}${close}`)} are not supported`, dollar);
      nodes.push({ kind: 'ref', name, at: dollar });
      i = first + 1;
      continue;
    }
    const match = matching(text, begin, end, next, close);
    if (match === -1) fail(`unterminated variable reference: no "${close}" closes this "$${next}"`, dollar);
    nodes.push({ kind: 'ref', name: parseReferences(text, fail, begin, match, depth + 1), at: dollar });
    i = match + 1;
  }
  flush();
  return nodes;
}

/** Index of the bracket closing one already open at `from`, counting only `open`/`close`. */
function matching(text: string, from: number, end: number, open: string, close: string): number {
  let count = 0;
  for (let k = from; k < end; k++) {
    if (text[k] === open) count++;
    else if (text[k] === close && --count < 0) return k;
  }
  return -1;
}

function readCall(text: string, word: number, end: number, open: string, close: string, fail: Fail, at: number, depth: number): { node: Node; end: number } {
  let begin = word;
  while (begin < end && isBlank(text[begin])) begin++;
  const stop = matching(text, begin, end, open, close);
  if (stop === -1) fail(`unterminated call to function "call": missing "${close}"`, at);
  const args: Node[][] = [];
  let count = 0;
  let argStart = begin;
  for (let k = begin; k <= stop; k++) {
    if (k === stop || (text[k] === ',' && count === 0)) {
      args.push(parseReferences(text, fail, argStart, k, depth + 1));
      argStart = k + 1;
    } else if (text[k] === open) count++;
    else if (text[k] === close) count--;
  }
  return { node: { kind: 'call', args, at }, end: stop };
}
