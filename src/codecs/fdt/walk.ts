/**
 * A bounded walk over the structure block of a device tree (FDT_BEGIN_NODE, FDT_PROP,
 * FDT_END_NODE, FDT_NOP, FDT_END), with property names looked up in the strings block. Every
 * token moves forward by at least 4 bytes, lengths are checked against the block before they
 * are followed, nesting is limited and so is the token count: a hostile blob ends in a located
 * error, never in a loop, a deep recursion or a read outside the blob.
 */
import { u32be } from '../bytes';
import { FormatError } from '../errors';
import { decodeUtf8 } from '../text';
import { alignUp, formatHex } from '../../model/units';
import { structEnd, type FdtHeader } from './header';

const FDT_BEGIN_NODE = 0x1;
const FDT_END_NODE = 0x2;
const FDT_PROP = 0x3;
const FDT_NOP = 0x4;
const FDT_END = 0x9;

export interface FdtLimits {
  /** Deepest nesting accepted, the root counting as 1 (Linux stops at 64). */
  maxDepth?: number;
  /** Most tokens read before giving up. */
  maxTokens?: number;
}

const DEFAULT_MAX_DEPTH = 64;
const DEFAULT_MAX_TOKENS = 1_000_000;

export type FdtToken =
  | { kind: 'begin'; name: string; depth: number; offset: number }
  | { kind: 'end'; depth: number; offset: number }
  | { kind: 'prop'; name: string; value: Uint8Array; valueOffset: number; depth: number; offset: number };

function fail(message: string, offset: number): never {
  throw new FormatError(`${message} (offset ${formatHex(offset)})`, { offset }, message);
}

/** A NUL-terminated UTF-8 string in [start, limit) of the bytes. */
function cString(bytes: Uint8Array, start: number, limit: number, what: string): { text: string; end: number } {
  const nul = bytes.subarray(start, limit).indexOf(0);
  if (nul < 0) fail(`${what} at ${formatHex(start)} has no terminating NUL before ${formatHex(limit)}`, start);
  const decoded = decodeUtf8(bytes, start, start + nul);
  if (!decoded.ok) fail(`${what} is not valid UTF-8 (byte ${formatHex(bytes[decoded.offset])})`, decoded.offset);
  return { text: decoded.text, end: start + nul };
}

/** The tokens of the tree, root first; `bytes` holds the blob from its header on. */
export function* walkFdt(bytes: Uint8Array, header: FdtHeader, limits: FdtLimits = {}): Generator<FdtToken> {
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxTokens = limits.maxTokens ?? DEFAULT_MAX_TOKENS;
  if (bytes.length < header.totalsize) fail(`the device tree is cut short: totalsize is ${header.totalsize} bytes, the input has ${bytes.length}`, bytes.length);
  const end = structEnd(header);
  const stringsStart = header.offDtStrings;
  const stringsEnd = stringsStart + header.sizeDtStrings;
  const names = new Map<number, string>();
  let pos = header.offDtStruct;
  let depth = 0;
  let rootSeen = false;

  for (let tokens = 1; ; tokens++) {
    if (tokens > maxTokens) fail(`the structure block holds more than ${maxTokens} tokens`, pos);
    if (pos + 4 > end) fail(`the structure block ends at ${formatHex(end)} without FDT_END`, pos);
    const token = u32be(bytes, pos);
    const offset = pos;
    switch (token) {
      case FDT_BEGIN_NODE: {
        if (depth === 0 && rootSeen) fail('a second root node follows the first', offset);
        if (depth >= maxDepth) fail(`nodes are nested more than ${maxDepth} deep`, offset);
        const name = cString(bytes, pos + 4, end, 'node name');
        pos = alignUp(name.end + 1, 4);
        depth++;
        rootSeen = true;
        yield { kind: 'begin', name: name.text, depth, offset };
        break;
      }
      case FDT_END_NODE:
        if (depth === 0) fail('FDT_END_NODE closes no open node', offset);
        yield { kind: 'end', depth, offset };
        depth--;
        pos += 4;
        break;
      case FDT_PROP: {
        if (depth === 0) fail('a property outside any node', offset);
        if (pos + 12 > end) fail('property header runs past the end of the structure block', offset);
        const length = u32be(bytes, pos + 4);
        const nameOffset = u32be(bytes, pos + 8);
        const valueOffset = pos + 12;
        if (valueOffset + length > end) fail(`property value of ${length} bytes runs past the end of the structure block at ${formatHex(end)}`, pos + 4);
        let name = names.get(nameOffset);
        if (name === undefined) {
          if (nameOffset >= header.sizeDtStrings) fail(`property name offset ${formatHex(nameOffset)} is outside the ${header.sizeDtStrings}-byte strings block`, pos + 8);
          name = cString(bytes, stringsStart + nameOffset, stringsEnd, 'property name').text;
          names.set(nameOffset, name);
        }
        pos = alignUp(valueOffset + length, 4);
        yield { kind: 'prop', name, value: bytes.subarray(valueOffset, valueOffset + length), valueOffset, depth, offset };
        break;
      }
      case FDT_NOP:
        pos += 4;
        break;
      case FDT_END:
        if (depth !== 0) fail(`FDT_END while ${depth} node${depth === 1 ? ' is' : 's are'} still open`, offset);
        if (!rootSeen) fail('the structure block holds no root node', offset);
        return;
      default:
        fail(`unknown structure token ${formatHex(token)}`, offset);
    }
  }
}
