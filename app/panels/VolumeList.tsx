/** The volumes of a partition that holds them (a UBI partition): how much they use, each to select, and a way to add one. */
import { familyOf, formatHuman, type LayoutDocument, type Partition, type Placement } from '../../src/index';
import { addVolume } from '../../src/editor/volumes';
import { useLayoutStore } from '../store/context';

export function VolumeList({ partition, document, placement }: { partition: Partition; document: LayoutDocument; placement: Placement }) {
  const edit = useLayoutStore((s) => s.edit);
  const select = useLayoutStore((s) => s.select);
  const template = familyOf(document).volumeTemplate?.(partition);
  if (!template && (partition.volumes ?? []).length === 0) return null;
  const space = placement.volumeSpaces.get(partition.id);
  const volumes = placement.volumes.filter((v) => v.partitionId === partition.id);
  return (
    <div className="field-group volumes" role="group" aria-label="Volumes">
      <p className="field-label">Volumes</p>
      {space && (
        <p className={`muted${space.usedUnits > space.units ? ' over' : ''}`}>
          {space.usedUnits} of {space.units} LEBs used ({formatHuman(space.usedUnits * space.unit)} of {formatHuman(space.units * space.unit)})
        </p>
      )}
      <ul className="volume-list">
        {volumes.map((v) => (
          <li key={v.volume.id}>
            <button type="button" onClick={() => select(v.volume.id)}>
              {v.volume.name}
            </button>{' '}
            <span className="muted">
              {v.volume.size === 'rest' ? 'rest, ' : ''}
              {formatHuman(v.size)}
              {v.fits ? '' : ' · does not fit'}
            </span>
          </li>
        ))}
      </ul>
      {template && (
        <button
          type="button"
          onClick={() => {
            const added = addVolume(document, partition.id, template);
            edit(added.document);
            select(added.id);
          }}
        >
          Add volume
        </button>
      )}
    </div>
  );
}
