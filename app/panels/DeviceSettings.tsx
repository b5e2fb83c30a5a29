/**
 * The device settings: layout name, size, the geometry that matters for the family and the
 * ESP-IDF options. Every change is one undo step; the store normalises the document through
 * its family (the ESP32 boot area follows the table offset) and the rules run again live.
 */
import { useMemo } from 'react';
import { familyOf, type LayoutDocument } from '../../src/index';
import { ByteInput } from '../form/ByteInput';
import { deviceFormSchema, deviceFormValues } from '../form/device-form';
import { Field } from '../form/Field';
import { useDocumentForm } from '../form/useDocumentForm';
import { useLayoutStore } from '../store/context';
import { BootPartitionSettings } from './device-fields/BootPartitionSettings';
import { Esp32Settings } from './device-fields/Esp32Settings';
import { FamilyChoices } from './device-fields/FamilyChoices';
import { GeometrySettings } from './device-fields/GeometrySettings';
import { SstarSettings } from './device-fields/SstarSettings';

function DeviceForm({ document }: { document: LayoutDocument }) {
  const settings = familyOf(document).deviceSettings;
  const schema = useMemo(() => deviceFormSchema(document), [document]);
  const values = useMemo(() => deviceFormValues(document), [document]);
  const form = useDocumentForm({ schema, values, apply: (next: LayoutDocument) => next });
  const size = form.form.watch('size');
  return (
    <form className="device-form" noValidate onSubmit={(event) => event.preventDefault()} onKeyDown={form.onKeyDown}>
      <p className="muted">{familyOf(document).title}</p>
      <Field label="Layout name" error={form.errorOf('name')}>
        {(control) => <input type="text" autoComplete="off" {...control} {...form.text('name')} />}
      </Field>
      {settings.esp32 ? (
        <Esp32Settings form={form} document={document} />
      ) : settings.sstar === 'nand' ? null : (
        <ByteInput
          label="Device size"
          text={size}
          error={form.errorOf('size')}
          note={settings.bootPartitions ? 'the user area' : undefined}
          {...form.text('size')}
        />
      )}
      <GeometrySettings form={form} fields={settings.geometry} />
      {settings.bootPartitions && <BootPartitionSettings form={form} document={document} />}
      {settings.sstar && <SstarSettings form={form} kind={settings.sstar} />}
      <FamilyChoices document={document} />
    </form>
  );
}

export function DeviceSettings() {
  const present = useLayoutStore((s) => s.history.present);
  return (
    <section className="panel device-settings" aria-label="Device settings">
      <h2>Device</h2>
      <DeviceForm key={present.device.family} document={present} />
    </section>
  );
}
