/**
 * The device-tree source records this codec reads and writes: nodes with labels, properties
 * whose values are strings, cell lists, byte strings and references, as dtc's grammar has them.
 */

/** One cell of a `< >` list: a 32-bit number, or a phandle reference to a label. */
export type DtsCell = number | { ref: string };

export type DtsChunk =
  | { type: 'string'; value: string }
  | { type: 'cells'; cells: DtsCell[] }
  | { type: 'bytes'; bytes: number[] }
  | { type: 'ref'; ref: string };

export interface DtsProperty {
  name: string;
  /** Comma-separated chunks; absent for a boolean property (`read-only;`). */
  value?: DtsChunk[];
  labels?: string[];
}

export interface DtsNode {
  /** `partition@40000`, `/` for the root, `&label` for a reference to an existing node. */
  name: string;
  labels?: string[];
  properties: DtsProperty[];
  children: DtsNode[];
  /** 1-based line of the name in the source (set by the parser). */
  line?: number;
  column?: number;
}

/** Characters of node and property names (dtc's PROPNODECHAR). */
export const NAME_PATTERN = /^[a-zA-Z0-9,._+*#?@-]+$/;
export const LABEL_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
export const MAX_CELL = 0xffffffff;
