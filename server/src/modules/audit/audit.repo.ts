import type { Db } from '../../db/connection.ts';

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

/** Drops secret fields at any depth so an audit row never holds a password, hash or token. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET_KEYS.test(k))
        .map(([k, v]) => [k, redactSecrets(v)]),
    );
  }
  return value;
}

/** Appends one audit row in the caller's transaction. There is no update or delete. */
export async function recordAudit(db: Db, ctx: AuditContext, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_logs')
    .values({
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
    })
    .execute();
}
