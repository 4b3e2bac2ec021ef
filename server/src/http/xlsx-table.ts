import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { AnnexTable } from '@innocity/shared/api/bulletins';

// Sheet names may not hold these characters and are at most 31 long.
export const safeSheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/**
 * One table on its own sheet: a title row across the columns, a bold header, the rows, a note.
 * Figures are numbers with a number format that shows what the screen or the bulletin printed
 * (`table.numbers`); the rest stays text, never a formula.
 */
export function addTableSheet(wb: ExcelJS.Workbook, table: AnnexTable, heading: string): void {
  const sheet = wb.addWorksheet(safeSheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = table.widths.map((w) => ({ width: Math.max(6, w * 2.6) }));
  sheet.mergeCells(1, 1, 1, table.columns.length);
  const title = sheet.getCell(1, 1);
  title.value = heading;
  title.font = { name: '黑体', size: 14, bold: true };
  title.alignment = { horizontal: 'center' };
  const header = sheet.addRow(table.columns);
  header.font = { name: '黑体', bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  table.rows.forEach((r, n) => {
    const row = sheet.addRow(r);
    row.alignment = { vertical: 'middle', wrapText: true };
    r.forEach((_, c) => {
      const num = table.numbers?.[`${n},${c}`];
      if (!num) return;
      const cell = row.getCell(c + 1);
      cell.value = num.value;
      cell.numFmt = num.numFmt;
    });
  });
  if (table.note) sheet.addRow([`注：${table.note}`]);
  const border = { style: 'thin' as const };
  for (let r = 2; r <= table.rows.length + 2; r += 1) {
    for (let c = 1; c <= table.columns.length; c += 1)
      sheet.getCell(r, c).border = { top: border, left: border, bottom: border, right: border };
  }
}

/** Tables as one workbook, each on its sheet under its own title. */
export async function tablesWorkbook(tables: AnnexTable[], meta: { creator: string; title: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  for (const t of tables) addTableSheet(wb, t, t.title);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a workbook as a download with its Chinese file name (RFC 5987, plus an ASCII fallback). */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer): FastifyReply {
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header(
      'content-disposition',
      `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(body);
}
