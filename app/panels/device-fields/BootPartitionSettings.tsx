/** Sizes of the eMMC hardware boot partitions, each its own address space. */
import type { LayoutDocument } from '../../../src/index';
import { ByteInput } from '../../form/ByteInput';
import { BOOT_PARTITIONS } from '../../form/device-form';
import type { DeviceFormApi } from './form-type';

export function BootPartitionSettings({ form, document }: { form: DeviceFormApi; document: LayoutDocument }) {
  const values = form.form.watch();
  const present = BOOT_PARTITIONS.filter((name) => document.device.hardwarePartitions?.some((hw) => hw.name === name));
  if (present.length === 0) return <p className="muted">No hardware boot partitions (an SD card).</p>;
  return (
    <>
      {present.map((name) => (
        <ByteInput key={name} label={`${name} size`} text={values[name]} error={form.errorOf(name)} note="a multiple of 128 KiB" {...form.text(name)} />
      ))}
    </>
  );
}
