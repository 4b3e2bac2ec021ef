import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildComparison } from './compare.ts';
import { comparisonWorkbook } from './province-excel.ts';

describe('comparisonWorkbook', () => {
  it('writes values and ranks as numbers, one row per county, empty where a county has no value', async () => {
    const cols = buildComparison([
      { countyId: 'a', indicatorName: 'x', catalogueCode: 'rd-intensity', unit: '%', value: 3.2, light: 'green' },
      { countyId: 'b', indicatorName: 'x', catalogueCode: 'rd-intensity', unit: '%', value: 2.9, light: 'red' },
    ]);
    const buf = await comparisonWorkbook(
      [
        { id: 'a', name: '甲县' },
        { id: 'b', name: '乙县' },
        { id: 'c', name: '丙县' },
      ],
      cols,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('县市指标对比')!;
    expect(ws.getRow(1).getCell(2).value).toBe(`${cols[0]!.name}（%）`);
    expect(ws.getRow(2).values).toEqual([undefined, '甲县', 3.2, '绿', 1]);
    expect(ws.getRow(3).values).toEqual([undefined, '乙县', 2.9, '红', 2]);
    expect(typeof ws.getRow(3).getCell(2).value).toBe('number');
    expect(ws.getRow(4).getCell(1).value).toBe('丙县');
    expect(ws.getRow(4).getCell(2).value).toBeNull();
  });
});
