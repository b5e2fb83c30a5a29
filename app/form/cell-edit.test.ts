import { describe, expect, it } from 'vitest';
import { familyOf, findPreset, updatePartition, type LayoutDocument } from '../../src/index';
import { place } from '../../src/layout/place';
import { cellChanges, cellContext, cellText, type EditableColumn } from './cell-edit';
import { partitionFormSchema, partitionFormValues } from './partition-form';

const MiB = 1024 * 1024;

function twoOta(): LayoutDocument {
  return findPreset('esp32-ota')!.build();
}

function idOf(document: LayoutDocument, name: string): string {
  return document.partitions.find((p) => p.name === name)!.id;
}

/** Types `text` into the cell and returns the edited partition or the cell's message. */
function typeInCell(document: LayoutDocument, name: string, column: EditableColumn, text: string) {
  const placement = place(document, familyOf(document));
  const id = idOf(document, name);
  const result = cellChanges(column, text, cellContext(document, placement, id)!, placement);
  return result.ok ? { partition: updatePartition(document, id, result.changes).partitions.find((p) => p.id === id)! } : { error: result.error };
}

/** The message the partition form gives for the same text in the same field. */
function formMessage(document: LayoutDocument, name: string, field: 'name' | 'offset' | 'size', text: string): string | undefined {
  const placement = place(document, familyOf(document));
  const context = cellContext(document, placement, idOf(document, name))!;
  const result = partitionFormSchema(context).safeParse({ ...partitionFormValues(context), offsetAuto: false, sizeRest: false, [field]: text });
  return result.success ? undefined : result.error.issues.find((i) => i.path[0] === field)?.message;
}

describe('a partition table cell typed in', () => {
  it('starts with the text the form shows', () => {
    const document = twoOta();
    const placement = place(document, familyOf(document));
    const context = cellContext(document, placement, idOf(document, 'ota_1'))!;
    expect([cellText('name', context), cellText('offset', context), cellText('size', context)]).toEqual(['ota_1', '0x210000', '0x100000']);
  });

  it('reads sizes and offsets in the units of the form, and a typed offset is no longer automatic', () => {
    const document = twoOta();
    expect(typeInCell(document, 'ota_1', 'size', '1536K').partition?.size).toBe(1.5 * MiB);
    expect(typeInCell(document, 'ota_1', 'size', '0x80000').partition?.size).toBe(0x80000);
    expect(typeInCell(document, 'ota_1', 'offset', '2M').partition?.offset).toBe(2 * MiB);
    expect(typeInCell(document, 'ota_1', 'name', 'ota_b').partition?.name).toBe('ota_b');
  });

  it('changes only the field typed in: the rest of the partition is as the form gives it back', () => {
    const document = twoOta();
    const before = document.partitions.find((p) => p.name === 'factory')!;
    const { partition } = typeInCell(document, 'factory', 'size', '2M');
    expect(partition).toEqual({ ...before, size: 2 * MiB });
  });

  it("refuses a bad value with the form's own message", () => {
    const document = twoOta();
    for (const [column, text] of [
      ['size', '12 parsecs'],
      ['size', '1.5M'],
      ['offset', 'here'],
      ['name', '   '],
    ] as const) {
      const { error } = typeInCell(document, 'ota_1', column, text);
      expect(error, `${column} "${text}"`).toBeDefined();
      expect(error).toBe(formMessage(document, 'ota_1', column, text));
    }
    expect(typeInCell(document, 'ota_1', 'size', '12 parsecs').error).toBe('unknown unit "parsecs" in "12 parsecs" (use K, M, G or T)');
  });

  it('refuses an offset at or past the end of the flash, where the partition would be nowhere', () => {
    const document = twoOta();
    expect(typeInCell(document, 'ota_1', 'offset', '4M').error).toBe('must be below 0x400000, the end of Flash');
    expect(typeInCell(document, 'ota_1', 'offset', '0x500000').error).toBe('must be below 0x400000, the end of Flash');
    // Starting inside the flash is a place (it may run past the end: the problem list offers fixes).
    expect(typeInCell(document, 'ota_1', 'offset', '0x3F0000').partition?.offset).toBe(0x3f0000);
  });

  it('a size typed into a "rest of area" partition replaces "rest"', () => {
    const document = twoOta();
    const rest = updatePartition(document, idOf(document, 'ota_1'), { size: 'rest' });
    expect(typeInCell(rest, 'ota_1', 'size', '1M').partition?.size).toBe(MiB);
  });
});
