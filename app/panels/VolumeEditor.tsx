/**
 * The form of one volume inside a partition (a UBI volume): name, size or the rest, filesystem,
 * read-only, description; live on the map, one undo step per change, like a partition.
 */
import { useMemo } from 'react';
import { FILESYSTEMS, formatHex, formatHuman, type LayoutDocument, type Placement, type Volume } from '../../src/index';
import { removeVolume, updateVolume } from '../../src/editor/volumes';
import { ByteInput } from '../form/ByteInput';
import { Field, Switch } from '../form/Field';
import { useDocumentForm } from '../form/useDocumentForm';
import { volumeFormSchema, volumeFormValues, type VolumeChanges } from '../form/volume-form';
import { useLayoutStore } from '../store/context';
import { VolumeAttachmentSlot } from '../attachments/AttachmentSlot';

export function VolumeEditor({ volume, partitionId, document, placement }: { volume: Volume; partitionId: string; document: LayoutDocument; placement: Placement }) {
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const placed = placement.volumes.find((v) => v.volume.id === volume.id);
  const space = placement.volumeSpaces.get(partitionId);
  const container = document.partitions.find((p) => p.id === partitionId);
  const schema = useMemo(() => volumeFormSchema(volume), [volume]);
  const values = useMemo(() => volumeFormValues(volume, placed?.size), [volume, placed?.size]);
  const form = useDocumentForm({ schema, values, apply: (changes: VolumeChanges, present: LayoutDocument) => updateVolume(present, volume.id, changes) });
  const [size, sizeRest] = form.form.watch(['size', 'sizeRest']);
  return (
    <form className="partition-editor volume-editor" noValidate onSubmit={(event) => event.preventDefault()} onKeyDown={form.onKeyDown}>
      <p className="placed muted">
        Volume in {container?.name ?? 'its partition'}
        {placed && space && (
          <>
            {' '}
            · <span className="num">{placed.units}</span> of {space.units} LEBs ({formatHuman(placed.size)}){placed.fits ? '' : ' · does not fit'}
          </>
        )}
      </p>
      <Field label="Name" error={form.errorOf('name')}>
        {(control) => <input type="text" autoComplete="off" spellCheck={false} {...control} {...form.text('name')} />}
      </Field>
      <ByteInput
        label="Size"
        text={size}
        error={sizeRest ? undefined : form.errorOf('size')}
        readOnly={sizeRest}
        note={sizeRest ? `what the other volumes leave${placed ? `: ${formatHex(placed.size)}` : ''}` : undefined}
        after={<Switch label="rest of partition" {...form.choice('sizeRest')} />}
        {...form.text('size')}
      />
      <div className="field-pair">
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
        <Field label="Mounted">
          {(control) => (
            <select {...control} {...form.choice('readOnly')}>
              <option value="">as the system decides</option>
              <option value="ro">read-only</option>
              <option value="rw">read-write</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Description">{(control) => <textarea rows={2} {...control} {...form.text('description')} />}</Field>
      {placed && <VolumeAttachmentSlot placed={placed} partitionId={partitionId} />}
      <div className="form-actions">
        <button type="button" onClick={() => select(partitionId)}>
          Show {container?.name ?? 'partition'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            edit(removeVolume(document, volume.id));
            select(partitionId);
          }}
        >
          Delete volume
        </button>
      </div>
    </form>
  );
}
