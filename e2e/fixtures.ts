/**
 * The shared test fixture: every test fails if the page requests another origin (nothing a user
 * opens may leave the page), breaks the Content-Security-Policy, or throws an uncaught error.
 */
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend<{ guardedPage: Page }>({
  guardedPage: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      const pageErrors: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        if (new URL(url).origin !== origin) foreign.push(url);
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) pageErrors.push(message.text());
      });
      await use(page);
      expect(foreign, 'requests to other origins').toEqual([]);
      expect(pageErrors, 'page errors and CSP violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Starts from a clean slate: no autosaved layout from an earlier test. */
export async function openFresh(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.evaluate(() => localStorage.clear());
  await page.goto(path);
  await expect(page.getByRole('region', { name: 'Flash map' })).toBeVisible();
}
