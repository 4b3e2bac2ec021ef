import type { Db } from '../../db/connection.ts';
import { evaluatePlans, type Evaluated } from '../indicators/indicator-engine.ts';
import { GLOBAL_SCOPE } from '../indicators/data-version.repo.ts';
import type { CountyPlan } from './province.repo.ts';

// Each county plan's evaluation kept per (plan, as-of date, zone, the plan's data version and the
// global one): after a write in one county, the next province view evaluates that county alone
// and takes the others as held. No time-based expiry: a write changes the plan's version, so its
// key; the versions are read from the database on every view (any instance's write counts).

/** Plans evaluated in one engine batch: a few queries each, the groups of all of them held at once. */
const EVALUATION_BATCH = 200;

/** Evaluations kept per database: 100 counties × a handful of dates, and more; the oldest used go first. */
const MAX_ENTRIES = 2000;

interface Held {
  entries: Map<string, Promise<Evaluated[]>>;
  /** The plans this process evaluated for the view, in order (for the freshness test). */
  evaluated: string[];
}

const held = new WeakMap<Db, Held>();

function heldFor(db: Db): Held {
  let h = held.get(db);
  if (!h) held.set(db, (h = { entries: new Map(), evaluated: [] }));
  return h;
}

/**
 * Every plan's indicators as of `asOf`, evaluated (in batches, by the database's counts and
 * sums) only where no evaluation under the plan's current data version is held.
 * `versions`: scope → version as read for this view (plan ids and the global scope).
 */
export async function countyEvaluations(
  db: Db,
  plans: CountyPlan[],
  versions: Map<string, string>,
  asOf: string,
  timeZone: string,
): Promise<Map<string, Evaluated[]>> {
  const h = heldFor(db);
  const global = versions.get(GLOBAL_SCOPE) ?? '0';
  const keyOf = (p: CountyPlan) => [p.id, asOf, timeZone, versions.get(p.id) ?? '0', global].join('|');
  const mine = new Map<string, Promise<Evaluated[]>>();
  const missing: CountyPlan[] = [];
  for (const p of plans) {
    const key = keyOf(p);
    const found = h.entries.get(key);
    if (found) {
      // Map order is insertion order: re-inserting marks the entry as the latest used.
      h.entries.delete(key);
      h.entries.set(key, found);
      mine.set(p.id, found);
    } else missing.push(p);
  }
  for (let i = 0; i < missing.length; i += EVALUATION_BATCH) {
    const batch = missing.slice(i, i + EVALUATION_BATCH);
    const run = evaluatePlans(db, batch, { asOf, timeZone });
    h.evaluated.push(...batch.map((p) => p.id));
    for (const p of batch) {
      const key = keyOf(p);
      const one = run.then((m) => m.get(p.id) ?? []);
      h.entries.set(key, one);
      mine.set(p.id, one);
      // A failed evaluation is not kept; the caller sees the failure.
      one.catch(() => h.entries.delete(key));
    }
    // Batches one after another: the rows of one batch at a time.
    await run.catch(() => undefined);
  }
  while (h.entries.size > MAX_ENTRIES) h.entries.delete(h.entries.keys().next().value!);
  return new Map(await Promise.all(plans.map(async (p) => [p.id, await mine.get(p.id)!] as const)));
}

/** The plans evaluated for the view since the last call, and forgets them (tests and the bench). */
export function takeEvaluatedPlans(db: Db): string[] {
  const h = heldFor(db);
  return h.evaluated.splice(0);
}

/** Drops the held evaluations: the bench times a first view with it. */
export function forgetEvaluations(db: Db): void {
  held.delete(db);
}
