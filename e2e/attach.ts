/** Attaching files as a person does: a file made here, dropped on a partition of the map (a real DataTransfer drop). */
import type { Page } from '@playwright/test';
import { mapSegment } from './map';

/** Deterministic bytes, made here and handed to the page as the dropped file. */
export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export async function dropFile(page: Page, partition: string, fileName: string, length: number, seed: number): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([name, base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name));
      return data;
    },
    [fileName, Buffer.from(pattern(length, seed)).toString('base64')] as const,
  );
  const segment = mapSegment(page, partition);
  await segment.dispatchEvent('dragover', { dataTransfer: transfer });
  await segment.dispatchEvent('drop', { dataTransfer: transfer });
}

export const images = (page: Page) => page.getByRole('region', { name: 'Images' });
