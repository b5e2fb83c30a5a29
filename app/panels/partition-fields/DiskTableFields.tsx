/** The table entry of an eMMC/SD partition: an MBR type byte and boot flag, or a GPT type GUID. */
import { useId } from 'react';
import { Field, Switch } from '../../form/Field';
import { GPT_TYPES, gptTypeName, MBR_TYPES, mbrTypeName, mbrTypeText, parseMbrType } from '../../form/disk-types';
import type { PartitionFormApi } from './form-type';

function MbrFields({ form }: { form: PartitionFormApi }) {
  const listId = useId();
  const text = form.form.watch('mbrType');
  const parsed = text.trim() === '' ? undefined : parseMbrType(text);
  const name = parsed?.ok ? (mbrTypeName(parsed.value) ?? 'not a common type') : undefined;
  return (
    <fieldset className="field-group">
      <legend>MBR entry</legend>
      <Field label="MBR type" error={form.errorOf('mbrType')} hint={name ?? 'hex byte: 83 Linux, 0c FAT32 (LBA), 82 swap…'}>
        {(control) => <input type="text" list={listId} className="num" autoComplete="off" spellCheck={false} {...control} {...form.text('mbrType')} />}
      </Field>
      <datalist id={listId}>
        {MBR_TYPES.map((type) => (
          <option key={type.value} value={mbrTypeText(type.value)} label={type.name} />
        ))}
      </datalist>
      <Switch label="Bootable" {...form.choice('bootable')} />
    </fieldset>
  );
}

function GptFields({ form }: { form: PartitionFormApi }) {
  const listId = useId();
  const text = form.form.watch('gptType');
  const name = text.trim() === '' ? 'pick a common type or paste a GUID' : gptTypeName(text.trim());
  return (
    <fieldset className="field-group">
      <legend>GPT entry</legend>
      <Field label="GPT type GUID" error={form.errorOf('gptType')} hint={name}>
        {(control) => <input type="text" list={listId} className="num guid" autoComplete="off" spellCheck={false} {...control} {...form.text('gptType')} />}
      </Field>
      <datalist id={listId}>
        {GPT_TYPES.map((type) => (
          <option key={type.value} value={type.value} label={type.name} />
        ))}
      </datalist>
    </fieldset>
  );
}

export function DiskTableFields({ form, table }: { form: PartitionFormApi; table: 'mbr' | 'gpt' }) {
  return table === 'mbr' ? <MbrFields form={form} /> : <GptFields form={form} />;
}
