import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { headerOf, type LedgerField, type LedgerValue } from '@innocity/shared/ledger-type';
import { validationFailed } from '../../http/errors.ts';
import { CHOICES_SHEET, validationsOf } from './ledger-dropdowns.ts';
import type { LedgerTypeRecord } from './ledger-type.repo.ts';

// Reading and writing ledger workbooks with exceljs's streaming reader and writer, so neither an
// import nor an export ever holds the whole sheet.

/** The column an export adds after the fields, naming each row's unit; an import ignores it. */
export const UNIT_HEADER = '填报单位';
/** Headers of the reasons column a refused-rows workbook adds (see ledger-refused.ts); an import ignores it. */
export const REASON_HEADERS = ['原因', '未导入原因'];
/**
 * Blank rows below the data that the dropdowns and prompts still cover. Not the whole sheet:
 * exceljs's own (non-streaming) reader expands a validated range cell by cell.
 */
const SPARE_ROWS = 5000;

export const MARK_ERROR = Symbol('cell-error');
/** An Excel cell flattened to what parsing needs; MARK_ERROR stands for #N/A, #REF! and the like. */
export type CellValue = string | number | boolean | Date | undefined | { [MARK_ERROR]: string };

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Rich text, hyperlinks and formulas reduced to their shown value. */
export function flattenCell(v: unknown): CellValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return String(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
  if ('error' in o) return { [MARK_ERROR]: String(o.error) };
  if ('result' in o) return flattenCell(o.result);
  if ('formula' in o || 'sharedFormula' in o) return undefined;
  if ('text' in o) return flattenCell(o.text);
  return String(v);
}

/** A header as typed by hand: spaces, asterisks and ASCII brackets do not matter. */
export const normaliseHeader = (text: string) =>
  text
    .replace(/\s+/g, '')
    .replace(/^\*+|\*+$/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');

export const isCellError = (v: CellValue): v is { [MARK_ERROR]: string } =>
  typeof v === 'object' && v !== null && !(v instanceof Date);
export const isBlank = (v: CellValue) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** A sheet column bound to a ledger field. */
export interface Column {
  field: LedgerField;
  letter: string;
}

/**
 * Binds header cells to fields by label, with or without the unit; the unit column of an export
 * is skipped. Unknown and repeated headers and missing required columns are problems.
 */
export function mapHeader(
  fields: LedgerField[],
  cells: CellValue[],
): { columns: Map<number, Column>; problems: { column?: Column; header?: string; message: string }[] } {
  const wanted = new Map(
    fields.flatMap((f) => [[normaliseHeader(headerOf(f)), f] as const, [normaliseHeader(f.label), f] as const]),
  );
  const columns = new Map<number, Column>();
  const bound = new Set<string>();
  const problems: { column?: Column; header?: string; message: string }[] = [];
  cells.forEach((cell, index) => {
    if (isBlank(cell) || isCellError(cell)) return;
    const shown = String(cell instanceof Date ? cell.toISOString() : cell);
    const field = wanted.get(normaliseHeader(shown));
    if (normaliseHeader(shown) === UNIT_HEADER) return;
    // The reasons column of a refused-rows workbook, so that the corrected file imports as it is.
    if (!field && REASON_HEADERS.includes(normaliseHeader(shown))) return;
    if (!field)
      return problems.push({
        header: shown,
        message: `${columnLetter(index)} 列的表头「${shown}」无法识别（应为模板中的列名）`,
      });
    const column = { field, letter: columnLetter(index) };
    if (bound.has(field.key)) return problems.push({ column, message: `列「${headerOf(field)}」重复` });
    bound.add(field.key);
    columns.set(index, column);
  });
  for (const f of fields)
    if (f.required && !bound.has(f.key))
      problems.push({ header: headerOf(f), message: `缺少必填列「${headerOf(f)}」` });
  return { columns, problems };
}

/** The worker that reads a workbook beside the import (see the file for why it is plain JavaScript). */
const SHEET_WORKER = new URL('./ledger-sheet.worker.mjs', import.meta.url);
/**
 * Rows per message from the reader, and messages it may run ahead of the rows taken: more rows
 * ahead than an import writes in one batch (2,000), so the reader keeps reading while SQLite, on
 * the main thread, writes a batch (with 2 messages it stopped after 1,000 rows and waited).
 */
const WORKER_BATCH = 500;
const WORKER_AHEAD = 8;

type WorkerMessage = { rows: [number, unknown[]][] } | { done: true } | { error: string };

const unreadable = (reason: string) =>
  validationFailed('文件无法读取：请上传用 Excel 或 WPS 保存的 .xlsx 工作簿', [
    { path: 'file', message: reason.slice(0, 200) },
  ]);

/**
 * The rows of the workbook's first sheet, in order, cells flattened (index 1 = column A). exceljs
 * reads in a worker thread, a few batches ahead of the caller, so reading and the caller's work
 * (validating, writing) overlap; leaving the loop early stops the worker.
 */
export async function* readSheetRows(file: string): AsyncGenerator<{ number: number; cells: CellValue[] }> {
  const worker = new Worker(SHEET_WORKER, {
    workerData: { file, batchRows: WORKER_BATCH, ahead: WORKER_AHEAD },
    // Young generation: at 8 MB the reader spent most of its time collecting garbage (CPU of reading
    // 100,000 rows alone 6.1–7.1 s; 4.9–5.1 s at 16 MB, 3.2–4.8 s at 32–64 MB), and the reader is
    // the import's critical path on SQLite (the main thread waited 3.2 s for it in a 10 s import at
    // load 5). 32, not 16: in ten imports at load 4–5 (2026-12-04 22:00–22:05) peak RSS was 413–473 MB
    // at 32 and 416–471 MB at 16, no difference beyond the noise, for 0.5–1 s less CPU; the 459–502 MB
    // once seen at 32 were at load 20. Budget 500 MB, checked by every bench run (docs/BENCHMARKS.md).
    resourceLimits: { maxYoungGenerationSizeMb: 32 },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const arrive = (m: WorkerMessage) => {
    queue.push(m);
    const resume = wake;
    wake = null;
    resume?.();
  };
  worker.on('message', arrive);
  worker.on('error', (err) => arrive({ error: err.message }));
  worker.on('exit', (code) => arrive({ error: `读取进程意外退出（${code}）` }));
  let finished = false;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift()!;
      finished = !('rows' in m);
      if ('error' in m) throw unreadable(m.error);
      if ('done' in m) return;
      // Taken: the reader may send one more batch.
      worker.postMessage(1);
      for (const [number, values] of m.rows) {
        // Flattened in place: the array arrived as this thread's own copy (one array less per row).
        const cells = values as CellValue[];
        for (let i = 1; i < values.length; i += 1) cells[i] = flattenCell(values[i]);
        yield { number, cells };
      }
    }
  } finally {
    // The reader ends on its own (see the worker for why it is not terminated): at once when it has
    // finished, at its next batch when told to stop.
    if (!finished) worker.postMessage('stop');
    await exited;
    worker.removeAllListeners();
  }
}

/** A sheet name Excel accepts: no \ / ? * [ ] :, at most 31 characters. */
export const sheetNameOf = (name: string) => name.replace(/[\\/?*[\]:]/g, '、').slice(0, 31);

const NUMBER_FORMATS: Record<LedgerField['type'], string | undefined> = {
  text: '@',
  integer: '0',
  decimal: undefined,
  date: 'yyyy"年"m"月"d"日"',
  enum: '@',
  boolean: '@',
};

/** A stored value as the cell shows it: dates as Excel dates, booleans as 是/否. */
function cellOf(f: LedgerField, v: LedgerValue | undefined): string | number | Date | null {
  if (v === undefined) return null;
  if (f.type === 'date' && typeof v === 'string') return new Date(`${v}T00:00:00Z`);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

export interface WorkbookRows {
  values: Record<string, LedgerValue>;
  unitName: string;
}

/** Columns with Chinese headers and number formats; required headers in red. */
function writeHeader(ws: ExcelJS.Worksheet, type: LedgerTypeRecord, withUnit: boolean): void {
  ws.columns = [
    ...type.fields.map((f) => ({
      header: headerOf(f),
      key: f.key,
      width: Math.max(12, headerOf(f).length * 2 + 4),
      style: NUMBER_FORMATS[f.type] ? { numFmt: NUMBER_FORMATS[f.type] } : {},
    })),
    ...(withUnit ? [{ header: UNIT_HEADER, key: '__unit', width: 20 }] : []),
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  type.fields.forEach((f, i) => {
    header.getCell(i + 1).font = { bold: true, color: { argb: f.required ? 'FFC00000' : 'FF000000' } };
    header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
  });
  header.commit();
}

/** Options of a workbook: demo marking, unit-name dropdowns per field key, the demo template's sample rows. */
export interface WorkbookOptions {
  demo: boolean;
  unitChoices?: ReadonlyMap<string, string[]>;
  /** Written to a separate 示例数据 sheet (the import reads only the first sheet); the demo's only. */
  samples?: WorkbookRows[];
}

/**
 * Writes a ledger workbook to `out`: one sheet named after the ledger, with Chinese headers
 * (required ones red), a dropdown on every enum, yes/no and unit-name column, a prompt on every
 * column, then the rows (none for a template); long dropdown lists on a hidden sheet.
 */
export async function writeLedgerWorkbook(
  out: Writable,
  type: LedgerTypeRecord,
  rows: AsyncIterable<WorkbookRows[]> | null,
  opts: WorkbookOptions,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'InnoCity';
  wb.title = opts.demo ? `示例数据：${type.name}` : type.name;
  // The data sheet carries the ledger's name in every deployment; only the demo marks it as sample data.
  const ws = wb.addWorksheet(sheetNameOf(type.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  if (opts.demo) ws.headerFooter.oddHeader = '&C示例数据';
  writeHeader(ws, type, rows !== null);
  let written = 0;
  for await (const batch of rows ?? []) {
    for (const r of batch) ws.addRow([...type.fields.map((f) => cellOf(f, r.values[f.key])), r.unitName]).commit();
    written += batch.length;
  }
  // The writer emits validations when the sheet is committed, so they can be added after the rows.
  // exceljs supports range validations at runtime but its typings omit `dataValidations`.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  const last = written + SPARE_ROWS + 1;
  const { validations: perField, lists } = validationsOf(type.fields, opts.unitChoices ?? new Map());
  perField.forEach((v, i) => validations.add(`${columnLetter(i + 1)}2:${columnLetter(i + 1)}${last}`, v));
  ws.commit();
  if (opts.samples && opts.samples.length > 0) {
    const sample = wb.addWorksheet('示例数据', { views: [{ state: 'frozen', ySplit: 1 }] });
    writeHeader(sample, type, false);
    for (const r of opts.samples) sample.addRow(type.fields.map((f) => cellOf(f, r.values[f.key]))).commit();
    sample.commit();
  }
  if (lists.length > 0) {
    const hidden = wb.addWorksheet(CHOICES_SHEET, { state: 'hidden' });
    const longest = Math.max(...lists.map((l) => l.length));
    for (let i = 0; i < longest; i += 1) hidden.addRow(lists.map((l) => l[i] ?? null)).commit();
    hidden.commit();
  }
  await wb.commit();
}
