import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import {
  launchBrowser,
  openPage,
  SCREENSHOT_DIR,
  screenshot,
  signIn,
  startServer,
  type RunningServer,
} from './harness.ts';
import { apiSession, quiet } from './page-helpers.ts';

const PHONE = { width: 390, height: 844 };

// A town reporter opens 帮助 on the page where they report, reads the round's cut-off there, and
// prints their one-page guide.
describe('help where it is needed', () => {
  let server: RunningServer;
  let browser: Browser;
  let reporter: { username: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    reporter = await createUser(server.db, { roles: ['reporter'], units: ['市科技局'] });
    const office = await createUser(server.db, { roles: ['office'], units: [] });
    const planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const asOffice = await apiSession(server.url, office.username, TEST_PASSWORD);
    expect(
      (await asOffice('POST', '/api/rounds', { planId, periodId: '2099Q4', cutoffDate: '2099-12-31' })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the reporting screen's guide with the open round's cut-off, and prints the role guide on one page", async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, reporter.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.goto(`${server.url}/reporting`);
    await quiet(page);
    await page.getByRole('button', { name: /帮\s*助/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('heading', { name: '我的填报' }).waitFor();
    await drawer.getByText(/2099年第四季度：2099年12月31日/).waitFor();
    await drawer
      .getByText(/提交单位审核/)
      .first()
      .waitFor();
    await screenshot(page, 'help-drawer-1440');
    await drawer.getByRole('link', { name: '查看并打印本角色的操作指南' }).click();
    await page.getByRole('link', { name: '单位填报员操作指南' }).click();
    await page.getByRole('heading', { name: '单位填报员操作指南' }).waitFor();

    await page.emulateMedia({ media: 'print' });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pdf = path.join(SCREENSHOT_DIR, 'guide-reporter.pdf');
    await page.pdf({ path: pdf, format: 'A4' });
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('操作步骤');
    expect(text).not.toContain('打印');
    await page.emulateMedia({ media: 'screen' });
    expect(problems).toEqual([]);
  });

  it('opens the same help from the account menu on a phone', async () => {
    const { page, problems } = await openPage(browser, PHONE);
    await signIn(page, server.url, reporter.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.goto(`${server.url}/reporting`);
    await quiet(page);
    await page.getByRole('button', { name: '账号菜单' }).click();
    await page.getByRole('menuitem', { name: '本页帮助' }).click();
    await page.getByRole('dialog').getByRole('heading', { name: '我的填报' }).waitFor();
    await screenshot(page, 'help-drawer-390');
    expect(problems).toEqual([]);
  });

  it('opens the help drawer at once for a user who asks the system for reduced motion, sliding in otherwise', async () => {
    const { page, problems } = await openPage(browser); // the harness asks for reduced motion
    await signIn(page, server.url, reporter.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.goto(`${server.url}/reporting`);
    await quiet(page);
    // Every animation or transition that starts on the drawer, as the browser reports it (no timing).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { motion: string[] }).motion = []);
      for (const kind of ['animationstart', 'transitionstart'] as const)
        document.addEventListener(
          kind,
          (e) => {
            const el = e.target as Element;
            if (el.closest?.('.ant-drawer') && !el.closest('.ant-spin')) seen.push(`${kind} ${el.className}`);
          },
          true,
        );
    });
    const motion = () => page.evaluate(() => (window as unknown as { motion: string[] }).motion.splice(0));
    const help = async () => {
      await page.getByRole('button', { name: /帮\s*助/ }).click();
      await page.getByRole('dialog').getByRole('heading', { name: '我的填报' }).waitFor();
    };
    const close = async () => {
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    };
    await help();
    await expect(motion()).resolves.toEqual([]);
    await close();
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await motion();
    await help();
    await expect.poll(() => motion().then((m) => m.length > 0)).toBe(true);
    expect(problems).toEqual([]);
  });
});
