import ExcelJS from 'exceljs';
import type { ProvinceOverview } from '@innocity/shared/api/province';
import { localDateOf } from '../../time.ts';
import type { ComparisonColumn } from './compare.ts';

const LIGHT_LABEL = { green: '绿', yellow: '黄', red: '红', grey: '灰' } as const;

/** The county × indicator sheet: one row per county, three columns per indicator (value, light, rank). */
function addComparisonSheet(
  wb: ExcelJS.Workbook,
  counties: { id: string; name: string }[],
  columns: ComparisonColumn[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('县市指标对比');
  const header = ['县（市、区）'];
  for (const c of columns) header.push(`${c.name}（${c.unit}）`, `${c.name} 灯`, `${c.name} 排名`);
  ws.addRow(header);
  for (const county of counties) {
    const line: (string | number | null)[] = [county.name];
    for (const c of columns) {
      const cell = c.cells.find((x) => x.countyId === county.id);
      line.push(cell?.value ?? null, cell ? LIGHT_LABEL[cell.light] : null, cell?.rank ?? null);
    }
    ws.addRow(line);
  }
  ws.getRow(1).font = { bold: true };
  return ws;
}

/**
 * The county × indicator table as a workbook: one row per county, three columns per indicator
 * (value, light, rank). Values and ranks are written as numbers, so a reader can sort and sum them
 * in Excel; a county without a value gets an empty cell rather than a 0 that would read as data.
 */
export async function comparisonWorkbook(
  counties: { id: string; name: string }[],
  columns: ComparisonColumn[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addComparisonSheet(wb, counties, columns);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The whole 省级视图 as of its date: 县市概况 (plan, lights, the latest settled round's timeliness,
 * the latest bulletin) and 县市指标对比. A demo deployment's workbook says 示例数据 in its title
 * and in every sheet's header.
 */
export async function provinceWorkbook(o: ProvinceOverview, timeZone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = `${o.demo ? '示例数据：' : ''}省级视图（数据截至 ${o.asOf}）`;
  const ws = wb.addWorksheet('县市概况');
  ws.addRow([wb.title]);
  ws.addRow([
    '设区市',
    '县（市、区）',
    '方案',
    '文号',
    '绿灯',
    '黄灯',
    '红灯',
    '灰灯',
    '最近填报轮次',
    '按时报送',
    '迟报',
    '未报',
    '应报单位',
    '最新通报',
    '通报印发时间',
  ]);
  for (const c of o.counties) {
    ws.addRow([
      c.cityName,
      c.regionName,
      c.plan?.title ?? '（无实施中的方案）',
      c.plan?.documentNumber ?? null,
      c.lights.green,
      c.lights.yellow,
      c.lights.red,
      c.lights.grey,
      c.timeliness?.roundTitle ?? null,
      c.timeliness?.onTime ?? null,
      c.timeliness?.late ?? null,
      c.timeliness?.missing ?? null,
      c.timeliness?.total ?? null,
      c.latestBulletin ? `${c.latestBulletin.issueLabel} ${c.latestBulletin.title}` : null,
      c.latestBulletin ? localDateOf(c.latestBulletin.publishedAt, timeZone) : null,
    ]);
  }
  ws.getRow(2).font = { bold: true };
  const cmp = addComparisonSheet(
    wb,
    o.counties.map((c) => ({ id: c.regionId, name: c.regionName })),
    o.columns,
  );
  if (o.demo) for (const sheet of [ws, cmp]) sheet.headerFooter.oddHeader = '&C示例数据';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
