import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { draftBulletin } from './bulletin-draft.ts';
import { renderBulletinXlsx } from './bulletin-xlsx.ts';
import { jurongQ3Facts, jurongWording } from './bulletin.fixture.ts';

describe('the Excel annex holds figures as numbers', () => {
  it('writes each current value as a number whose format shows the text the bulletin printed', async () => {
    const facts = jurongQ3Facts();
    // A value just below its target: the annex must not round it onto the target.
    const first = facts.indicators.find((i) => i.figure && i.figure.unit === '%')!;
    const target = first.figure!.target.value ?? first.figure!.target.min!;
    first.figure = { ...first.figure!, value: target - 0.004 };
    first.valueText = `${target - 0.004}%`;
    const content = { ...draftBulletin(facts, '2025-10-12', jurongWording()), demo: false };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletinXlsx(content)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rowNo = facts.indicators.indexOf(first) + 3;
    const cell = sheet.getCell(rowNo, 4);
    expect(typeof cell.value).toBe('number');
    expect(cell.value).toBeCloseTo(target - 0.004, 10);
    // Three decimals: two would read as the target itself.
    expect(cell.numFmt).toBe('0.000"%"');
    expect(sheet.getCell(rowNo, 1).value).toBe(facts.indicators.indexOf(first) + 1);
    // Text columns stay text.
    expect(sheet.getCell(rowNo, 2).value).toBe(first.name);
  });

  it('writes the units’ annex with numbers: 序号, 迟报天数, 催办次数 and 完整率 as a percent', async () => {
    const facts = jurongQ3Facts();
    const content = { ...draftBulletin(facts, '2025-10-12', jurongWording()), demo: false };
    const annex = content.annexes.find((a) => a.sheet === '附件3 单位填报')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletinXlsx(content)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('附件3 单位填报')!;
    annex.rows.forEach((r, n) => {
      const row = sheet.getRow(n + 3);
      expect(row.getCell(1).value).toBe(n + 1);
      expect(row.getCell(2).value).toBe(r[1]);
      // The completeness the Word table prints as "100%" or "0%" is the share 1 or 0 shown as a percent.
      expect(row.getCell(5).value).toBe(Number(r[4]!.replace('%', '')) / 100);
      expect(row.getCell(5).numFmt).toBe('0%');
      expect(row.getCell(6).value).toBe(Number(r[5]));
      expect(row.getCell(4).value).toBe(r[3] === '—' ? '—' : Number(r[3]));
    });
    expect(annex.rows.length).toBeGreaterThan(0);
  });
});
