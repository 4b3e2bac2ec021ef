import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorDetail, IndicatorRows } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { indicatorsAsOf, ledgerRowAt, recordAt } from './indicator-test-kit.ts';

// Every expected value and status below is worked out by hand in the comments beside it.

const T = (date: string) => `${date}T02:00:00.000Z`; // 10:00 in Beijing on that day
const stat = { source: '统计年鉴', quality: 'statistical' as const };
const incubator = (
  name: string,
  kind: string,
  level: string,
  recognisedOn: string,
  area: number,
  revokedOn?: string,
) => ({
  name,
  kind,
  level,
  corridor: 'G312',
  recognisedOn,
  area,
  ...(revokedOn ? { revokedOn } : {}),
});

describe.each(TEST_DIALECTS)('indicator evaluation on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  const rowIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const actor = await actorWith(t.db, ['office']);
    office = await t.login(actor.username, actor.password);
    const rec = (when: string, items: Parameters<typeof recordAt>[4]) => recordAt(t.db, actor, planId, T(when), items);
    // R&D ÷ GDP. GDP 2022 is first reported as 760, corrected to 800 on 2023-10-15.
    await rec('2022-03-15', [{ element: 'gdp', period: '2021', value: 700, ...stat }]);
    await rec('2022-09-20', [{ element: 'rd-spending', period: '2021', value: 14, ...stat }]);
    await rec('2023-03-15', [{ element: 'gdp', period: '2022', value: 760, ...stat }]);
    await rec('2023-09-20', [{ element: 'rd-spending', period: '2022', value: 19.2, ...stat }]);
    await rec('2023-10-15', [{ element: 'gdp', period: '2022', value: 800, ...stat, note: '统计局年报修订' }]);
    // Patents per 10 000 people, 64 万人 every year.
    for (const [year, patents] of [
      ['2021', 320],
      ['2022', 384],
      ['2023', 448],
    ] as const) {
      await rec('2024-02-20', [
        { element: 'population', period: year, value: 64, ...stat },
        { element: 'high-value-patents', period: year, value: patents, ...stat },
      ]);
    }
    // Fiscal S&T spending: 10 000 → 12 321 万元 over two years.
    await rec('2024-03-01', [
      { element: 'fiscal-st-spending', period: '2021', value: 10000, ...stat },
      { element: 'fiscal-st-spending', period: '2022', value: 11000, ...stat },
      { element: 'fiscal-st-spending', period: '2023', value: 12321, ...stat },
    ]);
    for (const [year, rate] of [
      ['2021', 69],
      ['2022', 70],
      ['2023', 71],
    ] as const) {
      await rec('2024-03-01', [{ element: 'agri-tech-contribution-rate', period: year, value: rate, ...stat }]);
    }
    // Incubators: maker spaces (众创空间) of province level or above count for maker-spaces; every area counts for the floor area.
    const row = async (key: string, recorded: string, values: Record<string, unknown>) => {
      rowIds[key] = (await ledgerRowAt(t.db, actor, planId, 'incubators', '市科技局', T(recorded), values)).id;
    };
    await row('A', '2021-06-01', incubator('甲众创空间', '众创空间', '省级', '2020-05-01', 10));
    await row('D', '2021-04-01', incubator('丁孵化器', '孵化器', '省级', '2021-03-01', 30));
    await row('C', '2022-01-15', incubator('丙众创空间', '众创空间', '市级', '2022-01-01', 5));
    await row('B', '2023-03-10', incubator('乙众创空间', '众创空间', '国家级', '2023-03-01', 20));
    await row('E', '2023-11-05', incubator('戊众创空间', '众创空间', '省级', '2023-11-01', 8, '2024-01-31'));
    // Professional incubators without an area, both recorded weeks after they were recognised.
    const professional = (name: string, level: string, on: string) => ({
      name,
      kind: '孵化器',
      level,
      corridor: 'S122',
      recognisedOn: on,
      professional: true,
    });
    await row('G', '2023-02-01', professional('己专业孵化器', '省级', '2022-12-01'));
    await row('H', '2026-01-10', professional('庚专业孵化器', '市级', '2025-12-20'));
    // Funding since 2022-01-01, in 万元; the 2021 grant predates the plan.
    const fund = (documentNo: string, fundedOn: string, amount: number) => ({
      documentNo,
      programme: '科技项目',
      recipient: '某企业',
      source: '句容市级',
      amount,
      fundedOn,
    });
    await ledgerRowAt(
      t.db,
      actor,
      planId,
      'sci-tech-funding',
      '市科技局',
      T('2021-11-05'),
      fund('句科〔2021〕9号', '2021-11-01', 5000),
    );
    await ledgerRowAt(
      t.db,
      actor,
      planId,
      'sci-tech-funding',
      '市科技局',
      T('2022-05-10'),
      fund('句科〔2022〕3号', '2022-05-01', 15000),
    );
    await ledgerRowAt(
      t.db,
      actor,
      planId,
      'sci-tech-funding',
      '市科技局',
      T('2023-02-10'),
      fund('句科〔2023〕1号', '2023-02-01', 12500),
    );
    // The office sets the maker-space baseline: 1 in 2021, so the path runs 1, 1.5, 2, 2.5, 3.
    const maker = (await indicatorsAsOf(office, planId, '2023-06-30')).get('maker-spaces')!;
    const res = await office.request({
      method: 'PUT',
      url: `/api/plans/${planId}/indicators/${maker.id}/baseline`,
      payload: { value: 1, year: 2021, note: '2021年末省级以上众创空间1家' },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('computes a ratio from two elements and judges it by growth ratio', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2023-10-31')).get('rd-gdp-ratio')!;
    // 2022: 19.2 ÷ 800 × 100 = 2.4%. Baseline from the 2021 data: 14 ÷ 700 × 100 = 2.0%.
    expect(ind.current).toEqual({ period: '2022', date: '2022-12-31', value: 2.4 });
    expect(ind.baseline).toMatchObject({ value: 2, year: 2021, source: 'data' });
    // Observed 2.4/2.0 − 1 = 20% in one year; required (2.8/2.0)^(1/4) − 1 = 8.7757%; R = 2.279.
    expect(ind.progress).toBeCloseTo(0.2 / (1.4 ** 0.25 - 1), 6);
    expect(ind).toMatchObject({ status: 'on_track', statusLabel: '进展良好', light: 'green' });
    expect(ind.workings.valueFormula).toBe('「全社会研发经费投入」÷「地区生产总值」× 100 = 19.2 ÷ 800 × 100 = 2.4%');
    expect(ind.series.map((p) => [p.period, Number(p.value.toFixed(6))])).toEqual([
      ['2021', 2],
      ['2022', 2.4],
    ]);
  });

  it('uses only what was recorded by the as-of date: the uncorrected GDP before 2023-10-15', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2023-09-30')).get('rd-gdp-ratio')!;
    // 19.2 ÷ 760 × 100 = 2.526316%.
    expect(ind.current!.value).toBeCloseTo(2.526316, 5);
    const earlier = (await indicatorsAsOf(office, planId, '2023-06-30')).get('rd-gdp-ratio')!;
    // R&D 2022 arrived on 2023-09-20, so on 2023-06-30 only 2021 is known: no growth to measure yet.
    expect(earlier.current).toMatchObject({ period: '2021', value: 2 });
    expect(earlier.status).toBe('insufficient_data');
  });

  it('says the 2023 figure is overdue once its due date has passed', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2024-10-15')).get('rd-gdp-ratio')!;
    // R&D is due 270 days after the year: 2023-12-31 + 270 = 2024-09-26.
    expect(ind).toMatchObject({ status: 'overdue', light: 'grey' });
    expect(ind.workings.formula).toContain('2023年数据应于 2024-09-26 前报送');
  });

  it('computes per-capita values and projects their trend', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2024-03-31')).get('high-value-patents-per-10k')!;
    // 448 ÷ 640 000 × 10 000 = 7; the series 5, 6, 7 rises 1 a year, so 9 by 2025 > 8.
    expect(ind.current!.value).toBeCloseTo(7, 10);
    expect(ind.series.map((p) => Number(p.value.toFixed(6)))).toEqual([5, 6, 7]);
    expect(ind).toMatchObject({ status: 'projected_met', light: 'green' });
    expect(ind.progress).toBeCloseTo(9, 6);
  });

  it('computes an average annual growth and compares it with its threshold', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2024-04-30')).get('fiscal-st-growth')!;
    // (12 321 ÷ 10 000)^(1/2) − 1 = 1.11 − 1 = 11%: below 12%, above 12 × 0.9 = 10.8.
    expect(ind.current!.value).toBeCloseTo(11, 10);
    expect(ind).toMatchObject({ status: 'threshold_near', light: 'yellow', milestones: [] });
  });

  it('passes a reported level through and projects it', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2024-04-30')).get('agri-tech-contribution')!;
    // 69, 70, 71 → +1 a year → 73 by 2025 ≥ 72.
    expect(ind.current!.value).toBe(71);
    expect(ind.status).toBe('projected_met');
  });

  it('counts ledger rows valid on the date against the office baseline: 超序时, 慢序时, 提前完成', async () => {
    // 2023-06-30: A and B are valid (C is 市级, D a 孵化器, E not yet recognised) = 2. Path: 1.5 + 0.5 × 181/365 = 1.747945.
    const june = (await indicatorsAsOf(office, planId, '2023-06-30')).get('maker-spaces')!;
    expect(june.current!.value).toBe(2);
    expect(june.progress).toBeCloseTo(2 / 1.747945, 5);
    expect(june).toMatchObject({ status: 'ahead', light: 'green' });
    expect(june.baseline).toMatchObject({ value: 1, year: 2021, source: 'office' });
    expect(june.milestones.map((m) => m.value)).toEqual([1, 1.5, 2, 2.5, 3]);
    // 2023-12-31: A, B, E = 3 meets the target two years early.
    expect((await indicatorsAsOf(office, planId, '2023-12-31')).get('maker-spaces')).toMatchObject({
      status: 'completed_early',
      current: { value: 3 },
    });
    // 2024-03-31: E was revoked on 2024-01-31, back to 2; path 2 + 0.5 × 91/366 = 2.124317; 2 ÷ 2.124317 = 94.1%.
    const march = (await indicatorsAsOf(office, planId, '2024-03-31')).get('maker-spaces')!;
    expect(march.progress).toBeCloseTo(2 / 2.124317, 5);
    expect(march).toMatchObject({ status: 'behind', statusLabel: '慢序时', light: 'yellow' });
  });

  it('counts a ledger row only from the day it was recorded', async () => {
    // B was recognised on 2023-03-01 but recorded on 2023-03-10: on 2023-03-05 only A counts.
    // Path 1.5 + 0.5 × 64/365 = 1.587671; 1 ÷ 1.587671 = 63%.
    const ind = (await indicatorsAsOf(office, planId, '2023-03-05')).get('maker-spaces')!;
    expect(ind.current!.value).toBe(1);
    expect(ind).toMatchObject({ status: 'far_behind', light: 'red' });
  });

  it('shows past year ends as best known on the as-of date, late recordings included', async () => {
    // G was recognised on 2022-12-01 but recorded on 2023-02-01: unknown at the end of 2022, known by mid-2023.
    const then = (await indicatorsAsOf(office, planId, '2022-12-31')).get('specialized-incubators')!;
    expect(then.series.map((p) => p.value)).toEqual([0, 0]);
    const later = (await indicatorsAsOf(office, planId, '2023-06-30')).get('specialized-incubators')!;
    expect(later.series.map((p) => [p.period, p.date, p.value])).toEqual([
      ['2021', '2021-12-31', 0],
      ['2022', '2022-12-31', 1],
      ['2023', '2023-06-30', 1],
    ]);
  });

  it('judges the target date with what is known after it: a row recorded in January counts for 31 December', async () => {
    // Valid on 2025-12-31: G and H (recognised 2025-12-20, recorded 2026-01-10) = 2, short of 3–5.
    const ind = (await indicatorsAsOf(office, planId, '2026-03-31')).get('specialized-incubators')!;
    expect(ind.current).toEqual({ period: '2025', date: '2025-12-31', value: 2 });
    expect(ind).toMatchObject({ status: 'missed', light: 'red' });
  });

  it('sums a ledger field over valid rows and projects the trend', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2023-12-31')).get('incubator-floor-area')!;
    // Year ends: 2021 A + D = 40; 2022 + C = 45; 2023 + B + E = 73.
    expect(ind.series.map((p) => p.value)).toEqual([40, 45, 73]);
    // Slope (−1·(40 − 52.667) + 1·(73 − 52.667)) ÷ 2 = 16.5; 2025: 52.667 + 3 × 16.5 = 102.167; ÷ 120 = 85.1% → 预计难以完成.
    expect(ind.progress).toBeCloseTo(102.1667, 3);
    expect(ind).toMatchObject({ status: 'projected_missed', light: 'red' });
  });

  it('accumulates a flow since the plan start, converting 万元 to 亿元 explicitly', async () => {
    const ind = (await indicatorsAsOf(office, planId, '2023-06-30')).get('sci-tech-funding')!;
    // 15 000 + 12 500 = 27 500 万元 = 2.75 亿元 (the 2021 grant predates the plan). Path 0 → 10: 2.5 + 2.5 × 181/365 = 3.739726.
    expect(ind.current!.value).toBe(2.75);
    expect(ind.baseline).toMatchObject({ value: 0, source: 'definition' });
    expect(ind.progress).toBeCloseTo(2.75 / 3.739726, 5);
    expect(ind.status).toBe('far_behind');
    expect(ind.workings.valueFormula).toBe(
      '2022-01-01 至 2023-06-30 累计「支持金额」合计 = 2.75 亿元（27500 万元 = 2.75 亿元）',
    );
  });

  it('says 暂无数据 for an element never reported and for an empty ledger, never a guess', async () => {
    const all = await indicatorsAsOf(office, planId, '2024-06-30');
    const rate = all.get('rd-institution-rate')!;
    expect(rate).toMatchObject({ status: 'no_data', light: 'grey', current: null, progress: null });
    expect(rate.workings.formula).toContain('「建有研发机构的大中型工业企业数」');
    expect(all.get('tech-smes')).toMatchObject({ status: 'no_data', light: 'grey' });
    expect(all.get('tech-smes')!.workings.formula).toContain('台账「科技型中小企业」截至 2024-06-30 尚无任何记录');
    expect(all.size).toBe(24);
  });

  it('answers an unknown indicator with 404 and a bad date with a Chinese 400', async () => {
    const missing = await office.request({ method: 'GET', url: `/api/plans/${planId}/indicators/nope` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('指标不存在');
    const bad = await office.request({ method: 'GET', url: `/api/plans/${planId}/indicators?asOf=2024-02-30` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].message).toBe('评估日期不是有效日期');
    const code = await office.request({
      method: 'GET',
      url: `/api/plans/jurong-2022-79/indicators/maker-spaces?asOf=2023-06-30`,
    });
    expect(code.json()).toMatchObject({ code: 'maker-spaces', current: { value: 2 } });
  });

  it('shows the element versions and reporters, or the ledger rows, behind a number', async () => {
    const list = await indicatorsAsOf(office, planId, '2023-12-31');
    const ratio = (
      await office.request({
        method: 'GET',
        url: `/api/plans/${planId}/indicators/${list.get('rd-gdp-ratio')!.id}?asOf=2023-12-31`,
      })
    ).json() as IndicatorDetail;
    const gdp = ratio.sources.elements.find((s) => s.element.code === 'gdp')!;
    expect(gdp.versions.filter((v) => v.period === '2022').map((v) => [v.version, v.value, v.current])).toEqual([
      [1, 760, false],
      [2, 800, true],
    ]);
    expect(gdp.versions[0]!.reportedBy?.name).toBeTruthy();
    const maker = (
      await office.request({
        method: 'GET',
        url: `/api/plans/${planId}/indicators/${list.get('maker-spaces')!.id}?asOf=2023-12-31`,
      })
    ).json() as IndicatorDetail;
    expect(maker.sources.ledger).toMatchObject({ code: 'incubators', asOf: '2023-12-31', total: 3 });
    expect(new Set(maker.sources.ledger!.rowIds)).toEqual(new Set([rowIds.A, rowIds.B, rowIds.E]));
  });
  it('lists the very rows an indicator counts, as of its date, with their sum', async () => {
    const list = await indicatorsAsOf(office, planId, '2023-12-31');
    const rows = async (code: string, query: string) => {
      const res = await office.request({
        method: 'GET',
        url: `/api/plans/${planId}/indicators/${list.get(code)!.id}/rows?asOf=2023-12-31${query}`,
      });
      return { status: res.statusCode, body: res.json() as IndicatorRows };
    };
    // Maker spaces: A, B and E (E revoked only in 2024); C is municipal, so not counted.
    const maker = await rows('maker-spaces', '');
    expect(maker.body).toMatchObject({ asOf: '2023-12-31', total: 3, field: null, sum: null });
    expect(maker.body.ledger.code).toBe('incubators');
    expect(new Set(maker.body.items.map((r) => r.id))).toEqual(new Set([rowIds.A, rowIds.B, rowIds.E]));
    const second = await rows('maker-spaces', '&pageSize=2&page=2');
    expect(second.body.items).toHaveLength(1);
    expect(second.body.total).toBe(3);
    // Floor area: the sum over the counted rows is the indicator's value.
    const area = await rows('incubator-floor-area', '');
    expect(area.body.field).toBe('area');
    expect(area.body.sum).toBe(list.get('incubator-floor-area')!.current!.value);
    // Funding: a flow since 2022 in 万元; the indicator shows it in 亿元.
    const funding = await rows('sci-tech-funding', '');
    expect(funding.body.field).toBe('amount');
    expect(funding.body.sum! / 10000).toBeCloseTo(list.get('sci-tech-funding')!.current!.value, 6);
    // An indicator computed from data elements has no ledger rows.
    expect((await rows('rd-gdp-ratio', '')).status).toBe(404);
  });
});
