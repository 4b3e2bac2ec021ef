import { indicatorDetailSchema, indicatorListSchema } from '@innocity/shared/api/indicators';
import { todayIn } from '@innocity/shared/indicators/calendar';
import type { Db } from '../../db/connection.ts';
import { notFound } from '../../http/errors.ts';
import { canReadLedgers } from '../ledgers/ledger.policy.ts';
import { listLedgerTypes } from '../ledgers/ledger-type.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { planAndVersion, type KnownPlan, type VersionedPlan } from './data-version.repo.ts';
import { evaluatePlan, type Evaluated } from './indicator-engine.ts';
import { canReadIndicators } from './indicator.policy.ts';
import { detailOf, toApiStatus, type IndicatorServiceOptions } from './indicator.service.ts';
import { etagOf, VersionedCache } from './response-cache.ts';

/** An answer: its ETag now (one query), its bytes only when the caller does not hold them already. */
export interface VersionedAnswer {
  etag: string;
  body: () => Promise<string>;
}

interface ReadContext extends VersionedPlan {
  asOf: string;
  /** Everything the answer depends on: plan, date, data version, what this caller may see, demo. */
  key: string;
  labelled: boolean;
}

/**
 * The cockpit's indicator reads, served from evaluations and serialized answers cached per
 * (plan, as-of date, data version, the caller's ledger visibility). The data version is read on
 * every request in the same query as the plan, so a write committed anywhere shows on the next
 * request; there is no expiry. The cache is per app instance; the version lives in the database.
 */
export function createIndicatorReader(db: Db, opts: IndicatorServiceOptions, size = { evaluations: 32, bodies: 256 }) {
  const evaluations = new VersionedCache<Evaluated[]>(size.evaluations);
  const bodies = new VersionedCache<string>(size.bodies);

  async function context(
    actor: Actor,
    planId: string,
    asOfQuery: string | undefined,
    known?: KnownPlan,
  ): Promise<ReadContext> {
    const found = await planAndVersion(db, planId, known);
    if (!found || !canReadIndicators(actor, found.plan.status)) throw notFound('方案');
    const asOf = asOfQuery ?? todayIn(opts.timeZone);
    // Ledger names in the workings are shown to those who may read the ledgers; others see codes.
    const labelled = canReadLedgers(actor, found.plan.status);
    const key = [found.plan.id, asOf, found.version, labelled ? 'L' : '-', opts.demo ? 'demo' : ''].join('|');
    return { ...found, asOf, key, labelled };
  }

  function evaluation(c: ReadContext): Promise<Evaluated[]> {
    return evaluations.get(c.key, async () => {
      const types = c.labelled ? await listLedgerTypes(db, c.plan.id) : [];
      const labels = new Map(
        types.map((t) => [t.code, { name: t.name, fields: new Map(t.fields.map((f) => [f.key, f.label])) }]),
      );
      return evaluatePlan(db, c.plan, { asOf: c.asOf, timeZone: opts.timeZone, labels });
    });
  }

  return {
    /** Every indicator of the plan as of a date (GET /api/plans/:planId/indicators). */
    async list(
      actor: Actor,
      planId: string,
      asOfQuery: string | undefined,
      known?: KnownPlan,
    ): Promise<VersionedAnswer> {
      const c = await context(actor, planId, asOfQuery, known);
      const key = `list|${c.key}`;
      return {
        etag: etagOf(key),
        body: () =>
          bodies.get(key, async () => {
            const list = { asOf: c.asOf, demo: opts.demo, items: (await evaluation(c)).map(toApiStatus) };
            // Checked against the response schema once per version instead of on every request.
            return JSON.stringify(indicatorListSchema.parse(list));
          }),
      };
    },
    /** One indicator with its sources (GET /api/plans/:planId/indicators/:indicatorId). */
    async detail(actor: Actor, planId: string, indicatorId: string, asOfQuery: string | undefined, known?: KnownPlan) {
      const c = await context(actor, planId, asOfQuery, known);
      const key = `detail|${indicatorId}|${c.key}`;
      const evaluated = await evaluation(c);
      const e = evaluated.find((x) => x.indicator.id === indicatorId || x.indicator.code === indicatorId);
      if (!e) throw notFound('指标');
      return {
        etag: etagOf(key),
        body: () =>
          bodies.get(key, async () =>
            JSON.stringify(indicatorDetailSchema.parse(await detailOf(db, c.plan, e, c.asOf, opts))),
          ),
      };
    },
  };
}

export type IndicatorReader = ReturnType<typeof createIndicatorReader>;
