/** ESP-IDF type and subtype (every name of gen_esp32part.py, or a number) and the flags. */
import { useId } from 'react';
import { Field, Switch } from '../../form/Field';
import { hexByte, parseSubtype, parseType, subtypeChoices, TYPE_CHOICES, type Catalog } from '../../form/esp32-names';
import { KIND_LABELS } from '../../map/kind-style';
import type { PartitionFormApi } from './form-type';
import { esp32Kind } from '../../../src/model/esp32';

export function Esp32Fields({ form, catalog }: { form: PartitionFormApi; catalog: Catalog }) {
  const typesId = useId();
  const subtypesId = useId();
  const [typeText, subtypeText] = form.form.watch(['esp32Type', 'esp32Subtype']);
  const type = parseType(typeText);
  const subtype = type.ok ? parseSubtype(catalog, type.value)(subtypeText) : undefined;

  /** The kind follows the type and subtype, as in ESP-IDF's own tables. */
  function followKind() {
    const values = form.form.getValues();
    const pickedType = parseType(values.esp32Type);
    if (!pickedType.ok) return;
    const pickedSubtype = parseSubtype(catalog, pickedType.value)(values.esp32Subtype);
    if (pickedSubtype.ok) form.form.setValue('kind', esp32Kind(pickedType.value, pickedSubtype.value));
  }

  return (
    <fieldset className="field-group">
      <legend>ESP-IDF table entry</legend>
      <div className="field-pair">
        <Field label="ESP32 type" error={form.errorOf('esp32Type')} hint={type.ok ? <span className="num">{hexByte(type.value)}</span> : undefined}>
          {(control) => <input type="text" list={typesId} autoComplete="off" spellCheck={false} {...control} {...form.text('esp32Type', followKind)} />}
        </Field>
        <Field
          label="ESP32 subtype"
          error={form.errorOf('esp32Subtype')}
          hint={type.ok && subtype?.ok ? <><span className="num">{hexByte(subtype.value)}</span> · {KIND_LABELS[esp32Kind(type.value, subtype.value)]}</> : undefined}
        >
          {(control) => <input type="text" list={subtypesId} autoComplete="off" spellCheck={false} {...control} {...form.text('esp32Subtype', followKind)} />}
        </Field>
      </div>
      <datalist id={typesId}>
        {TYPE_CHOICES.map((choice) => (
          <option key={choice.name} value={choice.name} label={hexByte(choice.value)} />
        ))}
      </datalist>
      <datalist id={subtypesId}>
        {subtypeChoices(catalog, type.ok ? type.value : undefined).map((choice) => (
          <option key={choice.name} value={choice.name} label={hexByte(choice.value)} />
        ))}
      </datalist>
      <div className="switches">
        <Switch label="Encrypted" {...form.choice('encrypted')} />
        <Switch label="Read-only" {...form.choice('readonly')} />
      </div>
    </fieldset>
  );
}
