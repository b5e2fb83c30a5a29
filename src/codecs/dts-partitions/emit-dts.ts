/**
 * Writes device-tree source for nodes and properties in dtc's own layout: tabs, one property per
 * line, cells in hex, strings with C escapes. Names, labels and cell values are checked so the
 * text always reads back (through our parser and through dtc) as the same tree.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';
import { LABEL_PATTERN, MAX_CELL, NAME_PATTERN, type DtsCell, type DtsChunk, type DtsNode, type DtsProperty } from './tree';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x07': '\\a', '\b': '\\b', '\v': '\\v', '\f': '\\f' };

export function dtsString(value: string): string {
  if (value.includes('\0')) throw new FormatError(`string ${quote(value)} contains a NUL, which would end it in the tree`);
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char in ESCAPES) out += ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function checkLabels(labels: readonly string[] | undefined): string {
  return (labels ?? [])
    .map((label) => {
      if (!LABEL_PATTERN.test(label)) throw new FormatError(`${quote(label)} is not a valid label (letters, digits and _, not starting with a digit)`);
      return `${label}: `;
    })
    .join('');
}

function checkReference(ref: string): string {
  if (LABEL_PATTERN.test(ref) || /^\{\/[^}]*\}$/.test(ref)) return `&${ref}`;
  throw new FormatError(`${quote(ref)} is not a label or {/path} reference`);
}

function cellText(cell: DtsCell): string {
  if (typeof cell !== 'number') return checkReference(cell.ref);
  if (!Number.isInteger(cell) || cell < 0 || cell > MAX_CELL) throw new FormatError(`cell value ${String(cell)} does not fit in 32 bits`);
  return `0x${cell.toString(16)}`;
}

function chunkText(chunk: DtsChunk): string {
  switch (chunk.type) {
    case 'string':
      return dtsString(chunk.value);
    case 'cells':
      return `<${chunk.cells.map(cellText).join(' ')}>`;
    case 'bytes':
      return `[${chunk.bytes
        .map((byte) => {
          if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) throw new FormatError(`byte ${String(byte)} is not 0 to 255`);
          return byte.toString(16).padStart(2, '0');
        })
        .join(' ')}]`;
    case 'ref':
      return checkReference(chunk.ref);
  }
}

function checkName(name: string, what: string): string {
  if (!NAME_PATTERN.test(name)) throw new FormatError(`${what} name ${quote(name)} is not valid (letters, digits and , . _ + - # ? @ *)`);
  return name;
}

export function propertyLine(property: DtsProperty): string {
  const name = checkLabels(property.labels) + checkName(property.name, 'property');
  if (property.value === undefined) return `${name};`;
  if (property.value.length === 0) throw new FormatError(`property ${quote(property.name)} has an empty value list: leave the value out for a boolean property`);
  return `${name} = ${property.value.map(chunkText).join(', ')};`;
}

/** A node and its subtree, indented by `depth` tabs. */
export function nodeLines(node: DtsNode, depth = 0): string[] {
  const pad = '\t'.repeat(depth);
  const name = node.name === '/' || /^&/.test(node.name) ? (node.name === '/' ? '/' : checkReference(node.name.slice(1))) : checkName(node.name, 'node');
  const lines = [`${pad}${checkLabels(node.labels)}${name} {`];
  for (const property of node.properties) lines.push(`${pad}\t${propertyLine(property)}`);
  node.children.forEach((child, index) => {
    if (index > 0 || node.properties.length > 0) lines.push('');
    lines.push(...nodeLines(child, depth + 1));
  });
  lines.push(`${pad}};`);
  return lines;
}
