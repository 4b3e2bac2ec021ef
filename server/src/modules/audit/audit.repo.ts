import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { usersIn } from '../regions/region-scope.sql.ts';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { containsText } from '../../db/text-search.ts';

/** Who did it and from where; passed down with the transaction to every write. */
export interface AuditContext {
  actor: { id: string; displayName: string } | null;
  requestId: string | null;
  ip: string | null;
  now: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  planId?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|hash|token|secret/i;
// Facts about a password, not the password: kept so a reset or change shows what it did.
const NOT_SECRET = new Set(['mustChangePassword', 'passwordChangedAt']);

/** Drops secret fields at any depth so an audit row never holds a password, hash or token. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => NOT_SECRET.has(k) || !SECRET_KEYS.test(k))
        .map(([k, v]) => [k, redactSecrets(v)]),
    );
  }
  return value;
}

const auditRow = (ctx: AuditContext, e: AuditEntry) => ({
  at: ctx.now,
  actor_id: ctx.actor?.id ?? null,
  actor_name: ctx.actor?.displayName ?? null,
  action: e.action,
  entity_type: e.entityType,
  entity_id: e.entityId,
  plan_id: e.planId ?? null,
  before_json: e.before === undefined ? null : JSON.stringify(redactSecrets(e.before)),
  after_json: e.after === undefined ? null : JSON.stringify(redactSecrets(e.after)),
  request_id: ctx.requestId,
  ip: ctx.ip,
});

/** Appends one audit row in the caller's transaction. There is no update or delete. */
export async function recordAudit(db: Db, ctx: AuditContext, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_logs').values(auditRow(ctx, e)).execute();
}

/** Appends many audit rows in the caller's transaction, a few statements for a bulk import instead of one per row. */
export async function recordAudits(db: Db, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  // 11 parameters a row; 500 rows stay far below SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('audit_logs')
      .values(entries.slice(i, i + 500).map((e) => auditRow(ctx, e)))
      .execute();
  }
}

/** Which rows a query or an export selects; times are UTC bounds already resolved from local dates. */
export interface AuditSelection {
  entityType?: string | null;
  entityId?: string | null;
  actor?: string | null;
  action?: string | null;
  atFrom?: string;
  atBefore?: string;
  /**
   * The caller's regions (null: the whole deployment). A row is theirs when it is tied to a plan of
   * theirs or, tied to no plan, was written by an account of theirs.
   */
  regionIds?: readonly string[] | null;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  planId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

function conditions(db: Db, eb: ExpressionBuilder<Database, 'audit_logs'>, s: AuditSelection): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (s.entityType) c.push(eb('entity_type', '=', s.entityType));
  if (s.entityId) c.push(eb('entity_id', '=', s.entityId));
  if (s.action) c.push(eb('action', '=', s.action));
  if (s.actor) c.push(eb.or([eb('actor_id', '=', s.actor), containsText('actor_name', s.actor)]));
  if (s.atFrom) c.push(eb('at', '>=', s.atFrom));
  if (s.atBefore) c.push(eb('at', '<', s.atBefore));
  if (s.regionIds) {
    const plans = eb
      .selectFrom('plans')
      .select('plans.id')
      .where('plans.region_id', 'in', [...s.regionIds]);
    const accounts = usersIn(db, s.regionIds);
    c.push(eb.or([eb('plan_id', 'in', plans), eb.and([eb('plan_id', 'is', null), eb('actor_id', 'in', accounts)])]));
  }
  return c;
}

/** Matching rows, newest first. */
export async function listAudit(
  db: Db,
  s: AuditSelection,
  page: { limit: number; offset: number },
): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_logs')
    .selectAll()
    .where((eb) => eb.and(conditions(db, eb, s)))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    planId: r.plan_id,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    requestId: r.request_id,
    ip: r.ip,
  }));
}

export async function countAudit(db: Db, s: AuditSelection): Promise<number> {
  const row = await db
    .selectFrom('audit_logs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(conditions(db, eb, s)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
