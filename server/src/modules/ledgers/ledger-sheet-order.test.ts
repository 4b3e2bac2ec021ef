import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSheetRows } from './ledger-excel.ts';

/** The workbook's zip entries rewritten in `order` (the rest after them, as they were). */
async function reordered(buffer: Buffer, order: string[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(buffer);
  const names = Object.keys(source.files).filter((n) => !source.files[n]!.dir);
  const out = new JSZip();
  for (const name of [...order, ...names.filter((n) => !order.includes(n))])
    out.file(name, await source.file(name)!.async('nodebuffer'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function rowsOf(content: Buffer) {
  const file = path.join(os.tmpdir(), `innocity-order-${randomUUID()}.xlsx`);
  await fs.promises.writeFile(file, content);
  try {
    const rows = [];
    for await (const row of readSheetRows(file)) rows.push({ number: row.number, cells: row.cells.slice(1) });
    return rows;
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}

/** Every order of the parts. */
const permutations = <T>(items: T[]): T[][] =>
  items.length <= 1
    ? [items]
    : items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));

describe('reading a workbook whatever the order of its parts', () => {
  // exceljs's own writer puts xl/workbook.xml last and the shared strings before or after the sheet
  // as its writes finish; Excel and WPS put the workbook first and the shared strings after the
  // sheets. Every order is a valid file; exceljs's stream reader failed on 24–34 of these 120.
  const parts = [
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
    'xl/worksheets/sheet1.xml',
    'xl/styles.xml',
  ];
  let original: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['载体名称', '认定日期', '面积']);
    ws.addRow(['一号园', new Date(Date.UTC(2024, 4, 6)), 1.25]);
    ws.addRow(['二号园', new Date(Date.UTC(2023, 11, 31)), 3]);
    ws.getColumn(2).numFmt = 'yyyy"年"m"月"d"日"';
    original = Buffer.from(await wb.xlsx.writeBuffer());
  });
  it.each(permutations(parts).map((order) => [order.map((p) => path.basename(p)).join(' → '), order] as const))(
    'reads every text, date and number with %s',
    async (_name, order) => {
      const rows = await rowsOf(await reordered(original, order));
      expect(rows.map((r) => r.number)).toEqual([1, 2, 3]);
      expect(rows[0]!.cells).toEqual(['载体名称', '认定日期', '面积']);
      expect(rows[1]!.cells).toEqual(['一号园', new Date(Date.UTC(2024, 4, 6)), 1.25]);
      expect(rows[2]!.cells).toEqual(['二号园', new Date(Date.UTC(2023, 11, 31)), 3]);
    },
  );
});

describe('leaving the rows early', () => {
  // A bad row or a failed write leaves the loop with most of the file unread: the reader is told to
  // stop and the loop returns once its thread has ended. A reader that ignored the stop would wait
  // for the next acknowledgement for ever, and this test would run into its timeout.
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('台账');
    ws.addRow(['载体名称', '面积']);
    for (let i = 1; i <= 20_000; i += 1) ws.addRow([`载体${i}`, i]);
    file = path.join(os.tmpdir(), `innocity-early-${randomUUID()}.xlsx`);
    await wb.xlsx.writeFile(file);
    return () => fs.promises.rm(file, { force: true });
  });
  it('stops the reader when the loop breaks after the first row', async () => {
    const taken = [];
    for await (const row of readSheetRows(file)) {
      taken.push(row.number);
      break;
    }
    expect(taken).toEqual([1]);
  });
  it('stops the reader when the caller fails midway, and the failure is the caller’s', async () => {
    const reading = async () => {
      for await (const row of readSheetRows(file))
        if (row.number === 3_000) throw new Error('第 3000 行：面积应为数字');
    };
    await expect(reading()).rejects.toThrow('第 3000 行：面积应为数字');
  });
  it('reads the whole file again after an early stop', async () => {
    let count = 0;
    for await (const row of readSheetRows(file)) count = row.number;
    expect(count).toBe(20_001);
  });
});
