import ExcelJS from 'exceljs';
import type { ComparisonColumn } from './compare.ts';

const LIGHT_LABEL = { green: '绿', yellow: '黄', red: '红', grey: '灰' } as const;

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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
