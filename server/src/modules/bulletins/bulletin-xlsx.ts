import ExcelJS from 'exceljs';
import type { BulletinContent } from '@innocity/shared/api/bulletins';
import { addTableSheet } from '../../http/xlsx-table.ts';

/** The annex tables as an .xlsx workbook, one sheet per annex with a Chinese name. */
export async function renderBulletinXlsx(content: BulletinContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = content.signature;
  wb.title = content.title;
  // The document's own date, so the workbook does not record when it happened to be rendered.
  wb.created = new Date(`${content.date}T00:00:00Z`);
  wb.modified = wb.created;
  content.annexes.forEach((a, i) =>
    addTableSheet(
      wb,
      { ...a, sheet: a.sheet || `附件${i + 1}` },
      `附件${i + 1}\u3000${a.title}${content.demo ? '（示例数据）' : ''}`,
    ),
  );
  if (content.annexes.length === 0) wb.addWorksheet('说明').addRow(['本期通报无附件表格']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
