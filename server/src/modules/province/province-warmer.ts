import { todayIn } from '@innocity/shared/indicators/calendar';
import type { Db } from '../../db/connection.ts';
import { listRegions } from '../regions/region.repo.ts';
import { countyEvaluations } from './province-evaluations.ts';
import { countyPlans, dataVersionsOf } from './province.repo.ts';

// Keeps the province view's stored figures warm for today: on start, after any write (by any
// instance) that moved a county plan's data version, and at the change of day, the plans whose
// figures under their current key are neither held nor stored are evaluated in the background.
// Polling the versions rather than hooking the writes: a write on another instance, a change
// made straight in the database and midnight are all seen the same way, and no write waits.
// The view never depends on it: a county missing under its current key is evaluated by the view.

/** Plans per batch in the background: small, so requests are served between batches. */
const WARM_BATCH = 10;

export interface WarmOptions {
  timeZone: string;
  /** The date to warm (today in the zone by default). */
  asOf?: string;
  onStoreError?: (err: unknown) => void;
}

/**
 * One pass: every county's plan as the view shows it, as of today, evaluated where its figures
 * under the current key are missing (two queries when nothing changed). Returns the plans covered.
 */
export async function warmCountyEvaluations(db: Db, o: WarmOptions): Promise<number> {
  const counties = (await listRegions(db)).filter((r) => r.level === 'county').map((r) => r.id);
  const plans = [...(await countyPlans(db, counties)).values()];
  const versions = await dataVersionsOf(
    db,
    plans.map((p) => p.id),
  );
  await countyEvaluations(db, plans, versions.byScope, o.asOf ?? todayIn(o.timeZone), o.timeZone, {
    onStoreError: o.onStoreError,
    batchSize: WARM_BATCH,
    // One batch at a time: the background pass leaves the other connections to the requests.
    lanes: 1,
  });
  return plans.length;
}

export interface WarmerOptions {
  timeZone: string;
  /** Between passes (30 s by default): how soon after a write or midnight the figures are ready again. */
  everyMs?: number;
  onError?: (err: unknown) => void;
  /** Called after each pass with the plans it covered (tests wait on it). */
  onPass?: (plans: number) => void;
}

/** Runs a pass now and then every `everyMs`, a pass never overlapping the previous one. Returns stop. */
export function startProvinceWarmer(db: Db, o: WarmerOptions): () => void {
  let busy = false;
  const pass = async () => {
    if (busy) return;
    busy = true;
    try {
      o.onPass?.(await warmCountyEvaluations(db, { timeZone: o.timeZone, onStoreError: o.onError }));
    } catch (err) {
      o.onError?.(err);
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void pass(), 0);
  const timer = setInterval(() => void pass(), o.everyMs ?? 30_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
