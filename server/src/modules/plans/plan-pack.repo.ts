import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { Insertable } from 'kysely';

/** Inserts for a plan and its parts; the pack service composes them in one transaction. */
export const insertPlan = (db: Db, row: Insertable<Database['plans']>) => db.insertInto('plans').values(row).execute();

export async function insertRows<T extends keyof Database>(
  db: Db,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  // Chunked: SQLite limits bound parameters per statement.
  for (let i = 0; i < rows.length; i += 50) {
    await db
      .insertInto(table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely cannot narrow a generic table's insert type
      .values(rows.slice(i, i + 50) as any)
      .execute();
  }
}
