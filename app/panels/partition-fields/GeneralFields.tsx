/** Name, kind and filesystem of a partition. */
import { FILESYSTEMS, PARTITION_KINDS } from '../../../src/index';
import { Field } from '../../form/Field';
import { KIND_LABELS } from '../../map/kind-style';
import type { PartitionFormApi } from './form-type';

export function GeneralFields({ form }: { form: PartitionFormApi }) {
  return (
    <>
      <Field label="Name" error={form.errorOf('name')}>
        {(control) => <input type="text" autoComplete="off" spellCheck={false} {...control} {...form.text('name')} />}
      </Field>
      <div className="field-pair">
        <Field label="Kind">
          {(control) => (
            <select {...control} {...form.choice('kind')}>
              {PARTITION_KINDS.map((kind) => (
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
              {FILESYSTEMS.map((fs) => (
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
