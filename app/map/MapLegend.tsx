/** What the patterns on the map mean: partitions, backup copies, spare blocks, reserved regions, free space. */
const ENTRIES = [
  { className: 'partition', label: 'Partition' },
  { className: 'copy', label: 'Backup copy' },
  { className: 'spare', label: 'Spare blocks' },
  { className: 'reserved', label: 'Reserved region' },
  { className: 'free', label: 'Free space' },
];

export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Map legend">
      {ENTRIES.map((entry) => (
        <li key={entry.className}>
          <span className={`legend-swatch ${entry.className}`} aria-hidden="true" />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
