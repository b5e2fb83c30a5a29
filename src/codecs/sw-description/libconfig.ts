/**
 * The libconfig tree (libconfig 1.5, the version Debian's swupdate links): settings `name = value`
 * or `name : value`, ended by `;`, `,` or nothing; groups `{ }`, lists `( )` of any values,
 * arrays `[ ]` of scalars of one type; strings, integers (32-bit, 64-bit with L or when larger),
 * hex integers, floats and booleans.
 */

export type LibconfigScalar =
  | { type: 'string'; value: string }
  | {
      type: 'int';
      value: number;
      /** A 64-bit setting: written with L, or too large for 32 bits. */
      int64?: boolean;
      /** Written in hex (libconfig keeps the format). */
      hex?: boolean;
    }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean };

export type LibconfigValue =
  | LibconfigScalar
  | { type: 'array'; values: LibconfigScalar[] }
  | { type: 'list'; values: LibconfigValue[] }
  | { type: 'group'; settings: LibconfigSetting[] };

export interface LibconfigSetting {
  name: string;
  value: LibconfigValue;
  /** 1-based position of the name (set by the parser). */
  line?: number;
  column?: number;
}

/** Setting names (libconfig's `name` rule). */
export const NAME_PATTERN = /^[A-Za-z*][-A-Za-z0-9_*]*$/;

export const INT32_MIN = -(2 ** 31);
export const INT32_MAX = 2 ** 31 - 1;
