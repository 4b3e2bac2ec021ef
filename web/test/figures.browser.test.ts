import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { recordElementValues } from '../../server/src/modules/indicators/element-entry.service.ts';
import { findSoffice } from '../../server/src/modules/bulletins/bulletin-pdf.ts';
import { actorWith, at, jurongPlanId } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession } from './page-helpers.ts';

const NAME = '农业科技进步贡献率';
// Just below the plan's ≥ 72%: two decimals would print 72.00, which reads as the target met.
const VALUE = 71.996;
const SHOWN = '71.996%';

describe('one figure on every surface', () => {
  let server: RunningServer;
  let browser: Browser;
  let leader: string;
  let office: string;
  let planId: string;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    leader = (await createUser(server.db, { roles: ['leader'], displayName: '李市长' })).username;
    const officeActor = await actorWith(server.db, ['office']);
    office = officeActor.username;
    planId = await jurongPlanId(server.db);
    await recordElementValues(
      server.db,
      officeActor,
      planId,
      {
        items: [
          {
            element: 'agri-tech-contribution-rate',
            period: '2025',
            value: VALUE,
            source: '市农业农村局年报',
            quality: 'statistical',
          },
        ],
      },
      at('2026-02-10T02:00:00.000Z', officeActor),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the same figure on the cockpit, the indicator page, the bulletin PDF and the Excel annex', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.waitForURL(/\/plans\/[^/]+\/cockpit$/);
    const card = page.getByTestId('cockpit-indicator').filter({ hasText: NAME });
    await card.waitFor();
    await expect(card.locator('.indicator-card-value').textContent()).resolves.toBe(SHOWN);
    // The target with its year, the value's period on its own.
    await expect(card.locator('.indicator-card-target').textContent()).resolves.toBe('目标 ≥ 72%（2025年）');
    await expect(card.locator('.indicator-card-period').textContent()).resolves.toBe('2025年数据');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'figure-cockpit-card');

    await card.click();
    await page.getByRole('heading', { name: NAME, exact: true }).waitFor();
    const current = page.locator('.ant-descriptions-item').filter({ hasText: '当前值' });
    await expect(current.textContent()).resolves.toContain(`${SHOWN}（2025年数据）`);
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/当前值72(\.0+)?%/);
    await screenshot(page, 'figure-indicator-page');
    expect(problems).toEqual([]);

    // The bulletin the office drafts from the same data, and its Excel annex.
    const call = await apiSession(server.url, office, TEST_PASSWORD);
    const gen = await call('POST', `/api/plans/${planId}/bulletins`, { periodId: '2025', asOf: '2026-03-01' });
    expect(gen.status, await gen.clone().text()).toBe(200);
    const draft = (await gen.json()) as Bulletin;
    const xlsx = await call('GET', `/api/bulletins/${draft.id}/files/xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const row = sheet.getRows(3, sheet.rowCount)!.find((r) => r.getCell(2).value === NAME)!;
    expect(row.getCell(4).value).toBe(VALUE);
    expect(row.getCell(4).numFmt).toBe('0.000"%"');
    expect(row.getCell(3).value).toBe('≥72%');

    if (!findSoffice()) return; // the PDF needs LibreOffice; the rest stands without it
    const pdf = await call('GET', `/api/bulletins/${draft.id}/files/pdf`);
    expect(pdf.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'figures-')), 'bulletin.pdf');
    fs.writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    const line = text.split('\n').find((l) => l.includes(NAME) && l.includes('%') && l.includes('72'));
    expect(line, text).toContain(SHOWN);
    expect(text).not.toMatch(new RegExp(`${NAME}72(\\.0+)?%`));
  });
});
