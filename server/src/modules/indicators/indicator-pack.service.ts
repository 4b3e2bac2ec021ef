import { randomUUID } from 'node:crypto';
import { DEFAULT_LAG_DAYS, type PackDataElement } from '@innocity/shared/indicators/data-element';
import type { PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import { validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import * as repo from './data-element.repo.ts';
import { fillPackIndicator } from './indicator.repo.ts';

/**
 * Stores the pack's data elements the plan does not have yet (matched by code), in the caller's
 * transaction, so loading a pack twice changes nothing.
 */
async function storePackDataElements(
  trx: Db,
  planId: string,
  elements: PackDataElement[],
  unitIds: Map<string, string>,
  ctx: AuditContext,
): Promise<number> {
  const existing = new Set((await repo.listElements(trx, planId)).map((e) => e.code));
  const fresh = elements
    .map((e, position) => ({ e, position }))
    .filter(({ e }) => !existing.has(e.code))
    .map(({ e, position }) => {
      const unitId = unitIds.get(e.reportingUnit);
      if (!unitId)
        throw validationFailed(`数据元报送单位不在单位树中：${e.reportingUnit}`, [
          { path: `dataElements.${e.code}.reportingUnit`, message: e.reportingUnit },
        ]);
      return {
        id: randomUUID(),
        plan_id: planId,
        code: e.code,
        name: e.name,
        unit: e.unit,
        periodicity: e.periodicity,
        reporting_unit_id: unitId,
        lag_days: e.lagDays ?? DEFAULT_LAG_DAYS[e.periodicity],
        description: e.description ?? null,
        validation: JSON.stringify(e.validation),
        position,
        created_at: ctx.now,
        updated_at: ctx.now,
      };
    });
  await repo.insertDataElements(trx, fresh);
  if (fresh.length > 0) {
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'data_element',
      entityId: null,
      planId,
      after: { codes: fresh.map((f) => f.code) },
    });
  }
  return fresh.length;
}

/**
 * Stores what the monitoring engine reads from a pack, in the caller's transaction: data
 * elements the plan lacks, and indicators' definitions, methods and baselines where the stored
 * indicator has none. Never overwrites (the office may have set a baseline), so it runs on every
 * load and brings a plan loaded from an older pack up to date.
 */
export async function storePackIndicatorData(
  trx: Db,
  planId: string,
  pack: PlanPack,
  unitIds: () => Promise<Map<string, string>>,
  ctx: AuditContext,
): Promise<void> {
  const known = new Set((await repo.listElements(trx, planId)).map((e) => e.code));
  if (pack.dataElements.some((e) => !known.has(e.code)))
    await storePackDataElements(trx, planId, pack.dataElements, await unitIds(), ctx);
  const filled: string[] = [];
  for (const ind of pack.indicators) {
    const changed = await fillPackIndicator(trx, planId, ind.code, {
      definition: ind.definition ? JSON.stringify(ind.definition) : null,
      method: ind.method ? JSON.stringify(ind.method) : null,
      baseline: ind.baseline
        ? { value: ind.baseline.value, year: ind.baseline.year, note: ind.baseline.note ?? null }
        : null,
      now: ctx.now,
    });
    if (changed) filled.push(ind.code);
  }
  if (filled.length > 0)
    await recordAudit(trx, ctx, {
      action: 'fill_from_pack',
      entityType: 'indicator',
      entityId: null,
      planId,
      after: { codes: filled },
    });
}
