import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';

// Helpers for browser tests that drive Ant Design screens: buttons, tree pickers, toasts, idle network.

/** Chromium logs every HTTP error a page receives; a test that provokes one on purpose allows it by status. */
export const httpError = (status: number, path: RegExp) => [
  new RegExp(`status of ${status}`),
  new RegExp(`HTTP ${status}: \\w+ .*${path.source}`),
];
/** A button by its Chinese text; Ant Design puts a space between the two characters of a two-character label. */
export const button = (scope: Page | Locator, name: string) =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${[...name].join('\\s*')}$`) });
/** Picks a unit in the open TreeSelect popup (closed popups stay in the page, hidden). */
export const pickTreeOption = (page: Page, name: string) =>
  page
    .locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: new RegExp(`^${name}$`) })
    .last()
    .click();
/** Waits until toasts and closing dialogs are gone, so a screenshot shows the page itself. */
export const settled = async (page: Page) => {
  await expect.poll(() => page.locator('.ant-message-notice, .ant-modal-wrap:visible').count()).toBe(0);
};
/** Resolves once the page has had no request in flight for `forMs` (half a second), so leaving it aborts nothing. */
export async function quiet(page: Page, forMs = 500): Promise<void> {
  let inFlight = 0;
  let last = Date.now();
  const up = () => ((inFlight += 1), (last = Date.now()));
  const down = () => ((inFlight -= 1), (last = Date.now()));
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  try {
    await expect.poll(() => inFlight <= 0 && Date.now() - last > forMs, { timeout: 15_000, interval: 50 }).toBe(true);
  } finally {
    page.off('request', up);
    page.off('requestfinished', down);
    page.off('requestfailed', down);
  }
}
/** How far the page is wider than the window (0 or less: no sideways scrolling). */
export const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Signs in through the API, outside the browser (set-up and direct calls only); returns a caller with the session. */
export async function apiSession(baseUrl: string, username: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (method: string, url: string, body?: unknown) =>
    fetch(`${baseUrl}${url}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
}
/**
 * The open dialog, once its opening animation has finished. Ant Design zooms a dialog in from the
 * click; Playwright waits for a control to hold still for two frames, which a slowed animation can
 * do midway, and CI once lost a radio click in a dialog still opening ("element is not stable",
 * then the click did not check it). Infinite animations (spinners) are not waited for.
 */
export async function openDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.evaluate((el) =>
    Promise.all(
      (el.closest('.ant-modal-root') ?? el)
        .getAnimations({ subtree: true })
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return dialog;
}
