/** ESP-IDF options with gen_esp32part.py's meaning: chip, flash size, table offset, MD5, secure boot. */
import { ESP32_CHIPS, formatHex, formatHuman, type LayoutDocument } from '../../../src/index';
import { ByteInput } from '../../form/ByteInput';
import { chipTitle, ESP32_FLASH_SIZES } from '../../form/device-form';
import { Field, Switch } from '../../form/Field';
import type { DeviceFormApi } from './form-type';
import { bootloaderOffset, defaultEsp32Options, ESP32_BOOTLOADER_OFFSET } from '../../../src/model/esp32';

const SECURE_BOOT = [
  { value: 'none', label: 'none' },
  { value: 'v1', label: 'v1 (app sizes in 64 KiB steps)' },
  { value: 'v2', label: 'v2' },
];

export function Esp32Settings({ form, document }: { form: DeviceFormApi; document: LayoutDocument }) {
  const [chip, tableOffset] = form.form.watch(['chip', 'tableOffset']);
  const options = document.device.esp32 ?? defaultEsp32Options();
  const bootloaderAt = bootloaderOffset({ ...options, chip });
  const sizes = ESP32_FLASH_SIZES.includes(document.device.size) ? ESP32_FLASH_SIZES : [document.device.size, ...ESP32_FLASH_SIZES];
  return (
    <>
      <Field label="Chip" hint={<>Bootloader at <span className="num">{formatHex(bootloaderAt)}</span></>}>
        {(control) => (
          <select {...control} {...form.choice('chip')}>
            {ESP32_CHIPS.map((id) => (
              <option key={id} value={id}>
                {chipTitle(id)} (bootloader at {formatHex(ESP32_BOOTLOADER_OFFSET[id])})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Flash size">
        {(control) => (
          <select {...control} {...form.choice('size')}>
            {sizes.map((bytes) => (
              <option key={bytes} value={formatHex(bytes)}>
                {formatHuman(bytes).replace('iB', 'B')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ByteInput label="Partition table offset" text={tableOffset} error={form.errorOf('tableOffset')} note="a 4 KiB sector; partitions start after it" {...form.text('tableOffset')} />
      <Switch label="MD5 checksum row" {...form.choice('md5')} />
      <Field label="Secure boot">
        {(control) => (
          <select {...control} {...form.choice('secure')}>
            {SECURE_BOOT.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
