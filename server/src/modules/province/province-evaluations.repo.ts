import { sql } from 'kysely';
import { z } from 'zod';
import { lightSchema } from '@innocity/shared/indicators/status';
import type { Db } from '../../db/connection.ts';

/** Each county plan's figures as the province view shows them, stored per key (migration 20261204-1202). */
export interface ProvinceTables {
  province_evaluations: {
    plan_id: string;
    as_of: string;
    time_zone: string;
    /** The plan's data version and the plan fields the figures depend on (see province-evaluations.ts). */
    version: string;
    /** JSON: CountyFigure[]. */
    figures: string;
    stored_at: string;
  };
}

/** What the view needs of one indicator's evaluation: its lights and the comparable values. */
const countyFigureSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  light: lightSchema,
});
export type CountyFigure = z.infer<typeof countyFigureSchema>;
const figuresSchema = z.array(countyFigureSchema);

export interface StoredEvaluation {
  planId: string;
  version: string;
  figures: CountyFigure[];
}

/** Stored rows kept per plan (any dates): a few as-of dates and the latest versions; older go. */
const KEEP_PER_PLAN = 6;
/** Plans per statement: well inside SQLite's and PostgreSQL's parameter limits, JSON included. */
const CHUNK = 200;

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * The stored figures of the plans whose key matches (`wanted`: plan id → version), for one date
 * and zone. A row that does not parse (written by another format) counts as missing.
 */
export async function readStoredEvaluations(
  db: Db,
  wanted: Map<string, string>,
  asOf: string,
  timeZone: string,
): Promise<Map<string, CountyFigure[]>> {
  const out = new Map<string, CountyFigure[]>();
  for (const ids of chunks([...wanted.keys()])) {
    const rows = await db
      .selectFrom('province_evaluations')
      .select(['plan_id', 'version', 'figures'])
      .where('as_of', '=', asOf)
      .where('time_zone', '=', timeZone)
      .where('plan_id', 'in', ids)
      .where('version', 'in', [...new Set(ids.map((id) => wanted.get(id)!))])
      .execute();
    for (const r of rows) {
      if (wanted.get(r.plan_id) !== r.version) continue;
      const parsed = figuresSchema.safeParse(JSON.parse(r.figures));
      if (parsed.success) out.set(r.plan_id, parsed.data);
    }
  }
  return out;
}

/**
 * Stores evaluations (a row already there under the same key is left: it holds the same figures,
 * so two instances storing at once both succeed), then drops each plan's rows beyond the latest few.
 * Rows in key order, so concurrent writers take their locks in one order.
 */
export async function storeEvaluations(
  db: Db,
  evaluations: StoredEvaluation[],
  asOf: string,
  timeZone: string,
  now: string,
): Promise<void> {
  const sorted = [...evaluations].sort((a, b) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
  for (const part of chunks(sorted)) {
    await db
      .insertInto('province_evaluations')
      .values(
        part.map((e) => ({
          plan_id: e.planId,
          as_of: asOf,
          time_zone: timeZone,
          version: e.version,
          figures: JSON.stringify(e.figures),
          stored_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['plan_id', 'as_of', 'time_zone', 'version']).doNothing())
      .execute();
    const ids = part.map((e) => e.planId);
    // The (KEEP_PER_PLAN)th latest row's time per plan; everything stored before it goes.
    await sql`
      DELETE FROM province_evaluations
      WHERE plan_id IN (${sql.join(ids)})
        AND stored_at < (
          SELECT k.stored_at FROM province_evaluations k
          WHERE k.plan_id = province_evaluations.plan_id
          ORDER BY k.stored_at DESC LIMIT 1 OFFSET ${KEEP_PER_PLAN - 1}
        )`.execute(db);
  }
}
