import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../db/connection.ts';

export interface AuditExpectation {
  action: string;
  entityType: string;
  entityId?: string | null;
  actorId?: string | null;
  /** Whether the row must carry a before state, an after state. */
  before: boolean;
  after: boolean;
}

/** The audit rows a request wrote, found by the request id the response carries. */
export async function auditRowsOf(db: Db, res: LightMyRequestResponse) {
  const requestId = String(res.headers['x-request-id']);
  return db.selectFrom('audit_logs').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

/** Asserts that the request left exactly one audit row of the expected kind, with client address and state. */
export async function expectAudited(db: Db, res: LightMyRequestResponse, e: AuditExpectation) {
  const rows = (await auditRowsOf(db, res)).filter((r) => r.action === e.action);
  expect(rows, `audit rows for ${e.action} ${e.entityType}`).toHaveLength(1);
  const row = rows[0]!;
  expect(row.entity_type).toBe(e.entityType);
  if (e.entityId !== undefined) expect(row.entity_id).toBe(e.entityId);
  if (e.actorId !== undefined) expect(row.actor_id).toBe(e.actorId);
  expect(row.ip).toBeTruthy();
  expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  expect(row.before_json !== null, 'before state recorded').toBe(e.before);
  expect(row.after_json !== null, 'after state recorded').toBe(e.after);
  return {
    ...row,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as Record<string, unknown>),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as Record<string, unknown>),
  };
}
