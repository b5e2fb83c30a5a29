/** The table entry of an eMMC/SD partition: an MBR type byte and boot flag, or a GPT type GUID. */
import { useId } from 'react';
import { Field, Switch } from '../../form/Field';
import { GPT_TYPES, gptTypeName, MBR_TYPES, mbrTypeName, mbrTypeText, parseMbrType } from '../../form/disk-types';
import type { PartitionFormApi } from './form-type';
import type { Partition } from '../../../src/index';
import { describeAttributes, parseAttributesHex } from '../../../src/codecs/gpt';

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

/** The entry's unique GUID and attribute bits, as the table will hold them (set by import or by the family). */
function GptIdentity({ partition }: { partition: Partition }) {
  const attributes = partition.gpt?.attributes ? describeAttributes(parseAttributesHex(partition.gpt.attributes), partition.gpt.type) : [];
  return (
    <dl className="gpt-identity muted">
      <dt>Partition GUID</dt>
      <dd className="num">{partition.gpt?.uuid ?? 'given when the layout is saved'}</dd>
      <dt>Attributes</dt>
      <dd>{attributes.length ? attributes.join(', ') : 'none'}</dd>
    </dl>
  );
}

function GptFields({ form, partition }: { form: PartitionFormApi; partition: Partition }) {
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
      <GptIdentity partition={partition} />
    </fieldset>
  );
}

export function DiskTableFields({ form, table, partition }: { form: PartitionFormApi; table: 'mbr' | 'gpt'; partition: Partition }) {
  return table === 'mbr' ? <MbrFields form={form} /> : <GptFields form={form} partition={partition} />;
}
