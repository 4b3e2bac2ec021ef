import ExcelJS from 'exceljs';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, AUDIT_EXPORT_HEADERS } from '@innocity/shared/api/audit';
import type { AuditRecord } from './audit.repo.ts';

// Excel refuses cells longer than this.
const CELL_LIMIT = 32_767;
const WIDTHS = [20, 14, 10, 10, 30, 50, 50, 38, 16];

/** Local wall-clock time with seconds as the log's readers write it, e.g. 2025年9月25日 14:05:03. */
export function formatAuditTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** A readable name for the row's entity: its current name, else its name from the recorded state, then its id. */
export function describeEntity(
  r: Pick<AuditRecord, 'entityId' | 'before' | 'after'>,
  names: Record<string, string> = {},
): string {
  const state = (r.after ?? r.before ?? {}) as Record<string, unknown>;
  const name = [
    r.entityId ? names[r.entityId] : undefined,
    state.name,
    state.displayName,
    state.username,
    state.title,
  ].find((v) => typeof v === 'string' && v !== '');
  if (name && r.entityId) return `${String(name)}（${r.entityId}）`;
  return String(name ?? r.entityId ?? '');
}

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v).slice(0, CELL_LIMIT));

/** The audit rows as an .xlsx workbook with Chinese headers, one row per entry, values as text (never formulas). */
export async function buildAuditWorkbook(
  rows: AuditRecord[],
  timeZone: string,
  names: Record<string, string> = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'InnoCity';
  const sheet = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = AUDIT_EXPORT_HEADERS.map((header, i) => ({ header, width: WIDTHS[i] }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([
      formatAuditTime(r.at, timeZone),
      r.actorName ?? '（系统）',
      AUDIT_ACTION_LABELS[r.action] ?? r.action,
      AUDIT_ENTITY_LABELS[r.entityType] ?? r.entityType,
      describeEntity(r, names),
      json(r.before),
      json(r.after),
      r.requestId ?? '',
      r.ip ?? '',
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: AUDIT_EXPORT_HEADERS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
