import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { createLedgerRow } from '../../server/src/modules/ledgers/ledger-row.service.ts';
import { actorWith, at, jurongPlanId, unitId } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { overflow } from './page-helpers.ts';

const TITLE = '句容市创新型示范市建设行动方案（2026—2030年）';
// Jurong's next plan, written for this test: its units are the county's own (市科技局 …).
const NEXT_PLAN = `句容市人民政府办公室文件

句政办发〔2026〕8号

关于印发《${TITLE}》的通知

各镇人民政府、街道办事处，市各有关部门：

现将《${TITLE}》印发给你们，请认真组织实施。

${TITLE}

为持续推进创新型示范市建设，制定本行动方案。

一、主要目标

到2030年，全市创新能力显著增强。高新技术企业达到400家以上。

二、重点任务

（一）壮大创新主体

1、实施高企倍增计划。建立高企培育库，到2030年新增高新技术企业150家。

牵头单位：市科技局；配合单位：市财政局

（二）建设创新平台

2、建设研发平台。支持企业建设工程技术研究中心。（责任单位：市科技局、市发改委）

三、保障措施

（一）加强组织领导。市科创委统筹推进。

句容市人民政府办公室

2026年2月10日印发
`;

describe('沿用上一轮方案 in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let office: string;
  let oldPlan: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-carry-'));
  const file = path.join(dir, '句容市2026-2030行动方案.md');

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    oldPlan = await jurongPlanId(server.db);
    // Two certificates in the last plan: one expired in 2024, one valid into the next plan.
    const admin = await actorWith(server.db, ['admin']);
    const kjj = await unitId(server.db, '市科技局');
    for (const [no, on] of [
      ['GR2021-OLD', '2021-05-10'],
      ['GR2024-NEW', '2024-06-01'],
    ] as const)
      await createLedgerRow(
        server.db,
        admin,
        oldPlan,
        'high-tech-enterprises',
        { unitId: kjj, values: { certificateNo: no, company: `${no}科技有限公司`, certifiedOn: on } },
        at(new Date().toISOString(), admin),
      );
    office = (await createUser(server.db, { roles: ['office'], region: '句容市', displayName: '办公室小李' })).username;
    fs.writeFileSync(file, NEXT_PLAN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const oldRows = () =>
    server.db.selectFrom('ledger_rows').selectAll().where('plan_id', '=', oldPlan).orderBy('id').execute();

  it('imports the county’s next plan, carries the last plan’s ledgers with the rows still valid, and leaves the old plan as it was', async () => {
    const before = JSON.stringify(await oldRows());
    // Going to the ledger pages by address aborts the lazy chunks the page before was still loading.
    const { page, problems } = await openPage(browser, undefined, [/net::ERR_ABORTED/]);
    onTestFailed(() => screenshot(page, 'carry-over-failure'));
    await signIn(page, server.url, office, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await page.goto(`${server.url}/plan-imports`);
    await page.getByText('点击或拖入方案文件').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForURL(/\/plan-imports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '确认生效' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认生效' }).click();

    // The confirm screen offers the county's last plan before the new one opens.
    const dialog = page.getByRole('dialog', { name: '沿用上一轮方案' });
    await dialog.waitFor();
    await expect(dialog.getByLabel('上一轮方案').locator('..').innerText()).resolves.toContain(
      '句容市争创省创新型示范市建设方案',
    );
    const hte = dialog.getByTestId('carry-ledgers').locator('label').filter({ hasText: '高新技术企业' });
    await expect(hte.innerText()).resolves.toMatch(/记录 2 条，其中2026-01-01仍有效 1 条/);
    await expect(hte.locator('input').isChecked()).resolves.toBe(true);
    await dialog.getByText(/^将沿用：单位组 3 个、台账 12 类、台账记录 1 条/).waitFor();
    await screenshot(page, 'carry-over-confirm-step');
    await dialog.getByRole('button', { name: '沿用所选内容' }).click();
    await dialog.getByText('已沿用上一轮方案').waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/单位组 3 个、台账 12 类、台账记录 1 条/);
    await screenshot(page, 'carry-over-result');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    const newPlan = page.url().split('/').at(-1)!;
    expect(newPlan).not.toBe(oldPlan);

    // The new plan's ledger holds the certificate still valid, marked with where it came from.
    await page.goto(`${server.url}/plans/${newPlan}/ledgers/high-tech-enterprises`);
    await page.getByText('GR2024-NEW', { exact: true }).waitFor();
    await expect(page.getByText('GR2021-OLD', { exact: true }).count()).resolves.toBe(0);
    await screenshot(page, 'carry-over-new-ledger');
    const carried = await server.db
      .selectFrom('ledger_rows')
      .select(['carried_from_plan_id'])
      .where('plan_id', '=', newPlan)
      .execute();
    expect(carried).toEqual([{ carried_from_plan_id: oldPlan }]);

    // The old plan still lists both, unchanged.
    await page.goto(`${server.url}/plans/${oldPlan}/ledgers/high-tech-enterprises`);
    await page.getByText('GR2021-OLD', { exact: true }).waitFor();
    await expect(page.getByText('GR2024-NEW', { exact: true }).count()).resolves.toBe(1);
    expect(JSON.stringify(await oldRows())).toBe(before);

    // Later, from the plan page: what was carried is now the new plan's own and cannot be chosen again.
    await page.goto(`${server.url}/plans/${newPlan}`);
    await page.getByRole('button', { name: '沿用上一轮方案' }).click();
    const again = page.getByRole('dialog', { name: '沿用上一轮方案' });
    const hteAgain = again.getByTestId('carry-ledgers').locator('label').filter({ hasText: '高新技术企业' });
    await expect(hteAgain.getByTestId('carry-conflict').getAttribute('title')).resolves.toBe(
      '本方案已有编码为“high-tech-enterprises”的台账',
    );
    await expect(hteAgain.locator('input').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'carry-over-plan-page');
    // On a phone the dialog fits the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    // The layout and tables switch to their phone form when Ant Design's breakpoint hook re-renders, after the resize.
    await expect.poll(() => overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'carry-over-phone');
    expect(problems).toEqual([]);
  });
});
