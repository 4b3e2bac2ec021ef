import { asOfCutoff, todayIn } from '@innocity/shared/indicators/calendar';
import type { DataElement, DataElementList, ElementValue } from '@innocity/shared/api/indicators';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import type { Actor } from '../users/user.repo.ts';
import * as repo from './data-element.repo.ts';
import { withCurrentFlags } from './element-values.ts';
import { canReadIndicators } from './indicator.policy.ts';
import { findPlanInfo, type PlanInfo } from './indicator.repo.ts';

/** The plan if the actor may read its indicators and data; otherwise it does not exist for them. */
export async function readablePlan(db: Db, actor: Actor, planId: string): Promise<PlanInfo> {
  const plan = await findPlanInfo(db, planId);
  if (!plan || !canReadIndicators(actor, plan.status)) throw notFound('方案');
  return plan;
}

/** The API shape of an element. */
export const toApiElement = (e: repo.DataElementRecord): DataElement => ({
  id: e.id,
  code: e.code,
  name: e.name,
  unit: e.unit,
  periodicity: e.periodicity,
  reportingUnit: e.reportingUnitId && e.reportingUnitName ? { id: e.reportingUnitId, name: e.reportingUnitName } : null,
  lagDays: e.lagDays,
  description: e.description,
  validation: e.validation,
});

/** Every data element of the plan with the values in force as of a date (today by default). */
export async function listDataElements(
  db: Db,
  actor: Actor,
  planId: string,
  opts: { asOf?: string; timeZone: string },
): Promise<DataElementList> {
  const plan = await readablePlan(db, actor, planId);
  const asOf = opts.asOf ?? todayIn(opts.timeZone);
  const elements = await repo.listElements(db, plan.id);
  const versions = await repo.listValueVersions(db, plan.id, { cutoff: asOfCutoff(asOf, opts.timeZone) });
  const codeOf = new Map(elements.map((e) => [e.id, e.code]));
  const values = withCurrentFlags(versions, (id) => codeOf.get(id) ?? '').filter((v) => v.current);
  return {
    asOf,
    items: elements.map((e) => ({ ...toApiElement(e), values: values.filter((v) => v.elementId === e.id) })),
  };
}

/** Every version ever recorded of one element, corrections included, oldest first. */
export async function listElementVersions(
  db: Db,
  actor: Actor,
  planId: string,
  elementId: string,
): Promise<{ element: DataElement; items: ElementValue[] }> {
  const plan = await readablePlan(db, actor, planId);
  const element = (await repo.listElements(db, plan.id)).find((e) => e.id === elementId || e.code === elementId);
  if (!element) throw notFound('数据元');
  const versions = await repo.listValueVersions(db, plan.id, { elementIds: [element.id] });
  return { element: toApiElement(element), items: withCurrentFlags(versions, () => element.code) };
}
