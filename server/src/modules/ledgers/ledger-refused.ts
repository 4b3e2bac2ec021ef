import ExcelJS from 'exceljs';
import type { LedgerField } from '@innocity/shared/ledger-type';
import { MARK_ERROR, REASON_HEADERS, isCellError, sheetNameOf, type CellValue } from './ledger-excel.ts';

/** A row left out by 只导入有效行: its cells as the clerk typed them (index 1 = column A) and why. */
export interface RefusedRow {
  number: number;
  cells: CellValue[];
  reasons: string[];
}

/** The header of the reasons column; another name when a ledger has a field of that name. */
export const reasonHeaderOf = (fields: LedgerField[]) =>
  fields.some((f) => f.label === REASON_HEADERS[0]) ? REASON_HEADERS[1]! : REASON_HEADERS[0]!;

const shown = (v: CellValue) => (isCellError(v) ? v[MARK_ERROR] : (v ?? null));

/**
 * The refused rows as a workbook the clerk can correct and import again: the original header and
 * cells in their original columns (so the column letters in 原因 still point at the right cells),
 * then the reasons column, which an import ignores.
 */
export async function refusedWorkbook(
  sheetName: string,
  header: CellValue[],
  rows: Iterable<RefusedRow>,
  reasonHeader: string,
): Promise<Buffer> {
  const sorted = [...rows].sort((a, b) => a.number - b.number);
  const width = Math.max(header.length, ...sorted.map((r) => r.cells.length), 1);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'InnoCity';
  const ws = wb.addWorksheet(sheetNameOf(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  const headerRow = ws.getRow(1);
  for (let i = 1; i < header.length; i += 1) headerRow.getCell(i).value = shown(header[i]);
  headerRow.getCell(width).value = reasonHeader;
  headerRow.font = { bold: true };
  headerRow.getCell(width).font = { bold: true, color: { argb: 'FFC00000' } };
  sorted.forEach((r, n) => {
    const row = ws.getRow(n + 2);
    for (let i = 1; i < r.cells.length; i += 1) {
      const v = shown(r.cells[i]);
      row.getCell(i).value = v;
      if (v instanceof Date) row.getCell(i).numFmt = 'yyyy"年"m"月"d"日"';
    }
    row.getCell(width).value = r.reasons.join('；');
  });
  ws.getColumn(width).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
