/** A free segment picked on the map: where it is, how big, and a partition of the family to put there. */
import { familyOf, formatHex, formatHuman, type FreeSegment, type LayoutDocument, type Placement } from '../../src/index';
import { addFromTemplate, settleAdded } from '../map/add-partition';
import { areaAcceptsPartitions } from '../../src/layout/family';
import { Field } from '../form/Field';
import { useLayoutStore } from '../store/context';

export function FreeSpacePanel({ segment, document, placement }: { segment: FreeSegment; document: LayoutDocument; placement: Placement }) {
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const palette = familyOf(document).palette;
  const area = placement.areas.find((a) => a.area.id === segment.areaId);
  const size = segment.end - segment.start;

  function add(index: number) {
    const template = palette[index];
    if (!template) return;
    // At the segment start rounded up to the partition's alignment, shrunk to fit the segment.
    settleAdded(addFromTemplate(document, placement, template, segment.areaId, segment.start), template, edit, select);
  }

  return (
    <div className="free-space">
      <p>
        <strong>Free space</strong>
        {area && <span className="muted"> in {area.area.name}</span>}
      </p>
      <dl className="facts">
        <dt>Range</dt>
        <dd className="num">
          {formatHex(segment.start)}–{formatHex(segment.end)}
        </dd>
        <dt>Size</dt>
        <dd>
          <span className="num">{formatHex(size)}</span> · {formatHuman(size)}
        </dd>
      </dl>
      {area && !areaAcceptsPartitions(familyOf(document), area.area) ? (
        <p className="muted">{familyOf(document).title} keeps this space: partitions go in another area.</p>
      ) : (
      <Field label="Add partition here" hint="Placed at the start of the free space, on its alignment, and shrunk to fit.">
        {(control) => (
          <select {...control} value="" onChange={(event) => add(Number(event.target.value))}>
            <option value="" disabled>
              Choose a kind…
            </option>
            {palette.map((template, index) => {
              const wanted = template.make(document).size;
              return (
                <option key={template.label} value={index}>
                  {template.label} ({wanted === 'rest' ? 'rest of the space' : formatHuman(wanted)})
                </option>
              );
            })}
          </select>
        )}
      </Field>
      )}
    </div>
  );
}
