/**
 * The live preview of one export, made in the engine worker from the layout on screen. Requests
 * wait until the layout has been still for a moment and an outdated one is cancelled, so typing
 * and dragging never wait for a preview.
 */
import { useEffect, useState } from 'react';
import type { PreviewOutcome } from '../../src/formats/preview';
import { engine } from '../engine';
import { useShownDocument } from '../store/context';

const PREVIEW_DELAY_MS = 250;

export function usePreview(formatId: string): PreviewOutcome | null {
  const document = useShownDocument();
  const [outcome, setOutcome] = useState<PreviewOutcome | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      engine()
        .call('preview', { document, formatId }, { signal: controller.signal })
        .then((result) => {
          if (!controller.signal.aborted) setOutcome(result);
        }, () => undefined);
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [document, formatId]);
  return outcome;
}
