import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { PlanInfo } from './indicator.repo.ts';

/**
 * Written by triggers (migrations 20261204-1701, -1702) in the transaction of every write a plan's
 * readers can see: a row per writing transaction and scope, compacted into weighted rows; a
 * scope's version is the sum of its weights. Insert-only, so writers never wait on each other.
 */
export interface DataVersionTables {
  data_version_log: { scope: string; txid: number | string; weight: number | string };
}

/** The scope of the tables without a plan id (plans, units, regions …). */
export const GLOBAL_SCOPE = '*';

/** A plan, and the data version its answers are cached under: the plan's and the global one. */
export interface VersionedPlan {
  plan: PlanInfo;
  /** `<plan version>.<global version>`; changes with every committed write the plan's readers can see. */
  version: string;
}

/** The query of `findVersionedPlan`, compiled once (every cached answer runs it). */
const versionedPlan = precompiled(['idOrCode'], (db, p) =>
  db
    .selectFrom('plans')
    .select((eb) => [
      'plans.id',
      'plans.code',
      'plans.status',
      'plans.baseline_year',
      'plans.target_year',
      eb
        .selectFrom('data_version_log')
        .select(sql<string | number | null>`sum(weight)`.as('v'))
        .whereRef('data_version_log.scope', '=', 'plans.id')
        .as('planVersion'),
      eb
        .selectFrom('data_version_log')
        .select(sql<string | number | null>`sum(weight)`.as('v'))
        .where('data_version_log.scope', '=', sql.lit(GLOBAL_SCOPE))
        .as('globalVersion'),
    ])
    .where((eb) => eb.or([eb('plans.id', '=', p.idOrCode), eb('plans.code', '=', p.idOrCode)])),
);

/**
 * The plan (by id or code) and its current data version in one query: the one round trip a
 * cached answer still costs, so that a write committed by any instance shows on the next request.
 */
export async function findVersionedPlan(db: Db, idOrCode: string): Promise<VersionedPlan | undefined> {
  const [r] = await versionedPlan(db, { idOrCode });
  if (!r) return undefined;
  return versionedPlanOf(
    { id: r.id, code: r.code, status: r.status, baselineYear: r.baseline_year, targetYear: r.target_year },
    r.planVersion,
    r.globalVersion,
  );
}

type VersionSum = string | number | null | undefined;

/** A plan with its version formed from the two sums, the plan's then the global one (every lookup forms it here). */
export const versionedPlanOf = (plan: PlanInfo, planVersion: VersionSum, globalVersion: VersionSum): VersionedPlan => ({
  plan,
  version: `${planVersion ?? 0}.${globalVersion ?? 0}`,
});

/** A plan already looked up for this request, e.g. with its session (`found` undefined: no such plan). */
export interface KnownPlan {
  found: VersionedPlan | undefined;
}

/** The plan and its version: the one the request already read when it has, else read now. */
export const planAndVersion = (db: Db, idOrCode: string, known?: KnownPlan) =>
  known ? Promise.resolve(known.found) : findVersionedPlan(db, idOrCode);

/** A plan's data version alone (for tests and tools). */
export async function planDataVersion(db: Db, planId: string): Promise<string | undefined> {
  return (await findVersionedPlan(db, planId))?.version;
}
