import { randomUUID } from 'node:crypto';
import type { LedgerType } from '@innocity/shared/ledger-type';
import type { LedgerTypeInfo } from '@innocity/shared/api/ledgers';
import type { Db } from '../../db/connection.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import type { Actor } from '../users/user.repo.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { getPlan } from '../plans/plan.service.ts';
import { canReadLedgers } from './ledger.policy.ts';
import * as repo from './ledger-type.repo.ts';
import { countLiveRowsByType } from './ledger-count.repo.ts';

/**
 * Stores the pack's ledger types that the plan does not have yet (matched by code), in the
 * caller's transaction. Types already stored are left as they are, so loading twice changes nothing;
 * the unit resolver is called only when there is something to store.
 */
export async function storePackLedgerTypes(
  trx: Db,
  planId: string,
  types: LedgerType[],
  resolveUnits: () => Promise<Map<string, string>>,
  ctx: AuditContext,
): Promise<number> {
  const existing = new Set((await repo.listLedgerTypes(trx, planId)).map((t) => t.code));
  const missing = types.map((t, position) => ({ t, position })).filter(({ t }) => !existing.has(t.code));
  if (missing.length === 0) return 0;
  const unitIds = await resolveUnits();
  const fresh = missing.map(({ t, position }) => ({
    id: randomUUID(),
    planId,
    code: t.code,
    name: t.name,
    ownerUnitIds: t.owners.map((name) => {
      const id = unitIds.get(name);
      if (!id)
        throw validationFailed(`台账责任单位不在单位树中：${name}`, [
          { path: `ledgerTypes.${t.code}.owners`, message: name },
        ]);
      return id;
    }),
    definition: { fields: t.fields, naturalKey: t.naturalKey, validity: t.validity },
    position,
  }));
  await repo.insertLedgerTypes(trx, fresh, ctx.now);
  for (const t of fresh) {
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'ledger_type',
      entityId: t.id,
      planId,
      after: { code: t.code, name: t.name },
    });
  }
  return fresh.length;
}

/** The ledger type of a plan the actor may read; a plan they may not read has no ledgers for them. */
export async function getLedgerType(
  db: Db,
  actor: Actor,
  planId: string,
  code: string,
): Promise<repo.LedgerTypeRecord> {
  const type = await repo.findLedgerType(db, planId, code);
  if (!type || !canReadLedgers(actor, type.planStatus)) throw notFound('台账类型');
  return type;
}

/** Every ledger type of the plan, with fields, owning units and how many current rows it holds. */
export async function listLedgerTypes(db: Db, actor: Actor, planId: string): Promise<LedgerTypeInfo[]> {
  const types = await repo.listLedgerTypes(db, planId);
  // No types: either a plan without ledgers or no such plan (for this actor); the plan service tells which.
  if (types.length === 0) await getPlan(db, actor, planId);
  const readable = types.filter((t) => canReadLedgers(actor, t.planStatus));
  const counts = readable.length > 0 ? await countLiveRowsByType(db, planId) : new Map<string, number>();
  return readable.map((t) => ({ ...toInfo(t), rowCount: counts.get(t.id) ?? 0 }));
}

/** The API shape of a stored ledger type. */
export const toInfo = (t: repo.LedgerTypeRecord): LedgerTypeInfo => ({
  code: t.code,
  name: t.name,
  owners: t.owners,
  fields: t.fields,
  naturalKey: t.naturalKey,
  validity: t.validity,
});
