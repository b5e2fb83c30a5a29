/**
 * Writes a partition.config fragment in the SDK's own style: the globals first (`:=` for the
 * download addresses and USR_MOUNT_BLOCKS as the SDK writes them), then one block per image of
 * `<image>$(SUFFIX) = value` lines, then the other variables. Where a value repeats another the
 * SDK would refer to, the reference is written instead, exactly as the vendor configs do:
 * `$(ipl$(PATSIZE))(IPL)` in mxp tables, `$(ipl$(MTDPART)),...` in cis tables,
 * `$(ipl$(DATASIZE))@$(cis$(PATSIZE))(IPL0)$(ipl$(BKCOUNT))` in MTDPART,
 * `$(call multiplyhex, $(ipl$(COPIES)), $(ipl$(DATASIZE)))` for a boot copy's PATSIZE. A reference is only
 * written when it expands to the very same text, so reading the fragment back gives the model.
 */
import { FormatError } from '../errors';
import { bashConstant, multiplyhex } from './bash';
import { ALKAID_SUFFIXES, CONFIG_GLOBALS, IMAGE_FIELDS, makeWords, type ConfigGlobal, type ImageField, type PartitionConfig } from './config';
import { quote } from '../quote';

export interface ConfigModelImage {
  name: string;
  fields: Partial<Record<ImageField, string>>;
}

/** What a partition.config says, without line numbers: the writer's input. */
export interface PartitionConfigModel {
  globals: Partial<Record<ConfigGlobal, string>>;
  /** Images of IMAGE_LIST (in its order), then images it does not list. */
  images: ConfigModelImage[];
  others: Array<{ name: string; value: string }>;
}

/** The model a structured reading describes (listed images first, then unlisted ones). */
export function configModel(config: PartitionConfig): PartitionConfigModel {
  const globals: PartitionConfigModel['globals'] = {};
  for (const [name, value] of Object.entries(config.globals)) globals[name as ConfigGlobal] = value.value;
  const images = [...config.images, ...config.unlistedImages].map((image) => {
    const fields: ConfigModelImage['fields'] = {};
    for (const [field, value] of Object.entries(image.fields)) fields[field as ImageField] = value.value;
    return { name: image.name, fields };
  });
  return { globals, images, others: config.others.map(({ name, value }) => ({ name, value })) };
}

/** The SDK writes these with `:=`. */
const SIMPLE_GLOBALS = new Set<ConfigGlobal>(['TFTPDOWNLOADADDR', 'KERNELBOOTADDR', 'INITRAMFSLOADADDR', 'USR_MOUNT_BLOCKS']);

/** Words make would read as directives at the start of a line. */
const RESERVED = new Set(['export', 'unexport', 'override', 'private', 'define', 'undefine', 'endef', 'include', '-include', 'sinclude', 'vpath', 'load', '-load', 'ifeq', 'ifneq', 'ifdef', 'ifndef', 'else', 'endif', 'multiplyhex']);

const NAME = /^[A-Za-z0-9_.-]+$/;
const SUFFIX_VALUES = Object.values(ALKAID_SUFFIXES);

/** Text make reads back as `text` from an assignment's right-hand side. */
function literal(text: string): string {
  let out = '';
  let slashes = 0;
  for (const char of text) {
    if (char === '$') out += '$$';
    // k backslashes before `#` need 2k + 1: make halves them and the odd one quotes the `#`.
    else if (char === '#') out += `${'\\'.repeat(slashes + 1)}#`;
    else out += char;
    slashes = char === '\\' ? slashes + 1 : 0;
  }
  return out;
}

function trailingBackslashes(text: string): number {
  let count = 0;
  while (count < text.length && text[text.length - 1 - count] === '\\') count++;
  return count;
}

function checkValue(text: string, what: string): void {
  if (/[\r\n\0]/.test(text)) throw new FormatError(`${what} ${quote(text)} holds a line break or NUL character, which a makefile line cannot`);
  if (/^[ \t]/.test(text)) throw new FormatError(`${what} ${quote(text)} starts with a blank, which make drops`);
  if (trailingBackslashes(text) % 2 === 1) throw new FormatError(`${what} ${quote(text)} ends with a backslash, which make reads as a line continuation`);
}

/** A reference to another image's field, or nothing when the model lacks it. */
type Lookup = (image: string | undefined, field: ImageField) => string | undefined;

const ref = (image: string, field: ImageField) => `$(${image}$(${field}))`;

/** Partition names of the tables to the image whose PATSIZE they use in the vendor configs. */
function ownerOf(partition: string, images: Map<string, ConfigModelImage>): string | undefined {
  const aliases: Record<string, string> = { MXPT: 'mxp', RECOVERY: 'kernel' };
  let end = partition.length;
  while (end > 0 && partition[end - 1] >= '0' && partition[end - 1] <= '9') end--;
  const candidate = aliases[partition] ?? partition.slice(0, end).toLowerCase();
  return images.has(candidate) ? candidate : undefined;
}

const ENTRY = /^(0x[0-9a-fA-F]+|[0-9]+)(?:@(0x[0-9a-fA-F]+|[0-9]+))?\(([^()]*)\)([0-9]*)$/;

/** `size[@offset](NAME)[count]` with the parts that equal another field written as references. */
function entryText(entry: string, owner: string | undefined, lookup: Lookup, own: boolean): string {
  const match = ENTRY.exec(entry);
  if (!match) return literal(entry);
  const [, size, offset, name, count] = match;
  const pick = (text: string, choices: Array<[string | undefined, ImageField]>) => {
    for (const [image, field] of choices) if (image !== undefined && lookup(image, field) === text) return ref(image, field);
    return literal(text);
  };
  const sizeChoices: Array<[string | undefined, ImageField]> = own ? [[owner, 'DATASIZE'], [owner, 'PATSIZE']] : [[owner, 'PATSIZE']];
  let text = pick(size, sizeChoices);
  if (offset !== undefined) text += `@${own ? pick(offset, [['cis', 'PATSIZE']]) : literal(offset)}`;
  text += `(${literal(name)})`;
  if (count !== '') text += own ? pick(count, [[owner, 'BKCOUNT']]) : literal(count);
  return text;
}

/** The partition name of a table entry (`IPL0` in `0x20000(IPL0)2`). */
const entryName = (entry: string) => /\(([^()]*)\)[0-9]*$/.exec(entry)?.[1];

/**
 * An image's MTDPART: the entries that are its own copies (IPL0, IPL1 for ipl) sized by its
 * DATASIZE and spared by its BKCOUNT; the CIS area as the offset of the first.
 */
function mtdpartText(value: string, image: string, images: Map<string, ConfigModelImage>, lookup: Lookup): string {
  return value
    .split(',')
    .map((entry) => {
      const name = entryName(entry);
      const owner = name === undefined ? undefined : ownerOf(name, images);
      return entryText(entry, owner === image ? image : undefined, lookup, true);
    })
    .join(',');
}

/** Each image's MTDPART entries, found by their first entry. */
function runsByFirstEntry(images: Map<string, ConfigModelImage>): Map<string, Array<{ name: string; entries: string[] }>> {
  const runs = new Map<string, Array<{ name: string; entries: string[] }>>();
  for (const image of images.values()) {
    const mtdpart = image.fields.MTDPART;
    if (mtdpart === undefined || mtdpart === '') continue;
    const entries = mtdpart.split(',');
    runs.set(entries[0], [...(runs.get(entries[0]) ?? []), { name: image.name, entries }]);
  }
  return runs;
}

/** A BOOTTAB/SYSTAB: whole runs that are another image's MTDPART, else entries sized by their image's PATSIZE. */
function tableText(value: string, images: Map<string, ConfigModelImage>, lookup: Lookup): string {
  const quoted = value.length >= 2 && value.startsWith('"') && value.endsWith('"');
  const entries = (quoted ? value.slice(1, -1) : value).split(',');
  const runs = runsByFirstEntry(images);
  const pieces: string[] = [];
  for (let i = 0; i < entries.length; ) {
    const run = runs.get(entries[i])?.find((candidate) => candidate.entries.every((entry, k) => entries[i + k] === entry));
    if (run) {
      pieces.push(ref(run.name, 'MTDPART'));
      i += run.entries.length;
      continue;
    }
    const name = entryName(entries[i]);
    pieces.push(entryText(entries[i], name === undefined ? undefined : ownerOf(name, images), lookup, false));
    i++;
  }
  const body = pieces.join(',');
  return quoted ? `"${body}"` : body;
}

function fieldText(image: ConfigModelImage, field: ImageField, model: PartitionConfigModel, images: Map<string, ConfigModelImage>, lookup: Lookup): string {
  const value = image.fields[field] ?? '';
  const { name } = image;
  // Only the boot-copy images (those with an MTDPART) compute PATSIZE; the CIS area is written as a number.
  if (field === 'PATSIZE' && image.fields.MTDPART !== undefined) {
    const copies = bashConstant(image.fields.COPIES ?? '');
    const data = bashConstant(image.fields.DATASIZE ?? '');
    if (copies.ok && data.ok) {
      const product = multiplyhex(copies.value, data.value);
      if (product.ok && product.text === value) return `$(call multiplyhex, ${ref(name, 'COPIES')}, ${ref(name, 'DATASIZE')})`;
    }
  }
  if (field === 'COPIES' && name === 'cis' && value !== '' && model.globals.CIS_COPIES === value) return '$(CIS_COPIES)';
  if (field === 'MTDPART') return mtdpartText(value, name, images, lookup);
  if (field === 'BOOTTAB' || field === 'SYSTAB') return tableText(value, images, lookup);
  return literal(value);
}

/** Every variable the fragment assigns must be distinct and read back as what it is. */
function checkNames(model: PartitionConfigModel): void {
  const listed = new Set(makeWords(model.globals.IMAGE_LIST ?? ''));
  const written = new Map<string, string>();
  const claim = (variable: string, what: string) => {
    const previous = written.get(variable);
    if (previous !== undefined) throw new FormatError(`${what} and ${previous} would both be the variable ${quote(variable)}`);
    if (variable in ALKAID_SUFFIXES) throw new FormatError(`${what} would be the variable ${quote(variable)}, which the SDK makefile defines as a suffix`);
    written.set(variable, what);
  };
  const checkName = (name: string, what: string) => {
    if (!NAME.test(name) || RESERVED.has(name)) throw new FormatError(`${what} ${quote(name)} must be letters, digits, "_", "." or "-", and not a make directive`);
    if (SUFFIX_VALUES.some((suffix) => name.endsWith(suffix))) throw new FormatError(`${what} ${quote(name)} ends like a per-image variable and would read back as one`);
  };
  for (const name of CONFIG_GLOBALS) if (model.globals[name] !== undefined) claim(name, `global ${name}`);
  for (const word of listed) checkName(word, 'IMAGE_LIST image');
  const seen = new Set<string>();
  for (const image of model.images) {
    checkName(image.name, 'image');
    if (seen.has(image.name)) throw new FormatError(`image ${quote(image.name)} appears twice`);
    seen.add(image.name);
    const fields = IMAGE_FIELDS.filter((field) => image.fields[field] !== undefined);
    if (!listed.has(image.name) && !fields.some((field) => field !== 'BOOTCMD')) {
      throw new FormatError(`image ${quote(image.name)} is not in IMAGE_LIST and has no field but BOOTCMD, so it could not be found again`);
    }
    for (const field of fields) claim(image.name + (ALKAID_SUFFIXES[field] ?? ''), `${quote(image.name)} ${field}`);
  }
  for (const other of model.others) {
    checkName(other.name, 'variable');
    if ((CONFIG_GLOBALS as readonly string[]).includes(other.name)) throw new FormatError(`variable ${quote(other.name)} is a global: set it in globals`);
    if (seen.has(other.name) || listed.has(other.name)) throw new FormatError(`variable ${quote(other.name)} is an image's name, which the SDK uses for its BOOTCMD`);
    claim(other.name, `variable ${quote(other.name)}`);
  }
}

export function writePartitionConfig(model: PartitionConfigModel): string {
  checkNames(model);
  const images = new Map(model.images.map((image) => [image.name, image]));
  const lookup: Lookup = (image, field) => (image === undefined ? undefined : images.get(image)?.fields[field]);
  const lines: string[] = [];
  const assign = (name: string, operator: '=' | ':=', text: string, value: string, what: string) => {
    checkValue(value, what);
    lines.push(operator === ':=' ? `${name}:=${text}` : text === '' ? `${name} =` : `${name} = ${text}`);
  };
  for (const name of CONFIG_GLOBALS) {
    const value = model.globals[name];
    if (value !== undefined) assign(name, SIMPLE_GLOBALS.has(name) ? ':=' : '=', literal(value), value, name);
  }
  for (const image of model.images) {
    const fields = IMAGE_FIELDS.filter((field) => image.fields[field] !== undefined);
    if (fields.length === 0) continue;
    lines.push('');
    for (const field of fields) {
      assign(`${image.name}$(${field})`, '=', fieldText(image, field, model, images, lookup), image.fields[field] ?? '', `${quote(image.name)} ${field}`);
    }
  }
  if (model.others.length > 0) lines.push('');
  for (const other of model.others) assign(other.name, '=', literal(other.value), other.value, quote(other.name));
  return `${lines.join('\n')}\n`;
}
