/**
 * A device tree blob read into nodes and properties (values are views into the blob, not copies),
 * with its memory reservation map, and the property decoders the device tree specification
 * defines: strings, string lists, u32 and one- or two-cell numbers.
 */
import { u32be } from '../bytes';
import { FormatError } from '../errors';
import { decodeUtf8 } from '../text';
import { formatHex } from '../../model/units';
import { parseFdtHeader, type FdtHeader } from './header';
import { walkFdt, type FdtLimits } from './walk';

export interface FdtProperty {
  name: string;
  value: Uint8Array;
  /** Offset of the value in the blob. */
  offset: number;
}

export interface FdtNode {
  /** Unit name (`memory@80000000`); the root's is empty. */
  name: string;
  /** Offset of the node's FDT_BEGIN_NODE token in the blob. */
  offset: number;
  properties: FdtProperty[];
  children: FdtNode[];
}

export interface FdtReservation {
  address: bigint;
  size: bigint;
}

export interface Fdt {
  header: FdtHeader;
  reservations: FdtReservation[];
  root: FdtNode;
}

function fail(message: string, offset: number): never {
  throw new FormatError(`${message} (offset ${formatHex(offset)})`, { offset }, message);
}

/** The (address, size) pairs up to the terminating pair of zeros, which must lie inside the blob. */
function readReservations(bytes: Uint8Array, header: FdtHeader): FdtReservation[] {
  const reservations: FdtReservation[] = [];
  for (let at = header.offMemRsvmap; ; at += 16) {
    if (at + 16 > header.totalsize) fail('the memory reservation map has no terminating entry before the end of the blob', at);
    const address = (BigInt(u32be(bytes, at)) << 32n) | BigInt(u32be(bytes, at + 4));
    const size = (BigInt(u32be(bytes, at + 8)) << 32n) | BigInt(u32be(bytes, at + 12));
    if (address === 0n && size === 0n) return reservations;
    reservations.push({ address, size });
  }
}

/** Reads the whole tree of the blob at the start of `bytes` (which must hold totalsize bytes). */
export function readFdt(bytes: Uint8Array, limits: FdtLimits = {}): Fdt {
  const header = parseFdtHeader(bytes);
  if (bytes.length < header.totalsize) fail(`the device tree is cut short: totalsize is ${header.totalsize} bytes, the input has ${bytes.length}`, bytes.length);
  const reservations = readReservations(bytes, header);
  const stack: FdtNode[] = [];
  let root: FdtNode | undefined;
  for (const token of walkFdt(bytes, header, limits)) {
    if (token.kind === 'begin') {
      const node: FdtNode = { name: token.name, offset: token.offset, properties: [], children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else root = node;
      stack.push(node);
    } else if (token.kind === 'prop') {
      stack[stack.length - 1].properties.push({ name: token.name, value: token.value, offset: token.valueOffset });
    } else {
      stack.pop();
    }
  }
  // walkFdt ends only after a complete root node.
  return { header, reservations, root: root as FdtNode };
}

export function childNode(node: FdtNode, name: string): FdtNode | undefined {
  return node.children.find((child) => child.name === name);
}

export function property(node: FdtNode, name: string): FdtProperty | undefined {
  return node.properties.find((prop) => prop.name === name);
}

/** A string list: NUL-terminated UTF-8 strings back to back. */
export function propStrings(prop: FdtProperty): string[] {
  const { value } = prop;
  if (value.length === 0 || value[value.length - 1] !== 0) fail(`property ${prop.name} should hold NUL-terminated strings`, prop.offset);
  const strings: string[] = [];
  for (let start = 0; start < value.length; ) {
    const end = value.indexOf(0, start);
    const decoded = decodeUtf8(value, start, end);
    if (!decoded.ok) fail(`property ${prop.name} is not valid UTF-8`, prop.offset + decoded.offset);
    strings.push(decoded.text);
    start = end + 1;
  }
  return strings;
}

/** A single string. */
export function propString(prop: FdtProperty): string {
  const strings = propStrings(prop);
  if (strings.length !== 1) fail(`property ${prop.name} should hold one string, found ${strings.length}`, prop.offset);
  return strings[0];
}

export function propU32(prop: FdtProperty): number {
  if (prop.value.length !== 4) fail(`property ${prop.name} should be one 32-bit cell (4 bytes), found ${prop.value.length} bytes`, prop.offset);
  return u32be(prop.value, 0);
}

/** A number of one or two cells (an address in a FIT, for example). */
export function propCells(prop: FdtProperty): bigint {
  const { value } = prop;
  if (value.length === 4) return BigInt(u32be(value, 0));
  if (value.length === 8) return (BigInt(u32be(value, 0)) << 32n) | BigInt(u32be(value, 4));
  return fail(`property ${prop.name} should be one or two 32-bit cells (4 or 8 bytes), found ${value.length} bytes`, prop.offset);
}
