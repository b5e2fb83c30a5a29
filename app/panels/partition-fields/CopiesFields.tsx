/** Backup copies of a partition: how many, the slot of each, and spare erase blocks after each. */
import { ByteInput } from '../../form/ByteInput';
import { Field, Switch } from '../../form/Field';
import type { PartitionFormApi } from './form-type';

export function CopiesFields({ form }: { form: PartitionFormApi }) {
  const [on, slot] = form.form.watch(['copies', 'copySlot']);
  return (
    <div className="field-group">
      <Switch label="Backup copies" {...form.choice('copies')} />
      {on && (
        <>
          <div className="field-pair">
            <Field label="Copies" error={form.errorOf('copyCount')}>
              {(control) => <input type="text" inputMode="numeric" className="num" autoComplete="off" {...control} {...form.text('copyCount')} />}
            </Field>
            <Field label="Spare blocks" error={form.errorOf('spareBlocks')} hint="erase blocks after each copy">
              {(control) => <input type="text" inputMode="numeric" className="num" autoComplete="off" {...control} {...form.text('spareBlocks')} />}
            </Field>
          </div>
          <ByteInput
            label="Slot size"
            text={slot}
            error={form.errorOf('copySlot')}
            placeholder="size rounded up to the erase block"
            note={slot.trim() === '' ? 'default: the size rounded up to the erase block' : undefined}
            {...form.text('copySlot')}
          />
        </>
      )}
    </div>
  );
}
