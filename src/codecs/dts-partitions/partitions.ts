/**
 * The Linux `fixed-partitions` binding (Documentation/devicetree/bindings/mtd/partitions/
 * fixed-partitions.yaml): a `partitions` node with `compatible = "fixed-partitions"`,
 * `#address-cells` and `#size-cells`, and one child per partition with `reg = <offset size>`,
 * an optional `label`, and the flags `read-only`, `lock` and `slc-mode`. Offsets and sizes that
 * need more than 32 bits take two cells (high word first); values above 2^53 − 1 are refused.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';
import { nodeLines } from './emit-dts';
import { parseDts } from './parse-dts';
import { MAX_CELL, type DtsChunk, type DtsNode, type DtsProperty } from './tree';

export type CellCount = 1 | 2;

export interface DtsPartition {
  /** Node name; `partition@<offset in hex>` when absent. */
  node?: string;
  /** Labels of the node (`uboot: partition@0`), for references from elsewhere. */
  labels?: string[];
  /** The `label` property: the MTD name Linux gives the partition. */
  label?: string;
  offset: number;
  size: number;
  readOnly?: boolean;
  lock?: boolean;
  slcMode?: boolean;
  compatible?: string[];
  /** Other properties, as written (nvmem cells, alignment, …). */
  extraProperties?: DtsProperty[];
  /** Sub-nodes, as written (an nvmem layout, nested partitions). */
  children?: DtsNode[];
  /** 1-based line of the node (set by the parser). */
  line?: number;
}

export interface FixedPartitions {
  /** Node name; `partitions` when absent. */
  node?: string;
  labels?: string[];
  /** The node's compatible strings; `["fixed-partitions"]` when absent. */
  compatible?: string[];
  /** Cells of an offset; 1, or 2 when an offset needs more than 32 bits, when absent. */
  addressCells?: CellCount;
  /** Cells of a size; 1, or 2 when a size needs more than 32 bits, when absent. */
  sizeCells?: CellCount;
  partitions: DtsPartition[];
  extraProperties?: DtsProperty[];
}

const FIXED = 'fixed-partitions';
const FLAGS = [
  ['read-only', 'readOnly'],
  ['lock', 'lock'],
  ['slc-mode', 'slcMode'],
] as const;

function needsTwoCells(values: number[]): boolean {
  return values.some((value) => value > MAX_CELL);
}

function checkQuantity(value: number, what: string, cells: CellCount): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new FormatError(`${what} must be a whole number of bytes from 0 to 2^53 - 1, found ${String(value)}`);
  if (cells === 1 && value > MAX_CELL) throw new FormatError(`${what} 0x${value.toString(16)} needs two cells, but the node has one`);
}

function toCells(value: number, cells: CellCount): number[] {
  return cells === 1 ? [value] : [Math.floor(value / 2 ** 32), value % 2 ** 32];
}

function strings(values: readonly string[]): DtsChunk[] {
  return values.map((value) => ({ type: 'string', value }));
}

function partitionNode(partition: DtsPartition, addressCells: CellCount, sizeCells: CellCount, index: number): DtsNode {
  const what = `partition ${index + 1}${partition.label === undefined ? '' : ` (${quote(partition.label)})`}`;
  checkQuantity(partition.offset, `${what}: offset`, addressCells);
  checkQuantity(partition.size, `${what}: size`, sizeCells);
  const properties: DtsProperty[] = [];
  if (partition.compatible) properties.push({ name: 'compatible', value: strings(partition.compatible) });
  if (partition.label !== undefined) properties.push({ name: 'label', value: strings([partition.label]) });
  properties.push({ name: 'reg', value: [{ type: 'cells', cells: [...toCells(partition.offset, addressCells), ...toCells(partition.size, sizeCells)] }] });
  for (const [name, key] of FLAGS) if (partition[key]) properties.push({ name });
  properties.push(...(partition.extraProperties ?? []));
  return {
    name: partition.node ?? `partition@${partition.offset.toString(16)}`,
    ...(partition.labels ? { labels: partition.labels } : {}),
    properties,
    children: partition.children ?? [],
  };
}

/** The `partitions { … };` node as a DTS fragment, indented by `depth` tabs. */
export function emitFixedPartitions(table: FixedPartitions, depth = 0): string {
  const addressCells = table.addressCells ?? (needsTwoCells(table.partitions.map((p) => p.offset)) ? 2 : 1);
  const sizeCells = table.sizeCells ?? (needsTwoCells(table.partitions.map((p) => p.size)) ? 2 : 1);
  const compatible = table.compatible ?? [FIXED];
  if (!compatible.includes(FIXED)) throw new FormatError(`the compatible list ${quote(compatible.join(', '))} must include "${FIXED}"`);
  const node: DtsNode = {
    name: table.node ?? 'partitions',
    ...(table.labels ? { labels: table.labels } : {}),
    properties: [
      { name: 'compatible', value: strings(compatible) },
      { name: '#address-cells', value: [{ type: 'cells', cells: [addressCells] }] },
      { name: '#size-cells', value: [{ type: 'cells', cells: [sizeCells] }] },
      ...(table.extraProperties ?? []),
    ],
    children: table.partitions.map((partition, index) => partitionNode(partition, addressCells, sizeCells, index)),
  };
  return nodeLines(node, depth).join('\n') + '\n';
}

function fail(message: string, node: DtsNode): never {
  throw new FormatError(`${message} (node ${quote(node.name)} at line ${node.line ?? '?'})`, { line: node.line, column: node.column });
}

function stringList(property: DtsProperty, node: DtsNode): string[] {
  const value = property.value ?? [];
  if (value.length === 0 || value.some((chunk) => chunk.type !== 'string')) fail(`${property.name} must be one or more strings`, node);
  return value.map((chunk) => (chunk as { value: string }).value);
}

function cellList(property: DtsProperty, node: DtsNode): number[] {
  const value = property.value ?? [];
  const cells: number[] = [];
  for (const chunk of value) {
    if (chunk.type !== 'cells') fail(`${property.name} must be a list of numbers in < >`, node);
    for (const cell of chunk.cells) {
      if (typeof cell !== 'number') fail(`${property.name} must hold numbers, found the reference &${cell.ref}`, node);
      cells.push(cell);
    }
  }
  if (cells.length === 0) fail(`${property.name} must be a list of numbers in < >`, node);
  return cells;
}

function cellCount(node: DtsNode, name: string): CellCount {
  const property = node.properties.find((p) => p.name === name);
  if (!property) fail(`the fixed-partitions node has no ${name}`, node);
  const cells = cellList(property, node);
  if (cells.length !== 1 || (cells[0] !== 1 && cells[0] !== 2)) fail(`${name} must be <1> or <2>, found <${cells.join(' ')}>`, node);
  return cells[0] as CellCount;
}

function joinCells(cells: number[], node: DtsNode, what: string): number {
  const value = cells.length === 1 ? cells[0] : cells[0] * 2 ** 32 + cells[1];
  if (!Number.isSafeInteger(value)) fail(`reg ${what} 0x${cells.map((c) => c.toString(16).padStart(8, '0')).join('')} is above 2^53 - 1`, node);
  return value;
}

function readPartition(node: DtsNode, addressCells: CellCount, sizeCells: CellCount): DtsPartition {
  const partition: DtsPartition = { node: node.name, offset: 0, size: 0, ...(node.labels ? { labels: node.labels } : {}), line: node.line };
  const extra: DtsProperty[] = [];
  let reg: number[] | undefined;
  for (const property of node.properties) {
    const flag = FLAGS.find(([name]) => name === property.name);
    if (property.name === 'reg') {
      reg = cellList(property, node);
      if (reg.length !== addressCells + sizeCells) fail(`reg must have ${addressCells + sizeCells} cells (#address-cells ${addressCells}, #size-cells ${sizeCells}), found ${reg.length}`, node);
    } else if (property.name === 'label') {
      const label = stringList(property, node);
      if (label.length !== 1) fail('label must be a single string', node);
      partition.label = label[0];
    } else if (property.name === 'compatible') partition.compatible = stringList(property, node);
    else if (flag) {
      if (property.value !== undefined) fail(`${property.name} is a flag and takes no value`, node);
      partition[flag[1]] = true;
    } else extra.push(property);
  }
  if (!reg) fail('the partition has no reg property', node);
  partition.offset = joinCells(reg.slice(0, addressCells), node, 'offset');
  partition.size = joinCells(reg.slice(addressCells), node, 'size');
  if (extra.length) partition.extraProperties = extra;
  if (node.children.length) partition.children = node.children;
  return partition;
}

function isFixedPartitions(node: DtsNode): boolean {
  const compatible = node.properties.find((p) => p.name === 'compatible');
  return compatible?.value?.some((chunk) => chunk.type === 'string' && chunk.value === FIXED) ?? false;
}

/** The outermost fixed-partitions nodes, in source order (a nested one belongs to its partition). */
function findTables(nodes: DtsNode[], found: DtsNode[] = []): DtsNode[] {
  for (const node of nodes) {
    if (isFixedPartitions(node)) found.push(node);
    else findTables(node.children, found);
  }
  return found;
}

/** Reads the fixed-partitions node of a DTS fragment or of a whole source file. */
export function parseFixedPartitions(input: string | Uint8Array): FixedPartitions {
  const tables = findTables(parseDts(input).nodes);
  if (tables.length === 0) throw new FormatError(`no node with compatible = "${FIXED}" was found`);
  if (tables.length > 1) {
    throw new FormatError(`found ${tables.length} fixed-partitions nodes (lines ${tables.map((t) => t.line).join(', ')}): give one flash's partitions at a time`, { line: tables[1].line, column: tables[1].column });
  }
  const node = tables[0];
  const addressCells = cellCount(node, '#address-cells');
  const sizeCells = cellCount(node, '#size-cells');
  const extra = node.properties.filter((p) => !['compatible', '#address-cells', '#size-cells'].includes(p.name));
  return {
    node: node.name,
    ...(node.labels ? { labels: node.labels } : {}),
    compatible: stringList(node.properties.find((p) => p.name === 'compatible')!, node),
    addressCells,
    sizeCells,
    partitions: node.children.map((child) => readPartition(child, addressCells, sizeCells)),
    ...(extra.length ? { extraProperties: extra } : {}),
  };
}
