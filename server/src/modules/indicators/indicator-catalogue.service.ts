import type { IndicatorCatalogue, SetCatalogueCodeInput } from '@innocity/shared/api/indicator-catalogue';
import { INDICATOR_CATALOGUE } from '@innocity/shared/catalogue/indicator-catalogue';
import { standardUnit, suggestCatalogueCodes } from '@innocity/shared/catalogue/suggest';
import type { PlanPack } from '@innocity/shared/plan-pack';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { readablePlan } from './data-element.service.ts';
import * as links from './indicator-catalogue.repo.ts';
import { canEditTargets } from './indicator.policy.ts';
import * as repo from './indicator.repo.ts';

const catalogue = INDICATOR_CATALOGUE.map(({ code, name, units, direction, source }) => ({
  code,
  name,
  units: [...units],
  direction,
  source,
}));

/** Every indicator of the plan with its catalogue code and the catalogue's suggestions; read by whoever reads the plan's indicators. */
export async function getIndicatorCatalogue(db: Db, actor: Actor, planId: string): Promise<IndicatorCatalogue> {
  const plan = await readablePlan(db, actor, planId);
  const [indicators, byId] = await Promise.all([repo.listIndicators(db, plan.id), links.listLinks(db, plan.id)]);
  return {
    catalogue,
    indicators: indicators.map((i) => {
      const link = byId.get(i.id);
      const code = link?.catalogueCode ?? null;
      return {
        indicatorId: i.id,
        code: i.code,
        name: i.name,
        unit: i.unit,
        catalogueCode: code,
        comparable: code !== null && standardUnit(code, i.unit) !== null,
        confirmedBy: link?.confirmedByName ?? null,
        suggestions: suggestCatalogueCodes(i.name, i.unit).slice(0, 3),
      };
    }),
  };
}

/** The office confirms an indicator's code (or that it has none), audited with before and after. */
export async function setCatalogueCode(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  input: SetCatalogueCodeInput,
  ctx: AuditContext,
): Promise<void> {
  const plan = await readablePlan(db, actor, planId);
  if (!canEditTargets(actor)) throw forbidden('只有科创委办公室可以确认指标对应的目录指标');
  const [indicator] = await repo.listIndicators(db, plan.id, indicatorId);
  if (!indicator) throw notFound('指标');
  await db.transaction().execute(async (trx) => {
    await links.lockLink(trx, indicator.id);
    const before = (await links.findLink(trx, indicator.id))?.catalogueCode ?? null;
    if (input.catalogueCode === null) await links.deleteLink(trx, indicator.id);
    else
      await links.upsertLink(
        trx,
        { indicatorId: indicator.id, planId: plan.id, catalogueCode: input.catalogueCode },
        ctx.actor,
        ctx.now,
      );
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'indicator_catalogue_code',
      entityId: indicator.id,
      planId: plan.id,
      before: { indicator: indicator.code, catalogueCode: before },
      after: { indicator: indicator.code, catalogueCode: input.catalogueCode },
    });
  });
}

/** The pack's catalogue codes, stored with the plan as it is created (the office may change them later). */
export async function storePackCatalogueCodes(trx: Db, planId: string, pack: PlanPack, now: string): Promise<void> {
  const ids = new Map((await repo.listIndicators(trx, planId)).map((i) => [i.code, i.id]));
  for (const ind of pack.indicators) {
    const id = ids.get(ind.code);
    if (ind.catalogueCode && id)
      await links.upsertLink(trx, { indicatorId: id, planId, catalogueCode: ind.catalogueCode }, null, now);
  }
}
