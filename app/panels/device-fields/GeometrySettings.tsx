/** Erase block, page and spare sizes of a flash, or the sector size of a block device. */
import { ByteInput } from '../../form/ByteInput';
import { SECTOR_SIZES, type GeometryField } from '../../form/device-form';
import { Field } from '../../form/Field';
import type { DeviceFormApi } from './form-type';

const LABELS: Record<GeometryField, string> = {
  eraseBlock: 'Erase block',
  pageSize: 'Page size',
  spareSize: 'Spare bytes per page',
  sectorSize: 'Sector size',
};

function SectorSize({ form }: { form: DeviceFormApi }) {
  const current = form.form.watch('sectorSize');
  const choices = SECTOR_SIZES.map(String);
  return (
    <Field label={LABELS.sectorSize} hint="512 bytes, or 4096 on 4Kn devices">
      {(control) => (
        <select {...control} {...form.choice('sectorSize')}>
          {(choices.includes(current) ? choices : [current, ...choices]).map((size) => (
            <option key={size} value={size}>
              {size} bytes
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function GeometrySettings({ form, fields }: { form: DeviceFormApi; fields: GeometryField[] }) {
  const values = form.form.watch();
  return (
    <>
      {fields.map((field) =>
        field === 'sectorSize' ? (
          <SectorSize key={field} form={form} />
        ) : (
          <ByteInput key={field} label={LABELS[field]} text={values[field]} error={form.errorOf(field)} {...form.text(field)} />
        ),
      )}
    </>
  );
}
