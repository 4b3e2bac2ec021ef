import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import type { PackUnit } from '@innocity/shared/plan-pack';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { Actor } from '../users/user.repo.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { forbidden } from '../../http/errors.ts';
import { canReadUnits } from './unit.policy.ts';
import * as repo from './unit.repo.ts';

/** The whole org tree; every signed-in user may read it. */
export async function getUnitTree(db: Db, actor: Actor): Promise<UnitNode[]> {
  if (!canReadUnits(actor)) throw forbidden();
  return repo.toTree(await repo.listUnits(db));
}

/**
 * Adds a pack's units that the tree lacks (matched by code); units already there are left as
 * the admin keeps them. Returns a resolver from the names and aliases a plan uses to unit ids.
 */
export async function ensurePackUnits(trx: Db, units: PackUnit[], ctx: AuditContext): Promise<Map<string, string>> {
  const existing = new Map((await repo.listUnits(trx)).map((u) => [u.code, u]));
  const idByCode = new Map([...existing.values()].map((u) => [u.code, u.id]));
  for (const [index, u] of units.entries()) {
    if (existing.has(u.code)) continue;
    const record: repo.UnitRecord = {
      id: randomUUID(),
      code: u.code,
      name: u.name,
      fullName: u.fullName ?? null,
      aliases: u.aliases,
      kind: u.kind,
      parentId: u.parent ? (idByCode.get(u.parent) ?? null) : null,
      sortOrder: index,
    };
    await repo.insertUnit(trx, record, ctx.now);
    idByCode.set(u.code, record.id);
    await recordAudit(trx, ctx, { action: 'create', entityType: 'unit', entityId: record.id, after: record });
  }
  const byName = new Map<string, string>();
  for (const u of await repo.listUnits(trx)) {
    for (const name of [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]) byName.set(name, u.id);
  }
  return byName;
}
