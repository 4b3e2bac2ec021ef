import type { AuditFilter, AuditPage, AuditQuery } from '@innocity/shared/api/audit';
import { scopeOf } from '../regions/region-scope.sql.ts';
import type { Db } from '../../db/connection.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { endOfLocalDayUtc } from '../../time.ts';
import type { Actor } from '../users/user.repo.ts';
import { auditNames } from './audit-names.ts';
import { canReadAudit } from './audit.policy.ts';
import { countAudit, listAudit, recordAudit, type AuditContext, type AuditSelection } from './audit.repo.ts';
import { buildAuditWorkbook, formatAuditTime } from './audit.xlsx.ts';

/** The most rows one export writes; more asks the user to narrow the filter. */
export const AUDIT_EXPORT_LIMIT = 50_000;
const REFUSED = '只有系统管理员和督查考核人员可以查看审计日志';

/** One page of the audit log, newest first (admin and inspector). */
export async function listAuditEntries(db: Db, actor: Actor, query: AuditQuery, timeZone: string): Promise<AuditPage> {
  if (!canReadAudit(actor)) throw forbidden(REFUSED);
  const selection = { ...toSelection(query, timeZone), regionIds: scopeOf(actor) };
  const [items, total] = await Promise.all([
    listAudit(db, selection, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    countAudit(db, selection),
  ]);
  return { items, total, page: query.page, pageSize: query.pageSize, names: await auditNames(db, items) };
}

/** The filtered audit log as an .xlsx file; the export itself is recorded in the log. */
export async function exportAuditEntries(
  db: Db,
  actor: Actor,
  filter: AuditFilter,
  ctx: AuditContext,
  timeZone: string,
): Promise<{ file: Buffer; filename: string }> {
  if (!canReadAudit(actor)) throw forbidden(REFUSED);
  const selection = { ...toSelection(filter, timeZone), regionIds: scopeOf(actor) };
  const total = await countAudit(db, selection);
  if (total > AUDIT_EXPORT_LIMIT) {
    throw validationFailed(`符合条件的记录有 ${total} 条，超过单次导出上限 ${AUDIT_EXPORT_LIMIT} 条，请缩小日期范围`, [
      { path: 'from', message: '请缩小日期范围' },
    ]);
  }
  const rows = await listAudit(db, selection, { limit: AUDIT_EXPORT_LIMIT, offset: 0 });
  const file = await buildAuditWorkbook(rows, timeZone, await auditNames(db, rows));
  await db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'export',
      entityType: 'audit_log',
      entityId: null,
      after: { filter, rows: rows.length },
    }),
  );
  // 审计日志-202509251405.xlsx: digits only, so the name sorts and travels well.
  const stamp = formatAuditTime(ctx.now, timeZone).replace(
    /(\d+)年(\d+)月(\d+)日 (\d+):(\d+).*/,
    (_, y, m, d, h, min) => `${y}${m.padStart(2, '0')}${d.padStart(2, '0')}${h}${min}`,
  );
  return { file, filename: `审计日志-${stamp}.xlsx` };
}

/** Local calendar dates become UTC bounds: from the start of `from` to the end of `to`, in the platform's zone. */
function toSelection(f: AuditFilter, timeZone: string): AuditSelection {
  return {
    entityType: f.entityType,
    entityId: f.entityId,
    actor: f.actor,
    action: f.action,
    atFrom: f.from ? endOfLocalDayUtc(dayBefore(f.from), timeZone) : undefined,
    atBefore: f.to ? endOfLocalDayUtc(f.to, timeZone) : undefined,
  };
}

function dayBefore(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
