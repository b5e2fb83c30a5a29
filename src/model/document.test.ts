import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPath, parseDocument, parseDocumentText, serializeDocument, type DocumentError, type LayoutDocument } from './document';
import { PRESETS } from '../presets';
import { layoutOf, part } from '../test-support/documents';

/** A preset as plain JSON data, free to be broken by a test (hence untyped). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function presetJson(id: string): Record<string, any> {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return JSON.parse(JSON.stringify(preset.build()));
}

function errorsOf(value: unknown): DocumentError[] {
  const result = parseDocument(value);
  if (result.ok) throw new Error('expected the document to be rejected');
  return result.errors;
}

/** The single error reported at `path`. */
function errorAt(value: unknown, path: string): DocumentError {
  const errors = errorsOf(value);
  const matching = errors.filter((e) => e.path === path);
  expect(matching, `errors: ${JSON.stringify(errors)}`).not.toHaveLength(0);
  return matching[0];
}

describe('parseDocument', () => {
  it.each(PRESETS.map((p) => [p.id, p]))('accepts the %s preset', (_id, preset) => {
    const result = parseDocument(JSON.parse(JSON.stringify(preset.build())));
    expect(result.ok).toBe(true);
  });

  it('names the bad field of a partition by its path', () => {
    const doc = presetJson('sstar-nor');
    doc.partitions[2].size = 'big';
    const errors = errorsOf(doc);
    expect(errors.map((e) => e.path)).toEqual(['partitions[2].size']);
    expect(errors[0].message).toMatch(/number of bytes|rest/);
  });

  it('rejects an unknown device family at device.family and lists the families', () => {
    const doc = presetJson('sstar-nor');
    doc.device.family = 'stm32';
    expect(errorAt(doc, 'device.family').message).toMatch(/sstar-nor.*sstar-nand.*esp32.*emmc.*nor/);
  });

  it('rejects a bad area start at areas[0].start', () => {
    const doc = presetJson('sstar-nor');
    doc.areas[0].start = 'beginning';
    expect(errorAt(doc, 'areas[0].start').message).toMatch(/number of bytes or "auto"/);
  });

  it('rejects a wrong format and a wrong version', () => {
    const doc = presetJson('qemu-nor');
    doc.format = 'genimage';
    doc.version = 2;
    const errors = errorsOf(doc);
    expect(errors.map((e) => e.path).sort()).toEqual(['format', 'version']);
    expect(errorAt(doc, 'format').message).toMatch(/"flashmap"/);
    expect(errorAt(doc, 'version').message).toMatch(/1/);
  });

  it('rejects negative, fractional and too large numbers with a clear message', () => {
    const doc = presetJson('sstar-nor');
    doc.partitions[0].size = -4096;
    doc.partitions[1].offset = 0x1000 + 0.5;
    doc.partitions[3].size = 2 ** 53;
    doc.device.size = 16.5 * 1024 * 1024 + 0.25;
    doc.device.geometry.eraseBlock = -1;
    const errors = errorsOf(doc);
    expect([...new Set(errors.map((e) => e.path))].sort()).toEqual(
      ['device.geometry.eraseBlock', 'device.size', 'partitions[0].size', 'partitions[1].offset', 'partitions[3].size'].sort(),
    );
    expect(errorAt(doc, 'partitions[0].size').message).toMatch(/negative/);
    expect(errorAt(doc, 'partitions[1].offset').message).toMatch(/whole number/);
    expect(errorAt(doc, 'device.size').message).toMatch(/whole number/);
    expect(errorsOf(doc).filter((e) => e.path === 'partitions[3].size').map((e) => e.message).join(' ')).toMatch(/2\^53/);
  });

  it('rejects a zero-byte device and area', () => {
    const doc = presetJson('qemu-nor');
    doc.device.size = 0;
    doc.areas[0].size = 0;
    expect(errorAt(doc, 'device.size').message).toMatch(/at least 1 byte/);
    expect(errorAt(doc, 'areas[0].size').message).toMatch(/at least 1 byte/);
  });

  it('rejects a document without areas', () => {
    const doc = presetJson('qemu-nor');
    doc.areas = [];
    doc.partitions = [];
    expect(errorAt(doc, 'areas').message).toMatch(/at least one area/);
  });

  it('rejects a missing field and a value of the wrong type', () => {
    const doc = presetJson('esp32-ota');
    delete doc.partitions[4].kind;
    doc.partitions[5].esp32.subtype = 256;
    doc.name = 7;
    const paths = errorsOf(doc).map((e) => e.path);
    expect(paths).toContain('partitions[4].kind');
    expect(paths).toContain('partitions[5].esp32.subtype');
    expect(paths).toContain('name');
  });

  it('rejects things that are not documents at all', () => {
    expect(errorsOf(null)[0].path).toBe('(document)');
    expect(errorsOf([]).length).toBeGreaterThan(0);
    expect(errorAt({ ...presetJson('qemu-nor'), partitions: 5 }, 'partitions').message).toMatch(/array/);
  });

  it('rejects duplicate area and partition ids', () => {
    const doc = presetJson('sstar-nor');
    doc.areas[1].id = doc.areas[0].id;
    doc.areas[1].name = 'copy';
    const areaError = errorAt(doc, 'areas[1].id');
    expect(areaError.message).toMatch(/duplicate area id "boot"/);

    const parts = presetJson('sstar-nor');
    parts.partitions[4].id = parts.partitions[1].id;
    expect(errorAt(parts, 'partitions[4].id').message).toMatch(/duplicate partition id "ipl-cust"/);
  });

  it('rejects a partition naming a missing area', () => {
    const doc = presetJson('sstar-nand');
    doc.partitions[6].area = 'data';
    expect(errorAt(doc, 'partitions[6].area').message).toMatch(/no area with id "data"/);
  });

  it('reports every bad field at once', () => {
    const doc = presetJson('emmc-boot');
    doc.device.family = 'floppy';
    doc.partitions[0].kind = 'bogus';
    doc.partitions[3].offset = -1;
    expect(errorsOf(doc).map((e) => e.path).sort()).toEqual(['device.family', 'partitions[0].kind', 'partitions[3].offset']);
  });
});

describe('formatPath', () => {
  it('reads like a JavaScript accessor', () => {
    expect(formatPath(['partitions', 2, 'size'])).toBe('partitions[2].size');
    expect(formatPath(['device', 'geometry', 'eraseBlock'])).toBe('device.geometry.eraseBlock');
    expect(formatPath([])).toBe('(document)');
  });
});

describe('parseDocumentText and serializeDocument', () => {
  it.each(PRESETS.map((p) => [p.id, p]))('round-trips the %s preset', (_id, preset) => {
    const document = preset.build();
    const text = serializeDocument(document);
    expect(text.endsWith('\n')).toBe(true);
    const result = parseDocumentText(text);
    expect(result).toEqual({ ok: true, document });
  });

  it('round-trips generated layouts with values above 4 GiB', () => {
    const partition = fc.record({
      offset: fc.oneof(fc.constant('auto' as const), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
      size: fc.oneof(fc.constant('rest' as const), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
      name: fc.string({ maxLength: 20 }),
    });
    fc.assert(
      fc.property(fc.array(partition, { maxLength: 8 }), (specs) => {
        const document: LayoutDocument = layoutOf(specs.map((spec, i) => ({ ...part(`p${i}`, spec.offset, spec.size), name: spec.name })));
        expect(parseDocumentText(serializeDocument(document))).toEqual({ ok: true, document });
      }),
    );
  });

  it.each([
    ['an empty file', ''],
    ['a trailing comma', '{"format": "flashmap",}'],
    ['a missing value', '{"format":}'],
    ['a truncated file', '{"format": "flashmap", "partitions": ['],
    ['plain text', 'IPL 0x10000'],
  ])('rejects %s as invalid JSON', (_what, text) => {
    const result = parseDocumentText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].path).toBe('(file)');
    expect(result.errors[0].message).toMatch(/^not valid JSON/);
  });

  it('checks the schema after the JSON syntax', () => {
    const result = parseDocumentText('{"format": "flashmap", "version": 1}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['name', 'device', 'areas', 'partitions']));
  });
});

describe('volumes and SigmaStar fields', () => {
  const withVolumes = () => {
    const doc = layoutOf([part('UBI', 0, 0x100000, { kind: 'ubi', volumes: [{ id: 'rootfs', name: 'rootfs', size: 0x40000, fs: 'ubifs', readOnly: true }, { id: 'data', name: 'data', size: 'rest' }] })]);
    return JSON.parse(JSON.stringify(doc));
  };

  it('accepts volumes, image fields and device options', () => {
    const doc = withVolumes();
    doc.partitions[0].sstar = { image: 'ubi', fields: { MOUNTPT: 'ubi0:data' } };
    doc.device.sstar = { envMerge: true, cisCopies: 5, config: { globals: { IMAGE_LIST: 'ipl kernel' }, others: [], images: [] } };
    expect(parseDocument(doc).ok).toBe(true);
  });

  it('refuses a volume id that a partition or another volume has', () => {
    const doc = withVolumes();
    doc.partitions[0].volumes[1].id = 'UBI';
    expect(errorAt(doc, 'partitions[0].volumes[1].id').message).toMatch(/duplicate id "UBI" \(partitions and volumes share ids\)/);
  });

  it('names a bad volume field and a bad image field by its path', () => {
    const doc = withVolumes();
    doc.partitions[0].volumes[0].name = '';
    doc.partitions[0].sstar = { image: 'has space', fields: { lower: 'x' } };
    expect(errorsOf(doc).map((e) => e.path).sort()).toEqual(['partitions[0].sstar.fields.lower', 'partitions[0].sstar.image', 'partitions[0].volumes[0].name']);
  });
});
