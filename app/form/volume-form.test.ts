import { describe, expect, it } from 'vitest';
import type { Volume } from '../../src/index';
import { volumeFormSchema, volumeFormValues, type VolumeFormValues } from './volume-form';

const customer: Volume = { id: 'customer', name: 'customer', size: 0x500000, fs: 'ubifs', readOnly: false };

function submit(volume: Volume, changes: Partial<VolumeFormValues>) {
  const result = volumeFormSchema(volume).safeParse({ ...volumeFormValues(volume, undefined), ...changes });
  if (!result.success) return { errors: Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message])) };
  return { changes: result.data };
}

describe('the volume form', () => {
  it('gives the volume back unchanged', () => {
    expect(submit(customer, {})).toEqual({ changes: { name: 'customer', size: 0x500000, fs: 'ubifs', readOnly: false, description: undefined } });
  });

  it('edits the size as people type it, the rest switch, the filesystem and read-only', () => {
    expect(submit(customer, { size: '20M' }).changes?.size).toBe(20 * 1024 * 1024);
    expect(submit(customer, { sizeRest: true }).changes?.size).toBe('rest');
    expect(submit(customer, { readOnly: 'ro', fs: 'squashfs' }).changes).toMatchObject({ readOnly: true, fs: 'squashfs' });
    expect(submit(customer, { readOnly: '' }).changes?.readOnly).toBeUndefined();
  });

  it('refuses an empty or too long name and a bad size, at their field', () => {
    expect(submit(customer, { name: '', size: '5 parsecs' }).errors).toEqual({ name: 'must not be empty', size: expect.stringContaining('unknown unit') });
    expect(submit(customer, { name: 'x'.repeat(128) }).errors).toEqual({ name: 'at most 127 characters (UBI_VOL_NAME_MAX)' });
  });
});
