import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Publication } from '@innocity/shared/api/assessment';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import type { RoundUnitRow } from '@innocity/shared/api/reporting';
import { figureCell } from '@innocity/shared/format';
import { LIGHT_LABELS } from '@innocity/shared/indicators/status';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { assessmentMatrixFixtures } from '../assessment/assessment-test-kit.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../reporting/reporting-test-kit.ts';

type Client = ReportingWorld['as']['office'];

/** Downloads a workbook and reads it back as a person opening it in Excel would. */
async function download(client: Client, url: string) {
  const res = await client.request({ method: 'GET', url });
  if (res.statusCode !== 200) return { status: res.statusCode, res };
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const name = /filename\*=UTF-8''(.+)$/.exec(String(res.headers['content-disposition']))?.[1];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { status: 200, res, wb, fileName: decodeURIComponent(name ?? '') };
}

/** The data rows of a sheet under its title and header rows, keyed by the header texts. */
function rowsOf(sheet: ExcelJS.Worksheet) {
  const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.Cell>[] = [];
  sheet.eachRow((row, n) => {
    if (n <= 2 || String(row.getCell(1).value ?? '').startsWith('注：')) return;
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1)])));
  });
  return rows;
}

describe.each(TEST_DIALECTS)('Excel exports of rounds, indicators and scores on %s', (dialect) => {
  let w: ReportingWorld;
  let roundId: string;
  let publicationId: string;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    await createNdrcWorkItem(w);
    roundId = (await openQ3(w)).id;
    publicationId = (await assessmentMatrixFixtures(w.t.db, await w.unit('市科技局'), w.planId)).publicationId;
  });
  afterAll(() => w.t.close());

  it("exports a round's progress by unit with the same figures as the round page, completeness as a number", async () => {
    const screen = (await w.as.office.request({ method: 'GET', url: `/api/rounds/${roundId}/units` })).json()
      .items as RoundUnitRow[];
    const got = await download(w.as.office, `/api/rounds/${roundId}/units/export`);
    expect(got.fileName).toBe('2025年第三季度各单位填报情况.xlsx');
    const sheet = got.wb!.getWorksheet('填报情况')!;
    expect(sheet.getCell(1, 1).value).toBe('2025年第三季度各单位填报情况');
    const rows = rowsOf(sheet);
    expect(rows.map((r) => r['单位']!.value)).toEqual(screen.map((s) => s.unit.name));
    for (const [n, s] of screen.entries()) {
      expect(rows[n]!['完整率']!.value).toBe(s.completeness);
      expect(rows[n]!['完整率']!.numFmt).toBe('0%');
      expect(rows[n]!['应报项']!.value).toBe(s.expected);
      expect(rows[n]!['催办次数']!.value).toBe(s.urgings);
    }
    expect(screen.length).toBeGreaterThan(0);
  });

  it('refuses the round export to those who may not read the round page', async () => {
    expect((await download(w.as.ndrcReporter, `/api/rounds/${roundId}/units/export`)).status).toBe(403);
    expect((await download(w.as.office, `/api/rounds/00000000-0000-4000-8000-000000000000/units/export`)).status).toBe(
      404,
    );
  });

  it('exports the indicator list as of today: values as numbers in their reported precision, targets, lights', async () => {
    // A rate reported with two decimals, which the export must keep.
    const posted = await w.as.office.request({
      method: 'POST',
      url: `/api/plans/${w.planId}/data-element-values`,
      payload: {
        items: [{ element: 'agri-tech-contribution-rate', period: '2023', value: 64.55, source: '统计快报' }],
      },
    });
    expect(posted.statusCode).toBe(201);
    const screen = (
      await w.as.leader.request({ method: 'GET', url: `/api/plans/${w.planId}/indicators` })
    ).json() as IndicatorList;
    const got = await download(w.as.leader, `/api/plans/${w.planId}/indicators/export`);
    expect(got.fileName).toBe(`指标监测（截至${screen.asOf}）.xlsx`);
    const rows = rowsOf(got.wb!.getWorksheet('指标监测')!);
    expect(rows).toHaveLength(screen.items.length);
    let withValue = 0;
    for (const [n, i] of screen.items.entries()) {
      expect(rows[n]!['指标名称']!.value).toBe(i.name);
      expect(rows[n]!['灯号']!.value).toBe(LIGHT_LABELS[i.light]);
      if (!i.current) {
        expect(rows[n]!['当前值']!.value).toBe('暂无数据');
        continue;
      }
      withValue += 1;
      const cell = figureCell(i.current.value, i.unit, i.target);
      expect(rows[n]!['当前值']!.value).toBe(cell.value);
      expect(rows[n]!['当前值']!.numFmt).toBe(cell.numFmt);
    }
    expect(withValue).toBeGreaterThan(0);
    const rate = rows.find((r) => r['指标名称']!.value === '农业科技进步贡献率')!;
    expect(rate['当前值']!).toMatchObject({ value: 64.55, numFmt: '0.00"%"' });
    expect(rate['数据期']!.value).toBe('2023年数据');
    // An earlier day shows what was known then: the value reported today is not in a 2024 view.
    const then = await download(w.as.leader, `/api/plans/${w.planId}/indicators/export?asOf=2024-06-30`);
    const thenRate = rowsOf(then.wb!.getWorksheet('指标监测')!).find(
      (r) => r['指标名称']!.value === '农业科技进步贡献率',
    )!;
    expect(thenRate['当前值']!.value).toBe('暂无数据');
    const bad = await w.as.leader.request({
      method: 'GET',
      url: `/api/plans/${w.planId}/indicators/export?asOf=2024-13-40`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('asOf');
  });

  it('exports published scores with every unit and the workings behind each score', async () => {
    const p = (
      await w.as.office.request({ method: 'GET', url: `/api/assessment/publications/${publicationId}` })
    ).json() as Publication;
    const got = await download(w.as.office, `/api/assessment/publications/${publicationId}/export`);
    expect(got.fileName).toBe('矩阵考核结果.xlsx');
    const scores = rowsOf(got.wb!.getWorksheet('考核结果')!);
    expect(scores.map((r) => r['单位']!.value)).toEqual(p.results.scores.map((s) => s.unitName));
    for (const [n, s] of p.results.scores.entries()) {
      if (s.total !== null) expect(scores[n]!['总分']!.value).toBeCloseTo(s.total, 10);
      expect(scores[n]!['名次']!.value).toBe(s.rank ?? '不排名');
    }
    const workings = rowsOf(got.wb!.getWorksheet('计算过程')!);
    const rowsShown = p.results.scores.flatMap((s) => s.items.flatMap((i) => i.rows));
    expect(rowsShown.length).toBeGreaterThan(0);
    expect(workings.map((r) => r['明细']!.value)).toEqual(expect.arrayContaining(rowsShown.map((r) => r.label)));
  });

  it('shows a reporter only the workings the screen shows it', async () => {
    const mine = await download(w.as.stReporter, `/api/assessment/publications/${publicationId}/export`);
    expect(mine.status).toBe(200);
    const details = rowsOf(mine.wb!.getWorksheet('计算过程')!).filter((r) => r['明细']!.value !== '—');
    expect(new Set(details.map((r) => r['单位']!.value))).toEqual(new Set(['市科技局']));
  });
});
