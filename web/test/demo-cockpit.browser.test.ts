import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { IndicatorDetail, IndicatorList } from '@innocity/shared/api/indicators';
import type { PlanDetail } from '@innocity/shared/api/plans';
import { convert } from '@innocity/shared/indicators/units';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/demo/seed-demo.ts';
import { findUserByUsername, loadActor } from '../../server/src/modules/users/user.repo.ts';
import { jurongPlanId } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, SCREENSHOT_DIR, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, overflow, quiet } from './page-helpers.ts';
import { periodLabel } from '@innocity/shared/indicators/period';

// The demo's Jurong history on a fresh SQLite database, read by the demo leader as of 2025年9月30日:
// every indicator has a light, the goal counts add up, and every card's number is followed on the
// page, within two clicks, to the rows or reported values it comes from.

const AS_OF = '2025-09-30';
const LIGHTS = ['green', 'yellow', 'red'];

/** A number as the page shows it ("12.35 亿元", "64%", "12,345 家"), with how finely it was rounded. */
function shown(text: string): { value: number; unit: string; tolerance: number } {
  const m = /(-?[\d,]+(?:\.(\d+))?)\s*([^\d\s（]*)/.exec(text.trim());
  if (!m) throw new Error(`没有数字：${text}`);
  const decimals = m[2]?.length ?? 0;
  return { value: Number(m[1]!.replace(/,/g, '')), unit: m[3] ?? '', tolerance: 0.5 * 10 ** -decimals + 1e-9 };
}

/** Whether a value in `unit` is what a shown text says, within the rounding of both. */
function agrees(value: number, unit: string, text: string, extraTolerance = 0): boolean {
  const s = shown(text);
  const inShown = s.unit && s.unit !== unit ? convert(value, unit, s.unit) : value;
  return Math.abs(inShown - s.value) <= s.tolerance + extraTolerance;
}

async function fullPage(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Every row of an element's version table, across its pages: period, value, whether current, reporter. */
async function versionRows(section: Locator) {
  const rows: { period: string; value: number; current: boolean; reporter: string }[] = [];
  for (;;) {
    const cells = await section
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    for (const c of cells)
      rows.push({
        period: c[0]!,
        value: Number(c[2]!.replace(/,/g, '')),
        current: c[1]!.includes('现行'),
        reporter: c[4]!,
      });
    const next = section.locator('.ant-pagination-next');
    if ((await next.count()) === 0 || (await next.getAttribute('aria-disabled')) === 'true') return rows;
    await next.click();
    await quiet(section.page());
  }
}

/** The period id behind a card's "2025年数据", "2025年第三季度数据" or "2025年9月数据". */
function periodOfLabel(label: string): string | undefined {
  const m = /^(\d{4})年(?:第([一二三四])季度|(\d{1,2})月)?数据$/.exec(label);
  if (!m) return undefined;
  if (m[2]) return `${m[1]}Q${'一二三四'.indexOf(m[2]) + 1}`;
  if (m[3]) return `${m[1]}${m[3].padStart(2, '0')}`;
  return m[1];
}

describe('the demo cockpit, every number followed to its source', () => {
  let server: RunningServer;
  let browser: Browser;
  let planId: string;
  let list: IndicatorList;
  let plan: PlanDetail;
  const details = new Map<string, IndicatorDetail>();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    planId = await jurongPlanId(server.db);
    const admin = await loadActor(server.db, (await findUserByUsername(server.db, 'admin'))!);
    const started = Date.now();
    await seedDemo({ db: server.db, planId, admin, timeZone: 'Asia/Shanghai', seed: 20221222, log: () => undefined });
    console.log(`示例数据生成用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
    // The demo asks every account for a new password at first sign-in; this test signs straight in.
    await server.db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'leader').execute();
    // What each indicator is defined as (not its value: the values are read off the page).
    const leader = await apiSession(server.url, 'leader', DEMO_PASSWORD);
    list = (await (await leader('GET', `/api/plans/${planId}/indicators?asOf=${AS_OF}`)).json()) as IndicatorList;
    plan = (await (await leader('GET', `/api/plans/${planId}`)).json()) as PlanDetail;
    for (const i of list.items)
      details.set(
        i.name,
        (await (
          await leader('GET', `/api/plans/${planId}/indicators/${i.id}?asOf=${AS_OF}`)
        ).json()) as IndicatorDetail,
      );
  }, 900_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openCockpit = async (page: Page) => {
    // Whatever the page was loading (the sign-in's own cockpit) finishes first, so nothing is aborted.
    await quiet(page);
    await page.goto(`${server.url}/plans/${planId}/cockpit?asOf=${AS_OF}`);
    await page.getByText('评估日期 2025年9月30日').first().waitFor();
    await page.getByTestId('cockpit-indicator').first().waitFor();
  };

  it('shows all 24 Jurong indicators with a light, and goal counts that add up', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, 'leader', DEMO_PASSWORD);
    await page.waitForURL(/\/cockpit$/);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await openCockpit(page);
    const cards = page.getByTestId('cockpit-indicator');
    await expect(cards.count()).resolves.toBe(24);
    const lights = await cards.evaluateAll((els) =>
      els.map((e) => [e.querySelector('.indicator-card-name')?.textContent ?? '', e.getAttribute('data-light')]),
    );
    const unlit = lights.filter(([, l]) => !LIGHTS.includes(l ?? ''));
    expect(unlit, '灰灯（无法判断）的指标').toEqual([]);

    // Each goal's counts add up to its indicators, and all goals to the 24 cards and the header's totals.
    const rows = page.locator('.goal-light-row');
    let indicators = 0;
    const byLight: Record<string, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
    for (let r = 0; r < (await rows.count()); r += 1) {
      const counts = await rows
        .nth(r)
        .locator('.light-count')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-light')!, Number(e.textContent)] as const));
      const green = Number(await rows.nth(r).getAttribute('data-green'));
      const total = Number(await rows.nth(r).getAttribute('data-total'));
      expect(counts.reduce((s, [, n]) => s + n, 0)).toBe(total);
      expect(counts.find(([l]) => l === 'green')![1]).toBe(green);
      counts.forEach(([l, n]) => (byLight[l]! += n));
      indicators += total;
    }
    expect(indicators).toBe(24);
    const header = await page
      .locator('.cockpit-card', { hasText: '指标红黄绿灯' })
      .first()
      .locator('.ant-card-extra .light-count')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-light')!, Number(e.textContent)] as const));
    expect(Object.fromEntries(header)).toEqual(byLight);
    for (const l of Object.keys(byLight)) expect(lights.filter(([, x]) => x === l).length).toBe(byLight[l]);

    // The bulletin and the unit ranking are there, with data or with their empty states.
    await expect(page.getByTestId('latest-bulletin').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('unit-ranking').isVisible()).resolves.toBe(true);
    await page.locator('.sparkline canvas').first().waitFor();
    await quiet(page);
    await fullPage(page, 'demo-cockpit-desktop');
    expect(problems).toEqual([]);
  });

  it(
    'follows every card within two clicks to the rows or reported values behind it',
    { timeout: 600_000 },
    async () => {
      const { page, problems } = await openPage(browser);
      await signIn(page, server.url, 'leader', DEMO_PASSWORD);
      await page.waitForURL(/\/cockpit$/);
      await openCockpit(page);
      const names = await page
        .getByTestId('cockpit-indicator')
        .evaluateAll((els) => els.map((e) => e.querySelector('.indicator-card-name')?.textContent ?? ''));
      const checked: string[] = [];
      for (const name of names) {
        const card = page.getByTestId('cockpit-indicator').filter({ has: page.getByText(name, { exact: true }) });
        const value = (await card.locator('.indicator-card-value').textContent())!;
        const period = periodOfLabel((await card.locator('.indicator-card-period').textContent())!);
        const d = details.get(name)!;
        expect(d, name).toBeTruthy();
        // Click 1: the card opens the indicator, which states the same value.
        await card.click();
        await page.getByRole('heading', { name, exact: true }).waitFor();
        await quiet(page);
        await expect(
          page.locator('.ant-descriptions-item', { hasText: '当前值' }).first().textContent(),
        ).resolves.toContain(value);
        if (name === '科技资金支持累计') {
          await page.locator('.indicator-chart canvas').waitFor();
          await fullPage(page, 'demo-indicator-detail-desktop');
        }
        if (d.sources.ledger) await followLedger(page, d, value);
        else await followElements(page, d, value, period!);
        checked.push(name);
        await openCockpit(page);
      }
      expect(checked).toHaveLength(24);
      expect(problems).toEqual([]);
    },
  );

  /** Click 2: the counted rows, whose number (or the sum of the summed field) is the card's value. */
  async function followLedger(page: Page, d: IndicatorDetail, value: string) {
    await page.getByRole('button', { name: /查看计入的 .* 条台账记录/ }).click();
    const drawer = page.getByTestId('counted-rows');
    const summary = drawer.getByTestId('counted-rows-summary');
    await summary.waitFor();
    await quiet(page);
    const text = (await summary.textContent())!;
    if (d.name === '科技资金支持累计') {
      await page.waitForTimeout(500); // the drawer's opening animation
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-counted-rows-desktop.png') });
    }
    const count = Number(/计入 ([\d,]+) 条记录/.exec(text)![1]!.replace(/,/g, ''));
    const total = await drawer.locator('.ant-pagination-total-text').textContent();
    expect(total, d.name).toBe(`共 ${count.toLocaleString('en-US').replace(/^(\d),(\d{3})$/, '$1$2')} 条`);
    await expect(drawer.locator('tbody tr.ant-table-row').count()).resolves.toBe(Math.min(count, 20));
    const summed = /合计 (.+)。$/.exec(text)?.[1];
    if (summed) {
      const field = d.definition && 'field' in d.definition ? d.definition.field : undefined;
      const fieldUnit = /「.+」合计 [\d,.]+ ?(\S*)。$/.exec(text)?.[1] ?? '';
      // The sum is shown in its field's unit (scaled to 万/亿 where large); the card in the indicator's.
      const sum = shown(summed);
      const sumInIndicatorUnit = convert(sum.value, sum.unit || d.unit, d.unit);
      const tolerance = convert(sum.tolerance, sum.unit || d.unit, d.unit);
      expect(
        agrees(sumInIndicatorUnit, d.unit, value, tolerance),
        `${d.name}: ${text} vs ${value} (${field} ${fieldUnit})`,
      ).toBe(true);
    } else {
      expect(agrees(count, d.unit, value), `${d.name}: ${count} 条 vs ${value}`).toBe(true);
    }
    await page.keyboard.press('Escape');
  }

  /** The element tables on the indicator page: the values in force, with reporters, recompute the card's value. */
  async function followElements(page: Page, d: IndicatorDetail, value: string, period: string) {
    const current = new Map<string, Map<string, number>>();
    for (const { element } of d.sources.elements) {
      const heading = page.getByRole('heading', { name: new RegExp(`^${element.name}（`) });
      const section = page.locator('.source-element', { has: heading });
      const rows = await versionRows(section);
      expect(rows.length, `${d.name} ${element.name}`).toBeGreaterThan(0);
      expect(rows.every((r) => r.reporter.trim().length > 0)).toBe(true);
      current.set(element.code, new Map(rows.filter((r) => r.current).map((r) => [r.period, r.value])));
    }
    const def = d.definition!;
    // The table shows the period as people read it (2024年, 2025年第三季度).
    const at = (code: string, p: string) => {
      const v = current.get(code)?.get(periodLabel(p));
      if (v === undefined) throw new Error(`${d.name}：${code} ${p} 没有现行值`);
      return v;
    };
    const unitOf = (code: string) => d.sources.elements.find((e) => e.element.code === code)!.element.unit;
    let computed: number;
    if (def.kind === 'ratio')
      computed =
        (convert(at(def.numerator, period), unitOf(def.numerator), unitOf(def.denominator)) /
          at(def.denominator, period)) *
        100;
    else if (def.kind === 'per_capita')
      computed =
        (at(def.element, period) / convert(at(def.population, period), unitOf(def.population), '人')) * def.per;
    else if (def.kind === 'average_growth') {
      const baseYear = def.baseYear ?? plan.baselineYear;
      computed =
        ((at(def.element, period) / at(def.element, String(baseYear))) ** (1 / (Number(period) - baseYear)) - 1) * 100;
    } else if (def.kind === 'reported_level') computed = convert(at(def.element, period), unitOf(def.element), d.unit);
    else throw new Error(`${d.name}：未知口径 ${def.kind}`);
    expect(agrees(computed, d.unit, value), `${d.name}: ${computed} vs ${value}`).toBe(true);
  }

  it('fits the demo cockpit and an indicator on a phone', async () => {
    const { page, problems } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, server.url, 'leader', DEMO_PASSWORD);
    await page.waitForURL(/\/cockpit$/);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await openCockpit(page);
    await page.locator('.sparkline canvas').first().waitFor();
    await quiet(page);
    await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
    await fullPage(page, 'demo-cockpit-phone');
    await page.getByTestId('cockpit-indicator').filter({ hasText: '科技资金支持累计' }).click();
    await page.locator('.indicator-chart canvas').waitFor();
    await quiet(page);
    await expect(overflow(page)).resolves.toBeLessThanOrEqual(0);
    await fullPage(page, 'demo-indicator-detail-phone');
    await page.getByRole('button', { name: /查看计入的 .* 条台账记录/ }).click();
    await page.getByTestId('counted-rows-summary').waitFor();
    await quiet(page);
    await page.waitForTimeout(500); // the drawer's opening animation
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'demo-counted-rows-phone.png') });
    expect(problems).toEqual([]);
  });
});
