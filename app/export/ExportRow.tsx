/** One output of the family: its title, a preview on demand, and copy and download buttons. */
import { memo, useState } from 'react';
import type { Format } from '../../src/formats/format';
import { useLayoutStoreApi } from '../store/context';
import { copyExport, downloadExport, downloadPng } from './actions';
import { ExportPreview } from './ExportPreview';
import { isTextual } from './groups';

export const ExportRow = memo(function ExportRow({ format }: { format: Format }) {
  const store = useLayoutStoreApi();
  const [showing, setShowing] = useState(false);
  const present = () => store.getState().history.present;
  return (
    <li className="export-row">
      <span className="export-title">{format.title}</span>
      <span className="export-actions">
        <button type="button" aria-expanded={showing} aria-label={`${showing ? 'Hide' : 'Show'} ${format.title}`} onClick={() => setShowing(!showing)}>
          {showing ? 'Hide' : 'Show'}
        </button>
        {isTextual(format) && (
          <button type="button" aria-label={`Copy ${format.title}`} onClick={() => void copyExport(present(), format)}>
            Copy
          </button>
        )}
        <button type="button" aria-label={`Export ${format.title}`} title={`Download as .${format.extension}`} onClick={() => void downloadExport(present(), format)}>
          Export
        </button>
        {format.kind === 'picture' && (
          <button type="button" aria-label="Export PNG of the layout picture" onClick={() => void downloadPng(present(), format)}>
            Export PNG
          </button>
        )}
      </span>
      {showing && <ExportPreview format={format} />}
    </li>
  );
});
