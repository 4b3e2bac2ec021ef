import type { Db } from '../../db/connection.ts';
import { nowIso } from '../../time.ts';
import { evaluatePlans, type Evaluated } from '../indicators/indicator-engine.ts';
import type { CountyPlan } from './province.repo.ts';
import {
  readStoredEvaluations,
  storeEvaluations,
  type CountyFigure,
  type StoredEvaluation,
} from './province-evaluations.repo.ts';

// Each county plan's figures kept per (plan, as-of date, zone, version key) in memory and in the
// database (province_evaluations): after a write in one county the next view evaluates that county
// alone, and a restarted or second instance finds the others stored. No time-based expiry: the
// versions are read from the database on every view, and a write changes its plan's key.
//
// The key holds the plan's own data version, not the global one: the engine reads only the plan's
// tables (indicators, milestones, elements and values, ledger types and rows — all versioned per
// plan) and, of the plans row, its status and baseline and target years, which are in the key
// themselves. A write to regions, units or users moves the global version and must not make every
// county cold. FORMAT changes when what is stored, or how the engine computes it, changes.
const FORMAT = 1;

/** Plans evaluated in one engine batch: a few queries each, the groups of all of them held at once. */
const EVALUATION_BATCH = 200;

/** Evaluations kept in memory per database: 100 counties × a handful of dates, and more. */
const MAX_ENTRIES = 2000;

export type { CountyFigure };

interface Held {
  entries: Map<string, Promise<CountyFigure[]>>;
  /** The plans this process evaluated with the engine, in order (tests and the bench). */
  evaluated: string[];
}

const held = new WeakMap<Db, Held>();

function heldFor(db: Db): Held {
  let h = held.get(db);
  if (!h) held.set(db, (h = { entries: new Map(), evaluated: [] }));
  return h;
}

/** The version part of a plan's key: its data version and the plan fields the figures depend on. */
export function evaluationVersion(plan: CountyPlan, planVersion: string): string {
  return [planVersion, plan.status, plan.baselineYear, plan.targetYear, `f${FORMAT}`].join('|');
}

function figuresOf(evaluated: Evaluated[]): CountyFigure[] {
  return evaluated.map((e) => ({
    id: e.indicator.id,
    name: e.indicator.name,
    unit: e.indicator.unit,
    value: e.current?.value ?? null,
    light: e.evaluation.light,
  }));
}

export interface EvaluationOptions {
  /** A failed store is logged, never the view's failure: the figures were computed. */
  onStoreError?: (err: unknown) => void;
  /** Plans per engine batch (EVALUATION_BATCH by default); the warmer takes small ones so that
   * SQLite's synchronous driver leaves the requests room between them. */
  batchSize?: number;
  /** Batches evaluated at once (1 by default). */
  lanes?: number;
}

/**
 * Every plan's figures as of `asOf`: held in memory, else stored in the database under the plan's
 * current key, else evaluated (in batches, by the database's counts and sums) and stored.
 * `versions`: plan id → its data version as read for this view.
 */
export async function countyEvaluations(
  db: Db,
  plans: CountyPlan[],
  versions: Map<string, string>,
  asOf: string,
  timeZone: string,
  opts: EvaluationOptions = {},
): Promise<Map<string, CountyFigure[]>> {
  const h = heldFor(db);
  const versionOf = new Map(plans.map((p) => [p.id, evaluationVersion(p, versions.get(p.id) ?? '0')]));
  const keyOf = (id: string) => [id, asOf, timeZone, versionOf.get(id)].join('#');
  const mine = new Map<string, Promise<CountyFigure[]>>();
  const missing = new Map<string, { plan: CountyPlan; resolve: (f: CountyFigure[]) => void }>();
  const rejects: ((err: unknown) => void)[] = [];
  for (const p of plans) {
    const key = keyOf(p.id);
    const found = h.entries.get(key);
    if (found) {
      // Map order is insertion order: re-inserting marks the entry as the latest used.
      h.entries.delete(key);
      h.entries.set(key, found);
      mine.set(p.id, found);
      continue;
    }
    // Registered before anything is awaited, so a view arriving meanwhile shares this work.
    const one = new Promise<CountyFigure[]>((resolve, reject) => {
      missing.set(p.id, { plan: p, resolve });
      rejects.push(reject);
    });
    one.catch(() => h.entries.delete(key));
    h.entries.set(key, one);
    mine.set(p.id, one);
  }
  while (h.entries.size > MAX_ENTRIES) h.entries.delete(h.entries.keys().next().value!);
  if (missing.size > 0)
    await fillMissing(db, h, missing, { versions, versionOf, keyOf }, asOf, timeZone, opts).catch((err: unknown) => {
      for (const reject of rejects) reject(err);
    });
  return new Map(await Promise.all(plans.map(async (p) => [p.id, await mine.get(p.id)!] as const)));
}

async function fillMissing(
  db: Db,
  h: Held,
  missing: Map<string, { plan: CountyPlan; resolve: (f: CountyFigure[]) => void }>,
  keys: { versions: Map<string, string>; versionOf: Map<string, string>; keyOf: (id: string) => string },
  asOf: string,
  timeZone: string,
  opts: EvaluationOptions,
): Promise<void> {
  const { versionOf } = keys;
  const stored = await readStoredEvaluations(
    db,
    new Map([...missing.keys()].map((id) => [id, versionOf.get(id)!])),
    asOf,
    timeZone,
  );
  for (const [id, figures] of stored) missing.get(id)!.resolve(figures);
  const toEvaluate = [...missing.values()].filter((m) => !stored.has(m.plan.id));
  // One batch at a time by default, on both databases: PostgreSQL runs the batch's grouped query
  // with parallel workers itself (ledger-aggregate.repo.ts), and two batches at once were slower
  // on two cores (650 against 570 ms for 100 counties, docs/BENCHMARKS.md); SQLite's driver is
  // synchronous.
  const lanes = opts.lanes ?? 1;
  const size = opts.batchSize ?? Math.min(EVALUATION_BATCH, Math.ceil(toEvaluate.length / lanes));
  const batches: (typeof toEvaluate)[] = [];
  for (let i = 0; i < toEvaluate.length; i += size) batches.push(toEvaluate.slice(i, i + size));
  const lane = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const versionsRead = new Map<string, string>();
      const evaluated = await evaluatePlans(
        db,
        batch.map((m) => m.plan),
        { asOf, timeZone, versionsRead },
      );
      h.evaluated.push(...batch.map((m) => m.plan.id));
      const made: StoredEvaluation[] = batch.map((m) => ({
        planId: m.plan.id,
        version: versionOf.get(m.plan.id)!,
        figures: figuresOf(evaluated.get(m.plan.id) ?? []),
      }));
      for (const [j, m] of batch.entries()) m.resolve(made[j]!.figures);
      // A plan whose ledger rows were read (in a reader thread's own transaction) at another data
      // version than this view's key saw a write committed meanwhile: its figures answer this
      // view (they are newer than its key) but are neither kept nor stored under that key.
      const moved = (id: string) => versionsRead.has(id) && versionsRead.get(id) !== (keys.versions.get(id) ?? '0');
      for (const m of batch) if (moved(m.plan.id)) h.entries.delete(keys.keyOf(m.plan.id));
      const kept = made.filter((e) => !moved(e.planId));
      try {
        await storeEvaluations(db, kept, asOf, timeZone, nowIso());
      } catch (err) {
        (opts.onStoreError ?? (() => undefined))(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, batches.length) }, lane));
}

/** The plans evaluated with the engine since the last call, and forgets them (tests and the bench). */
export function takeEvaluatedPlans(db: Db): string[] {
  const h = heldFor(db);
  return h.evaluated.splice(0);
}

/** Drops the evaluations held in memory (as a restart does): the bench and tests time a first view with it. */
export function forgetEvaluations(db: Db): void {
  held.delete(db);
}
