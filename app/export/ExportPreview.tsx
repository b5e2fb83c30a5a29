/** One export's live preview: its text, a hex view of its bytes, or for a picture the picture itself. */
import { failureText } from '../../src/formats/files';
import type { Format } from '../../src/formats/format';
import { formatHuman } from '../../src/model/units';
import { usePreview } from './usePreview';

export function ExportPreview({ format }: { format: Format }) {
  const outcome = usePreview(format.id);
  const picture = format.kind === 'picture' && outcome?.ok && !outcome.truncated ? outcome.text : undefined;
  // A data: URL shows the SVG as an image, where nothing in it can run (the page's img-src allows it).
  const pictureUrl = picture === undefined ? undefined : `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture)}`;
  if (!outcome) return <p className="muted preview">Working…</p>;
  if (!outcome.ok) return <p className="export-error preview">{failureText(outcome)}</p>;
  const label = `${format.title} preview`;
  return (
    <div className="preview">
      <p className="muted preview-file">
        {outcome.fileName}, {formatHuman(outcome.size)}
        {outcome.truncated && (outcome.view === 'hex' ? ', the first 64 KiB shown' : ', the start shown')}
        {outcome.warnings.length > 0 && ` (${outcome.warnings.join('; ')})`}
      </p>
      {pictureUrl ? (
        <img className="picture-preview" src={pictureUrl} alt={label} />
      ) : (
        <pre aria-label={label} className={outcome.view === 'hex' ? 'hex' : undefined}>
          {outcome.text}
        </pre>
      )}
    </div>
  );
}
