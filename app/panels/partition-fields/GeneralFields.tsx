/** Name, kind and filesystem of a partition. */
import { FILESYSTEMS, PARTITION_KINDS, type Family, type Partition } from '../../../src/index';
import { Field } from '../../form/Field';
import { KIND_LABELS } from '../../map/kind-style';
import type { PartitionFormApi } from './form-type';

/**
 * Only the kinds and filesystems the family can hold (no UBI or ext4 on an ESP32), plus whatever
 * the partition has now, so an imported oddity is shown rather than silently changed.
 */
export function GeneralFields({ form, family, current }: { form: PartitionFormApi; family: Family; current: Partition }) {
  const kinds = PARTITION_KINDS.filter((kind) => !family.kinds || family.kinds.includes(kind) || kind === current.kind);
  const filesystems = FILESYSTEMS.filter((fs) => !family.filesystems || family.filesystems.includes(fs) || fs === current.fs);
  return (
    <>
      <Field label="Name" error={form.errorOf('name')}>
        {(control) => <input type="text" autoComplete="off" spellCheck={false} {...control} {...form.text('name')} />}
      </Field>
      <div className="field-pair">
        <Field label="Kind">
          {(control) => (
            <select {...control} {...form.choice('kind')}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Filesystem">
          {(control) => (
            <select {...control} {...form.choice('fs')}>
              <option value="">none</option>
              {filesystems.map((fs) => (
                <option key={fs} value={fs}>
                  {fs}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </>
  );
}
