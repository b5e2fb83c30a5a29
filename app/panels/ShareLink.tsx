/**
 * Share link: the layout compressed into the URL fragment (`#layout=…`), copied to the clipboard
 * when the browser lets us, and shown in a read-only field with its length. The fragment never
 * reaches a server. The field follows the layout while it is open.
 */
import { useMemo, useState } from 'react';
import { shareFragment } from '../../src/editor/share-link';
import type { LayoutDocument } from '../../src/index';
import { Field } from '../form/Field';
import { useLayoutStore } from '../store/context';

/** Above this, some mail and chat tools cut links short. */
const LONG_LINK = 8000;

function shareUrl(document: LayoutDocument): string {
  return `${location.origin}${location.pathname}${location.search}${shareFragment(document)}`;
}

export function ShareLink() {
  const present = useLayoutStore((s) => s.history.present);
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<{ link: string; ok: boolean } | null>(null);
  const link = useMemo(() => (open ? shareUrl(present) : ''), [open, present]);

  async function share() {
    const url = shareUrl(present);
    setOpen(true);
    try {
      await navigator.clipboard.writeText(url);
      setCopied({ link: url, ok: true });
    } catch {
      setCopied({ link: url, ok: false });
    }
  }

  const status = copied?.link !== link ? 'Copy the link from the field.' : copied.ok ? 'Copied to the clipboard.' : 'The browser did not allow copying: copy the link from the field.';
  return (
    <>
      <button type="button" onClick={() => void share()}>
        Share link
      </button>
      {open && (
        <div className="share-panel" role="group" aria-label="Link to this layout">
          <Field
            label="Link to this layout"
            hint={
              <>
                {link.length} characters. {status}
                {link.length > LONG_LINK && ' Some mail and chat tools cut links this long; save the file instead.'}
              </>
            }
          >
            {(control) => <input type="text" readOnly value={link} onFocus={(event) => event.target.select()} {...control} />}
          </Field>
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
