import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { allTables } from './backup-schema.ts';

/** What the backup tests compare: whole databases and file trees, as a user checking a restore would. */

/** Every row of every table the database has (listed from its own schema), each table sorted. */
export async function dumpAll(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const t of (await allTables(db)).sort()) {
    if (t === 'kysely_migration_lock') continue; // the migrator's lock flag, not data
    // The migration list is compared by name: a restore runs the migrations again, at its own time.
    const rows =
      t === 'kysely_migration'
        ? await sql<Record<string, unknown>>`select name from kysely_migration`.execute(db)
        : await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db);
    // Binary cells (evidence bytes) as length and SHA-256: byte for byte, without MB-long JSON arrays.
    const cell = (v: unknown) => (Buffer.isBuffer(v) || v instanceof Uint8Array ? digest(Buffer.from(v)) : v);
    out[t] = rows.rows
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)])))
      .map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>)
      .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return out;
}

/** Each file under `root` by its path with / separators, as its length and SHA-256 (a byte-wise deep-equal of MBs is slow). */
export function filesUnder(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[relative(root, full).split(sep).join('/')] = digest(readFileSync(full));
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

export const digest = (b: Buffer) => `${b.length}:${createHash('sha256').update(b).digest('hex')}`;
