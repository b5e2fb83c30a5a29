/** The table of partitions, synced with the map through the selection. */
import { formatHex, formatHuman } from '../../src/index';
import { useLayoutStore, useValidation } from '../store/context';
import { KIND_COLORS, KIND_LABELS } from '../map/kind-style';

export function PartitionTable() {
  const { placement, problems } = useValidation();
  const selection = useLayoutStore((s) => s.selection);
  const select = useLayoutStore((s) => s.select);
  const areaName = new Map(placement.areas.map((a) => [a.area.id, a.area.name]));
  return (
    <table className="partition-table" aria-label="Partitions">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Area</th>
          <th scope="col">Offset</th>
          <th scope="col">Size</th>
          <th scope="col">End</th>
          <th scope="col">Kind</th>
          <th scope="col">Copies</th>
        </tr>
      </thead>
      <tbody>
        {placement.partitions.map((placed) => {
          const { partition } = placed;
          const worst = problems.find((p) => p.partitionIds.includes(partition.id));
          return (
            <tr
              key={partition.id}
              aria-selected={selection === partition.id}
              className={selection === partition.id ? 'selected' : undefined}
              onClick={() => select(partition.id)}
            >
              <th scope="row">
                <span className="swatch" style={{ background: KIND_COLORS[partition.kind] }} aria-hidden="true" />
                {partition.name}
                {worst && <span className={`badge ${worst.severity}`} title={worst.message}>{worst.severity}</span>}
              </th>
              <td>{areaName.get(placed.areaId)}</td>
              <td className="num">
                {formatHex(placed.start)}
                {partition.offset === 'auto' && <span className="muted"> auto</span>}
              </td>
              <td className="num">
                {formatHex(placed.size)} <span className="muted">{formatHuman(placed.size)}</span>
                {partition.size === 'rest' && <span className="muted"> rest</span>}
              </td>
              <td className="num">{formatHex(placed.end)}</td>
              <td>
                {KIND_LABELS[partition.kind]}
                {partition.fs && <span className="muted"> {partition.fs}</span>}
                {partition.raw && <span className="muted"> raw</span>}
              </td>
              <td>{placed.copies.length > 0 ? `${placed.copies.length}×${partition.copies?.spareBlocks ? ` +${partition.copies.spareBlocks} spare` : ''}` : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
