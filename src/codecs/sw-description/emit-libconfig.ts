/**
 * Writes libconfig text that libconfig 1.5 (and parseLibconfig) reads back as the same tree:
 * `name = value;` for scalars and groups, `name: [ … ];` and `name: ( … );` for arrays and
 * lists as SWUpdate's documentation writes them, tabs, strings with libconfig's escapes.
 */
import { FormatError } from '../errors';
import { quote } from '../quote';
import { INT32_MAX, INT32_MIN, NAME_PATTERN, type LibconfigScalar, type LibconfigSetting, type LibconfigValue } from './libconfig';

export function libconfigString(value: string): string {
  if (value.includes('\0')) throw new FormatError(`string ${quote(value)} contains a NUL, which libconfig cannot hold`);
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '"') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function intText(value: number, int64: boolean, hex: boolean): string {
  if (!Number.isSafeInteger(value)) throw new FormatError(`integer ${String(value)} is not a whole number within 2^53 - 1`);
  const wide = int64 || value < INT32_MIN || value > INT32_MAX;
  const suffix = int64 && value >= INT32_MIN && value <= INT32_MAX ? 'L' : '';
  if (hex && (wide ? value >= 0 : true)) {
    // A negative 32-bit value is the C int that its 32-bit hex spelling wraps to.
    const bits = !wide && value < 0 ? value + 2 ** 32 : value;
    return `0x${bits.toString(16).toUpperCase()}${wide ? 'L' : ''}`;
  }
  return `${value}${suffix}`;
}

function floatText(value: number): string {
  if (!Number.isFinite(value)) throw new FormatError(`float ${String(value)} cannot be written in libconfig`);
  const text = Object.is(value, -0) ? '-0' : String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

export function scalarText(value: LibconfigScalar): string {
  switch (value.type) {
    case 'string':
      return libconfigString(value.value);
    case 'int':
      return intText(value.value, value.int64 === true, value.hex === true);
    case 'float':
      return floatText(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
  }
}

function valueLines(value: LibconfigValue, depth: number): string[] {
  const pad = '\t'.repeat(depth);
  switch (value.type) {
    case 'group':
      checkNames(value.settings);
      return ['{', ...value.settings.flatMap((setting) => settingLines(setting, depth + 1)), `${pad}}`];
    case 'array': {
      const first = value.values[0];
      for (const item of value.values) {
        const same = item.type === first.type && (item.type !== 'int' || Boolean(item.int64) === Boolean((first as { int64?: boolean }).int64));
        if (!same) throw new FormatError('array elements must all have one type (libconfig refuses mixed arrays)');
      }
      return [value.values.length ? `[ ${value.values.map(scalarText).join(', ')} ]` : '[ ]'];
    }
    case 'list': {
      if (value.values.length === 0) return ['( )'];
      const lines = ['('];
      value.values.forEach((item, index) => {
        const itemLines = valueLines(item, depth + 1);
        itemLines[0] = `${pad}\t${itemLines[0]}`;
        if (index < value.values.length - 1) itemLines[itemLines.length - 1] += ',';
        lines.push(...itemLines);
      });
      lines.push(`${pad})`);
      return lines;
    }
    default:
      return [scalarText(value)];
  }
}

export function settingLines(setting: LibconfigSetting, depth: number): string[] {
  if (!NAME_PATTERN.test(setting.name) || /^(true|false)$/i.test(setting.name)) {
    throw new FormatError(`${quote(setting.name)} is not a libconfig setting name (a letter or *, then letters, digits, -, _ or *)`);
  }
  const pad = '\t'.repeat(depth);
  const lines = valueLines(setting.value, depth);
  const operator = setting.value.type === 'list' || setting.value.type === 'array' ? ':' : ' =';
  lines[0] = `${pad}${setting.name}${operator} ${lines[0]}`;
  lines[lines.length - 1] += ';';
  return lines;
}

function checkNames(settings: readonly LibconfigSetting[]): void {
  const names = new Set<string>();
  for (const setting of settings) {
    if (names.has(setting.name)) throw new FormatError(`duplicate setting name ${quote(setting.name)}: libconfig refuses it`);
    names.add(setting.name);
  }
}

/** libconfig text for top-level settings. A value outside 32 bits is written as (and reads back as) 64-bit. */
export function emitLibconfig(settings: readonly LibconfigSetting[]): string {
  checkNames(settings);
  return settings.map((setting) => settingLines(setting, 0).join('\n') + '\n').join('');
}
