import type { Db } from '../../db/connection.ts';

/** Current rows per ledger type of a plan, in one grouped query (the ledger index shows them on its cards). */
export async function countLiveRowsByType(db: Db, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_rows')
    .select(['ledger_type_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('plan_id', '=', planId)
    .where('deleted_at', 'is', null)
    .groupBy('ledger_type_id')
    .execute();
  return new Map(rows.map((r) => [r.ledger_type_id, Number(r.n)]));
}
