import { familyOf, formatHex, formatHuman } from '../../src/index';
import { besideMapDocument } from '../store/layout-store';
import { useLayoutStore } from '../store/context';

export function DeviceSummary() {
  const document = useLayoutStore(besideMapDocument);
  const { device } = document;
  const g = device.geometry;
  const facts = [
    familyOf(document).title,
    device.model,
    `${formatHuman(device.size)} (${formatHex(device.size)})`,
    g.eraseBlock && `erase block ${formatHuman(g.eraseBlock)}`,
    g.pageSize && `page ${formatHuman(g.pageSize)}${g.spareSize ? ` + ${g.spareSize} B spare` : ''}`,
    g.sectorSize && `sector ${g.sectorSize} B`,
    ...(device.hardwarePartitions ?? []).map((hw) => `${hw.name} ${formatHuman(hw.size)}`),
  ].filter(Boolean);
  return (
    <div className="device-summary">
      <h1>{document.name}</h1>
      <p className="muted">{facts.join(' · ')}</p>
    </div>
  );
}
