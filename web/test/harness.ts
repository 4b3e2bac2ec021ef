import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { onTestFailed } from 'vitest';
import { loadConfig, ROOT_DIR, type DatabaseConfig } from '../../server/src/config.ts';
import { bootstrap } from '../../server/src/bootstrap.ts';
import { buildApp } from '../../server/src/app.ts';
import type { Db } from '../../server/src/db/connection.ts';
import { createTestDatabase } from '../../server/src/test/databases.ts';

export const ADMIN_PASSWORD = 'Admin-Pass-2025';
export const SCREENSHOT_DIR = path.join(ROOT_DIR, 'test-results/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningServer {
  url: string;
  db: Db;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The real server with the built web app on a fresh database, listening on a free loopback port. */
export async function startServer(dialect: DatabaseConfig['dialect'] = 'sqlite'): Promise<RunningServer> {
  if (!fs.existsSync(path.join(ROOT_DIR, 'web/dist/index.html')))
    throw new Error('web/dist is missing: run `npm run build` first');
  const testDb = await createTestDatabase(dialect);
  // Its own data folder (evidence files), never the repository's data/.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-data-'));
  const config = {
    ...loadConfig({ INNOCITY_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'silent' }),
    database: testDb.config,
    dataDir,
    // The browser suites sign in and click far faster than a person.
    rateLimits: { api: 0, signin: 0, password: 0, upload: 0, export: 0 },
    secretKey: Buffer.alloc(32, 7),
  };
  const { database } = await bootstrap(config);
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    db: database.db,
    app,
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags that work as root on these machines. */
export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (see README)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors, page errors, CSP violations and failed requests seen so far. */
  problems: string[];
}

/** A page that records every console error and failed request, so a test can demand there were none. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1440, height: 900 },
  allow: RegExp[] = [],
): Promise<WatchedPage> {
  // Reduced motion (the app honours it): dialogs open at once. Under load, clicks on a dialog still
  // zooming in were lost, in CI and on this machine; Playwright waits only for two still frames.
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const note = (p: string) => {
    if (!allow.some((r) => r.test(p))) problems.push(p);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    // Charts, pickers, drawers and the plan switcher download after the page shows (issue 17): a
    // navigation while one is on its way cancels it, which is no fault (the next page asks again).
    // A chunk that really fails still shows, as an HTTP error or as the page's own error.
    if (error === 'net::ERR_ABORTED' && new URL(r.url()).pathname.startsWith('/assets/')) return;
    note(`request failed: ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) note(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  keepEvidenceOnFailure(page, problems);
  return { page, problems };
}

let pagesOpened = 0;

/**
 * When the test that opened the page fails, what the user saw and what went wrong on the way are
 * kept: a screenshot under test-results/screenshots/FAILED-… and the page's problems on stderr. A
 * wait that times out otherwise says only what it waited for (CI once failed that way and the page
 * was gone). A page opened outside a test (in a hook) has no test to watch.
 */
function keepEvidenceOnFailure(page: Page, problems: string[]): void {
  // Numbered: a test with several pages (the office's and a unit's) keeps a screenshot of each.
  const n = ++pagesOpened;
  try {
    onTestFailed(async ({ task }) => {
      const name = `FAILED-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${n}`;
      const alerts = await page
        .locator('.ant-alert, .ant-message-notice, .ant-result')
        .allInnerTexts()
        .catch(() => []);
      console.error([`${task.name}: ${page.url()}`, ...problems, ...alerts.map((a) => `shown: ${a}`)].join('\n'));
      await screenshot(page, name).catch(() => undefined);
    });
  } catch {
    // Not inside a test: nothing to attach to.
  }
}

/** Signs in through the login form. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** Saves a screenshot under test-results/screenshots, the folder CI keeps. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}
