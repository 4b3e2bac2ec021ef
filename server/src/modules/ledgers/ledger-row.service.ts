import { randomUUID } from 'node:crypto';
import type {
  CreateLedgerRowInput,
  LedgerRow,
  LedgerRowList,
  LedgerRowListQuery,
  UpdateLedgerRowInput,
} from '@innocity/shared/api/ledgers';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { canWriteLedgerRow } from './ledger.policy.ts';
import { jsonFilterText } from './ledger-json.repo.ts';
import * as bulk from './ledger-bulk.repo.ts';
import * as repo from './ledger-row.repo.ts';
import type { LedgerTypeRecord } from './ledger-type.repo.ts';
import { exactSum } from './ledger-stats.service.ts';
import { getLedgerType } from './ledger-type.service.ts';
import { checkValues, describeKey, sameValues, type CheckedValues } from './ledger-values.ts';

const WRITE_REFUSED = '只能由负责该台账的本单位填报员或科创委办公室维护';

/** What the audit log keeps of a row: its unit and values. */
const auditShape = (v: repo.LedgerRowVersion) => ({ unitId: v.unitId, version: v.version, values: v.values });

function parseOrThrow(type: LedgerTypeRecord, raw: Record<string, unknown>): CheckedValues {
  const checked = checkValues(type, raw);
  if (!checked.ok)
    throw validationFailed(
      `台账记录有误：${checked.issues.map((i) => i.message).join('；')}`,
      checked.issues.map((i) => ({ path: `values.${i.key}`, message: i.message })),
    );
  return checked.row;
}

async function refuseDuplicateKey(
  db: Db,
  type: LedgerTypeRecord,
  row: CheckedValues,
  ownRowId?: string,
): Promise<void> {
  const [clash] = await bulk.findLiveByKeys(db, type.id, [row.naturalKey]);
  if (clash && clash.rowId !== ownRowId) {
    const names = await repo.unitNames(db, [clash.unitId]);
    throw conflict(
      `已有相同的记录（${describeKey(type, row.values)}），由${names.get(clash.unitId) ?? '其他单位'}登记`,
      { rowId: clash.rowId },
    );
  }
}

const changedMeanwhile = () => new AppError(409, 'conflict', '该记录已被他人修改或删除，请刷新后重试');

/**
 * The live-key index is the last word on duplicates: two writers can both pass refuseDuplicateKey
 * before either commits, and the second is refused by the index; it gets the same 409, not a 500.
 */
const duplicateRaced = (type: LedgerTypeRecord, values: CheckedValues['values']) => (err: unknown) => {
  if (isUniqueViolation(err))
    throw conflict(`已有相同的记录（${describeKey(type, values)}），刚由他人登记，请刷新后查看`);
  throw err;
};

async function present(db: Db, v: repo.LedgerRowVersion): Promise<LedgerRow> {
  const names = await repo.unitNames(db, [v.unitId]);
  const people = await repo.userNames(db, [v.createdBy, v.updatedBy]);
  return repo.toApiRow(
    v,
    names.get(v.unitId) ?? '',
    people.get(v.createdBy ?? '') ?? null,
    people.get(v.updatedBy ?? '') ?? null,
  );
}

/** Current rows of a ledger with filters and paging; every signed-in role reads every unit's rows. */
export async function listLedgerRows(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  query: LedgerRowListQuery,
): Promise<LedgerRowList> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  const filters = Object.entries(query.filter ?? {}).map(([key, raw]) => {
    const field = type.fields.find((f) => f.key === key);
    if (!field)
      throw validationFailed(`台账「${type.name}」没有字段 ${key}`, [{ path: 'filter', message: `未知字段：${key}` }]);
    return { key, values: (Array.isArray(raw) ? raw : [raw]).map((v) => jsonFilterText(db, field.type, v)) };
  });
  let afterKey: string | undefined;
  if (query.after !== undefined) {
    afterKey = Buffer.from(query.after, 'base64url').toString('utf8');
    if (!afterKey.startsWith('[')) throw validationFailed('翻页游标无效', [{ path: 'after', message: '翻页游标无效' }]);
  }
  const { items, total, lastKey } = await repo.listLiveRows(db, {
    typeId: type.id,
    unitId: query.unitId,
    validOn: query.validOn,
    q: query.q || undefined,
    filters,
    afterKey,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items, total, nextCursor: lastKey === null ? null : Buffer.from(lastKey, 'utf8').toString('base64url') };
}

/**
 * Rows of a ledger by stable id as they stood at `cutoff` (a UTC instant), a page at a time: the
 * indicator engine names the rows it counted, and this shows them. Every signed-in role reads ledgers.
 */
export async function listRowsAsOf(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  q: { rowIds: string[]; cutoff: string; offset: number; limit: number; sumOf: string | null },
): Promise<{ type: LedgerTypeRecord; total: number; sum: number | null; items: LedgerRow[] }> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  const all = await repo.listRowsAt(db, type.id, q.rowIds, q.cutoff);
  // Summed exactly as the statistic sums, so the total here is the indicator's raw value.
  const field = q.sumOf;
  const sum =
    field === null
      ? null
      : exactSum(all.map((v) => ({ rowId: v.rowId, value: v.values[field] == null ? null : String(v.values[field]) })))
          .value;
  const page = all.slice(q.offset, q.offset + q.limit);
  const people = await repo.userNames(
    db,
    page.flatMap((v) => [v.createdBy, v.updatedBy]),
  );
  const items = page.map((v) =>
    repo.toApiRow(v, v.unitName, people.get(v.createdBy ?? '') ?? null, people.get(v.updatedBy ?? '') ?? null),
  );
  return { type, total: all.length, sum, items };
}

/** One current row. */
export async function getLedgerRow(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  rowId: string,
): Promise<LedgerRow> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  const row = await repo.findLiveRow(db, type.id, rowId);
  if (!row) throw notFound('台账记录');
  return present(db, row);
}

/** Adds a row for one of the type's owning units; its natural key must be new. */
export async function createLedgerRow(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  input: CreateLedgerRowInput,
  ctx: AuditContext,
): Promise<LedgerRow> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  if (!canWriteLedgerRow(actor, type, input.unitId)) throw forbidden(WRITE_REFUSED);
  const checked = parseOrThrow(type, input.values);
  const created = await db
    .transaction()
    .execute(async (trx) => {
      await refuseDuplicateKey(trx, type, checked);
      const rowId = randomUUID();
      const v: repo.LedgerRowVersion = {
        id: randomUUID(),
        rowId,
        version: 1,
        planId: type.planId,
        typeId: type.id,
        unitId: input.unitId,
        ...checked,
        createdAt: ctx.now,
        createdBy: actor.id,
        updatedAt: ctx.now,
        updatedBy: actor.id,
      };
      await bulk.insertVersions(trx, [v]);
      await recordAudit(trx, ctx, {
        action: 'create',
        entityType: 'ledger_row',
        entityId: rowId,
        planId: type.planId,
        after: auditShape(v),
      });
      return v;
    })
    .catch(duplicateRaced(type, checked.values));
  return present(db, created);
}

/** Replaces a row's values: the current version ends and the next begins, so past counts stay as they were. */
export async function updateLedgerRow(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  rowId: string,
  input: UpdateLedgerRowInput,
  ctx: AuditContext,
): Promise<LedgerRow> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  const result = await db
    .transaction()
    .execute(async (trx) => {
      const current = await repo.findLiveRow(trx, type.id, rowId);
      if (!current) throw notFound('台账记录');
      if (!canWriteLedgerRow(actor, type, current.unitId)) throw forbidden(WRITE_REFUSED);
      if (input.version !== undefined && input.version !== current.version)
        throw new AppError(409, 'conflict', '该记录已被他人修改，请刷新后重试');
      const checked = parseOrThrow(type, input.values);
      if (sameValues(checked.values, current.values)) return current;
      await refuseDuplicateKey(trx, type, checked, rowId);
      const next: repo.LedgerRowVersion = {
        ...current,
        ...checked,
        id: randomUUID(),
        version: current.version + 1,
        updatedAt: ctx.now,
        updatedBy: actor.id,
      };
      if ((await repo.endVersions(trx, [current.id], ctx.now, false)) !== 1) throw changedMeanwhile();
      await bulk.insertVersions(trx, [next]);
      await recordAudit(trx, ctx, {
        action: 'update',
        entityType: 'ledger_row',
        entityId: rowId,
        planId: type.planId,
        before: auditShape(current),
        after: auditShape(next),
      });
      return next;
    })
    .catch(duplicateRaced(type, input.values as CheckedValues['values']));
  return present(db, result);
}

/** Deletes a row softly: it stops counting from now on, and still counts for dates before. */
export async function deleteLedgerRow(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  rowId: string,
  ctx: AuditContext,
): Promise<void> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  await db.transaction().execute(async (trx) => {
    const current = await repo.findLiveRow(trx, type.id, rowId);
    if (!current) throw notFound('台账记录');
    if (!canWriteLedgerRow(actor, type, current.unitId)) throw forbidden(WRITE_REFUSED);
    if ((await repo.endVersions(trx, [current.id], ctx.now, true)) !== 1) throw changedMeanwhile();
    await recordAudit(trx, ctx, {
      action: 'delete',
      entityType: 'ledger_row',
      entityId: rowId,
      planId: type.planId,
      before: auditShape(current),
    });
  });
}
