import ExcelJS from 'exceljs';
import type { AnnexTable, BulletinContent } from '@innocity/shared/api/bulletins';

// Sheet names may not hold these characters and are at most 31 long.
const safeSheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function addAnnex(wb: ExcelJS.Workbook, a: AnnexTable, index: number, demo: boolean): void {
  const sheet = wb.addWorksheet(safeSheetName(a.sheet || `附件${index + 1}`), {
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  sheet.columns = a.widths.map((w) => ({ width: Math.max(6, w * 2.6) }));
  sheet.mergeCells(1, 1, 1, a.columns.length);
  const title = sheet.getCell(1, 1);
  title.value = `附件${index + 1}\u3000${a.title}${demo ? '（示例数据）' : ''}`;
  title.font = { name: '黑体', size: 14, bold: true };
  title.alignment = { horizontal: 'center' };
  const header = sheet.addRow(a.columns);
  header.font = { name: '黑体', bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  // Figures are numbers with a number format that shows what the bulletin printed; the rest (a
  // target like "≥450 家", "—") stays text, never a formula.
  a.rows.forEach((r, n) => {
    const row = sheet.addRow(r);
    row.alignment = { vertical: 'middle', wrapText: true };
    r.forEach((_, c) => {
      const num = a.numbers?.[`${n},${c}`];
      if (!num) return;
      const cell = row.getCell(c + 1);
      cell.value = num.value;
      cell.numFmt = num.numFmt;
    });
  });
  if (a.note) sheet.addRow([`注：${a.note}`]);
  const border = { style: 'thin' as const };
  for (let r = 2; r <= a.rows.length + 2; r += 1) {
    for (let c = 1; c <= a.columns.length; c += 1)
      sheet.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
}

/** The annex tables as an .xlsx workbook, one sheet per annex with a Chinese name. */
export async function renderBulletinXlsx(content: BulletinContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = content.signature;
  wb.title = content.title;
  // The document's own date, so the workbook does not record when it happened to be rendered.
  wb.created = new Date(`${content.date}T00:00:00Z`);
  wb.modified = wb.created;
  content.annexes.forEach((a, i) => addAnnex(wb, a, i, content.demo));
  if (content.annexes.length === 0) wb.addWorksheet('说明').addRow(['本期通报无附件表格']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
