/** The form of one partition: every field of it, live on the map, one undo step per change. */
import { familyOf } from '../../src/index';
import { useMemo } from 'react';
import { AttachmentSlot } from '../attachments/AttachmentSlot';
import { formatHex, formatHuman, updatePartition, type LayoutDocument, type Partition, type Placement } from '../../src/index';
import { removePartition } from '../../src/editor/ops';
import { esp32Catalog } from '../form/esp32-names';
import { Field } from '../form/Field';
import { partitionFormSchema, partitionFormValues, partitionSections, type PartitionChanges } from '../form/partition-form';
import { useDocumentForm } from '../form/useDocumentForm';
import { useLayoutStore } from '../store/context';
import { CopiesFields } from './partition-fields/CopiesFields';
import { DiskTableFields } from './partition-fields/DiskTableFields';
import { Esp32Fields } from './partition-fields/Esp32Fields';
import { GeneralFields } from './partition-fields/GeneralFields';
import { LinkedSpaceFields } from './partition-fields/LinkedSpaceFields';
import { PlacementFields } from './partition-fields/PlacementFields';
import { VolumeList } from './VolumeList';

export function PartitionEditor({ partition, document, placement }: { partition: Partition; document: LayoutDocument; placement: Placement }) {
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const placed = placement.byId.get(partition.id);
  const area = document.areas.find((a) => a.id === partition.area);
  const extraSubtypes = document.device.esp32?.extraSubtypes;
  const catalog = useMemo(() => esp32Catalog(extraSubtypes), [extraSubtypes]);
  const context = useMemo(() => ({ partition, placed, table: area?.table, catalog }), [partition, placed, area?.table, catalog]);
  const schema = useMemo(() => partitionFormSchema(context), [context]);
  const values = useMemo(() => partitionFormValues(context), [context]);
  const form = useDocumentForm({
    schema,
    values,
    apply: (changes: PartitionChanges, present: LayoutDocument) => updatePartition(present, partition.id, changes),
  });
  const sections = partitionSections(area?.table, form.form.watch('raw'));

  function remove() {
    edit(removePartition(document, partition.id));
    select(null);
  }

  return (
    <form className="partition-editor" noValidate onSubmit={(event) => event.preventDefault()} onKeyDown={form.onKeyDown}>
      {placed && (
        <p className="placed muted">
          <span className="num">
            {formatHex(placed.start)}–{formatHex(placed.end)}
          </span>{' '}
          · {formatHuman(placed.size)}
          {area && ` · ${area.name}`}
        </p>
      )}
      <GeneralFields form={form} family={familyOf(document)} current={partition} />
      <PlacementFields form={form} partition={partition} document={document} />
      <LinkedSpaceFields partition={partition} document={document} placement={placement} />
      <CopiesFields form={form} />
      {placed && <AttachmentSlot placed={placed} />}
      <VolumeList partition={partition} document={document} placement={placement} />
      {sections.esp32 && <Esp32Fields form={form} catalog={catalog} />}
      {(sections.mbr || sections.gpt) && <DiskTableFields form={form} table={sections.mbr ? 'mbr' : 'gpt'} partition={partition} />}
      <Field label="Description">{(control) => <textarea rows={2} {...control} {...form.text('description')} />}</Field>
      <div className="form-actions">
        <button type="button" className="danger" onClick={remove}>
          Delete partition
        </button>
      </div>
    </form>
  );
}
