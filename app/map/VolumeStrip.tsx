/**
 * The volumes inside a partition (UBI volumes), drawn nested in the lower part of its segment, in
 * order, each over the erase blocks its LEBs take; a volume past the partition's capacity is
 * marked, and clicking one selects it for the inspector.
 */
import { Fragment, memo } from 'react';
import { formatHuman, type Problem } from '../../src/index';
import type { AreaScale } from '../../src/editor/scale';
import type { PlacedVolume } from '../../src/layout/placement';
import { useLayoutStore } from '../store/context';
import { spanStyle } from './geometry';
import { Callout } from './Callout';

interface VolumeStripProps {
  scale: AreaScale;
  volumes: PlacedVolume[];
  problemsOf: (id: string) => Problem[];
  /** The callout row of each volume whose name does not fit it. */
  callouts: Map<string, number>;
}

function VolumeStripView({ scale, volumes, problemsOf, callouts }: VolumeStripProps) {
  const selection = useLayoutStore((s) => s.selection);
  const select = useLayoutStore((s) => s.select);
  return (
    <>
      {volumes.map((placed) => {
        const { volume } = placed;
        const problems = problemsOf(volume.id);
        const label = `volume ${volume.name}, ${placed.units} LEBs, ${formatHuman(placed.size)}${placed.fits ? '' : ', does not fit'}${problems.map((p) => `; ${p.severity}: ${p.message}`).join('')}`;
        const calloutRow = callouts.get(volume.id);
        return (
          <Fragment key={volume.id}>
            <button
              type="button"
              className={`segment volume${placed.fits ? '' : ' overflow'}${selection === volume.id ? ' selected' : ''}`}
              style={spanStyle(scale, placed.start, placed.end)}
              aria-label={label}
              aria-pressed={selection === volume.id}
              title={label}
              data-volume={volume.name}
              onClick={(event) => {
                event.stopPropagation();
                select(volume.id);
              }}
              onPointerDown={(event) => event.stopPropagation()}
            >
              {calloutRow === undefined && <span className="segment-name">{volume.name}</span>}
            </button>
            <Callout row={calloutRow} scale={scale} start={placed.start} end={placed.end} name={volume.name} onSelect={() => select(volume.id)} />
          </Fragment>
        );
      })}
    </>
  );
}

export const VolumeStrip = memo(VolumeStripView);
