/** New: an empty layout of the chosen family, with the family's default device and areas. */
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, FAMILIES, type Family, type LayoutDocument } from '../../src/index';
import { useLayoutStore } from '../store/context';

export function emptyLayout(family: Family): LayoutDocument {
  const device = family.defaultDevice();
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, name: `Untitled ${family.title}`, device, areas: family.defaultAreas(device), partitions: [] };
}

export function NewLayoutPicker() {
  const replace = useLayoutStore((s) => s.replace);
  return (
    <label className="toolbar-picker">
      New
      <select
        aria-label="New layout"
        value=""
        onChange={(event) => {
          const family = Object.values(FAMILIES).find((f) => f.id === event.target.value);
          if (family) replace(emptyLayout(family));
        }}
      >
        <option value="" disabled>
          Empty layout for…
        </option>
        {Object.values(FAMILIES).map((family) => (
          <option key={family.id} value={family.id}>
            {family.title}
          </option>
        ))}
      </select>
    </label>
  );
}
