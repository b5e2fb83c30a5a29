/**
 * sw-description ↔ libconfig tree: known settings become typed fields (a setting of the wrong
 * libconfig type is a located error, since SWUpdate would read it as empty or false), groups
 * under `software` become nested board/collection sections, and the rest is kept verbatim.
 */
import { FormatError } from '../errors';
import { emitLibconfig } from './emit-libconfig';
import type { LibconfigScalar, LibconfigSetting, LibconfigValue } from './libconfig';
import { parseLibconfig } from './parse-libconfig';
import { cut, quote } from '../quote';
import type { SwArtifact, SwBootenv, SwDescription, SwSection } from './records';

type FieldType = 'string' | 'bool' | 'number|string' | 'string|bool' | 'strings';

const ARTIFACT_FIELDS: Array<[keyof SwArtifact & string, string, FieldType]> = [
  ['filename', 'filename', 'string'],
  ['name', 'name', 'string'],
  ['version', 'version', 'string'],
  ['type', 'type', 'string'],
  ['device', 'device', 'string'],
  ['volume', 'volume', 'string'],
  ['mtdname', 'mtdname', 'string'],
  ['path', 'path', 'string'],
  ['filesystem', 'filesystem', 'string'],
  ['offset', 'offset', 'number|string'],
  ['size', 'size', 'number|string'],
  ['sha256', 'sha256', 'string'],
  ['compressed', 'compressed', 'string|bool'],
  ['encrypted', 'encrypted', 'bool'],
  ['installedDirectly', 'installed-directly', 'bool'],
  ['preserveAttributes', 'preserve-attributes', 'bool'],
  ['installIfDifferent', 'install-if-different', 'bool'],
  ['installIfHigher', 'install-if-higher', 'bool'],
  ['data', 'data', 'string'],
  ['ivt', 'ivt', 'string'],
  ['ref', 'ref', 'string'],
];

const BOOTENV_FIELDS: Array<[keyof SwBootenv & string, string, FieldType]> = [
  ['name', 'name', 'string'],
  ['value', 'value', 'string'],
  ['ref', 'ref', 'string'],
];

const SECTION_FIELDS: Array<[keyof SwSection & string, string, FieldType]> = [
  ['version', 'version', 'string'],
  ['description', 'description', 'string'],
  ['hardwareCompatibility', 'hardware-compatibility', 'strings'],
  ['reboot', 'reboot', 'bool'],
  ['embeddedScript', 'embedded-script', 'string'],
  ['bootloaderTransactionMarker', 'bootloader_transaction_marker', 'bool'],
  ['bootloaderStateMarker', 'bootloader_state_marker', 'bool'],
];

const ARTIFACT_LISTS = [
  ['images', 'images'],
  ['files', 'files'],
  ['scripts', 'scripts'],
  ['partitions', 'partitions'],
] as const;
const BOOTENV_LISTS = [
  ['bootenv', 'bootenv'],
  ['uboot', 'uboot'],
] as const;

function where(setting: LibconfigSetting): { line?: number; column?: number } {
  return { line: setting.line, column: setting.column };
}

function fail(message: string, setting: LibconfigSetting, path: string): never {
  const at = setting.line === undefined ? '' : ` at line ${setting.line}, column ${setting.column}`;
  throw new FormatError(`${path}${cut(setting.name)}: ${message}${at}`, where(setting));
}

function describe(value: LibconfigValue): string {
  switch (value.type) {
    case 'int':
      return 'an integer';
    case 'bool':
      return 'a boolean';
    case 'array':
      return 'an array';
    case 'list':
      return 'a list';
    case 'group':
      return 'a group';
    default:
      return `a ${value.type}`;
  }
}

function readField(setting: LibconfigSetting, type: FieldType, path: string): unknown {
  const { value } = setting;
  const expected = (what: string): never => fail(`expected ${what}, found ${describe(value)}`, setting, path);
  switch (type) {
    case 'string':
      return value.type === 'string' ? value.value : expected('a string');
    case 'bool':
      return value.type === 'bool' ? value.value : expected('true or false');
    case 'number|string':
      return value.type === 'string' || value.type === 'int' ? value.value : expected('a number or a string');
    case 'string|bool':
      return value.type === 'string' || value.type === 'bool' ? value.value : expected('a string or true/false');
    case 'strings':
      if (value.type !== 'array' && value.type !== 'list') return expected('an array of strings');
      return value.values.map((item) => (item.type === 'string' ? item.value : expected('an array of strings')));
  }
}

/** Known fields typed; everything else in `extra`. */
function readEntry<T extends { extra?: LibconfigSetting[] }>(settings: LibconfigSetting[], fields: Array<[string, string, FieldType]>, path: string): T {
  const entry: Record<string, unknown> = {};
  const extra: LibconfigSetting[] = [];
  for (const setting of settings) {
    const field = fields.find(([, name]) => name === setting.name);
    if (field) entry[field[0]] = readField(setting, field[2], path);
    else extra.push(setting);
  }
  if (extra.length) entry.extra = extra;
  return entry as T;
}

function readList<T extends { extra?: LibconfigSetting[] }>(setting: LibconfigSetting, fields: Array<[string, string, FieldType]>, path: string): T[] {
  const { value } = setting;
  if (value.type !== 'list') fail(`expected a list ( { … }, … ), found ${describe(value)}`, setting, path);
  return value.values.map((item, index) => {
    if (item.type !== 'group') fail(`entry ${index + 1} must be a group { … }, found ${describe(item)}`, setting, path);
    return readEntry<T>(item.settings, fields, `${path}${setting.name}[${index}].`);
  });
}

function readSection(settings: LibconfigSetting[], path: string): SwSection {
  const section: Record<string, unknown> = {};
  const sections: SwSection['sections'] = [];
  const extra: LibconfigSetting[] = [];
  for (const setting of settings) {
    const field = SECTION_FIELDS.find(([, name]) => name === setting.name);
    const artifacts = ARTIFACT_LISTS.find(([, name]) => name === setting.name);
    const bootenv = BOOTENV_LISTS.find(([, name]) => name === setting.name);
    if (field) section[field[0]] = readField(setting, field[2], path);
    else if (artifacts) section[artifacts[0]] = readList<SwArtifact>(setting, ARTIFACT_FIELDS, path);
    else if (bootenv) section[bootenv[0]] = readList<SwBootenv>(setting, BOOTENV_FIELDS, path);
    else if (setting.value.type === 'group') sections.push({ name: setting.name, section: readSection(setting.value.settings, `${path}${cut(setting.name)}.`) });
    else extra.push(setting);
  }
  if (sections.length) section.sections = sections;
  if (extra.length) section.extra = extra;
  return section as SwSection;
}

/** Reads a sw-description (text, or the bytes of the file). */
export function parseSwDescription(input: string | Uint8Array): SwDescription {
  const settings = parseLibconfig(input);
  const software = settings.find((setting) => setting.name === 'software');
  if (!software) throw new FormatError('no "software" setting: SWUpdate reads everything from software = { … }');
  if (software.value.type !== 'group') fail(`expected a group { … }, found ${describe(software.value)}`, software, '');
  const extra = settings.filter((setting) => setting !== software);
  return { software: readSection(software.value.settings, 'software.'), ...(extra.length ? { extra } : {}) };
}

function scalarOf(value: unknown, type: FieldType, path: string): LibconfigValue {
  const string = (text: unknown): LibconfigScalar => {
    if (typeof text !== 'string') throw new FormatError(`${path}: expected a string, found ${typeof text}`);
    return { type: 'string', value: text };
  };
  switch (type) {
    case 'string':
      return string(value);
    case 'bool':
      if (typeof value !== 'boolean') throw new FormatError(`${path}: expected true or false, found ${typeof value}`);
      return { type: 'bool', value };
    case 'number|string':
      if (typeof value === 'number') return { type: 'int', value };
      return string(value);
    case 'string|bool':
      if (typeof value === 'boolean') return { type: 'bool', value };
      return string(value);
    case 'strings':
      if (!Array.isArray(value)) throw new FormatError(`${path}: expected an array of strings`);
      return { type: 'array', values: value.map(string) };
  }
}

/** The typed fields as settings, then the extra ones (which must not take a field's name). */
function writeEntry(entry: object, fields: Array<[string, string, FieldType]>, path: string, reserved: readonly string[] = []): LibconfigSetting[] {
  const record = entry as Record<string, unknown>;
  const settings: LibconfigSetting[] = [];
  for (const [key, name, type] of fields) {
    if (record[key] !== undefined) settings.push({ name, value: scalarOf(record[key], type, `${path}${name}`) });
  }
  const known = new Set([...fields.map(([, name]) => name), ...reserved]);
  for (const setting of (record.extra as LibconfigSetting[] | undefined) ?? []) {
    if (known.has(setting.name)) throw new FormatError(`${path}${cut(setting.name)}: an extra setting cannot take the name of a field this codec reads; set the field instead`);
  }
  return settings;
}

function listSetting(name: string, items: ReadonlyArray<{ extra?: LibconfigSetting[] }>, fields: Array<[string, string, FieldType]>, path: string): LibconfigSetting {
  const values: LibconfigValue[] = items.map((item, i) => ({ type: 'group', settings: [...writeEntry(item, fields, `${path}${name}[${i}].`), ...(item.extra ?? [])] }));
  return { name, value: { type: 'list', values } };
}

const LIST_NAMES: readonly string[] = [...ARTIFACT_LISTS, ...BOOTENV_LISTS].map(([, name]) => name);

function writeSection(section: SwSection, path: string): LibconfigSetting[] {
  const settings = writeEntry(section, SECTION_FIELDS, path, LIST_NAMES);
  for (const setting of section.extra ?? []) {
    // A group here would read back as a board or collection section.
    if (setting.value.type === 'group') throw new FormatError(`${path}${cut(setting.name)}: a group under software is a board or collection section; put it in sections`);
  }
  for (const [key, name] of ARTIFACT_LISTS) {
    const list = section[key];
    if (list) settings.push(listSetting(name, list, ARTIFACT_FIELDS, path));
  }
  for (const [key, name] of BOOTENV_LISTS) {
    const list = section[key];
    if (list) settings.push(listSetting(name, list, BOOTENV_FIELDS, path));
  }
  for (const { name, section: nested } of section.sections ?? []) {
    if (SECTION_FIELDS.some(([, field]) => field === name) || LIST_NAMES.includes(name)) throw new FormatError(`${path}${cut(name)}: a board or collection section cannot take the name of a setting this codec reads`);
    settings.push({ name, value: { type: 'group', settings: writeSection(nested, `${path}${cut(name)}.`) } });
  }
  return [...settings, ...(section.extra ?? [])];
}

/** The sw-description text: `software = { … };` and any settings beside it. */
export function emitSwDescription(description: SwDescription): string {
  const reserved = new Set(['software']);
  for (const setting of description.extra ?? []) {
    if (reserved.has(setting.name)) throw new FormatError(`extra setting ${quote(setting.name)} would replace the software group`);
  }
  return emitLibconfig([{ name: 'software', value: { type: 'group', settings: writeSection(description.software, 'software.') } }, ...(description.extra ?? [])]);
}
