import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/** What backup and restore need to know of the live schema, read from the database itself, never a hand list. */
export interface SchemaInfo {
  /** Every table but the migration bookkeeping, each after the tables its foreign keys point at. */
  tables: string[];
  /** Per table, its foreign keys onto itself (a unit's parent unit): rows must go in parents first. */
  selfLinks: Map<string, { from: string; to: string }[]>;
}

type AnyDb = Kysely<Database>;

export const isBookkeeping = (t: string) => t.startsWith('kysely_migration');

/** Every table of the database, the migration bookkeeping included (a database is empty only without any). */
export async function allTables(db: AnyDb): Promise<string[]> {
  return (await db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
}

export async function readSchema(db: AnyDb, dialect: Dialect): Promise<SchemaInfo> {
  const tables = (await allTables(db)).filter((n) => !isBookkeeping(n));
  const links: { child: string; parent: string; from: string; to: string }[] = [];
  if (dialect === 'sqlite') {
    for (const t of tables) {
      const fks = await sql<{ table: string; from: string; to: string | null }>`
        select "table", "from", "to" from pragma_foreign_key_list(${t})`.execute(db);
      for (const fk of fks.rows) links.push({ child: t, parent: fk.table, from: fk.from, to: fk.to ?? 'id' });
    }
  } else {
    const fks = await sql<{ child: string; parent: string; from: string; to: string }>`
      select c.relname as child, p.relname as parent, a.attname as "from", b.attname as "to"
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(k.conkey, k.confkey) as u(ck, pk)
      join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.ck
      join pg_attribute b on b.attrelid = k.confrelid and b.attnum = u.pk
      where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
    links.push(...fks.rows);
  }
  const deps = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  const selfLinks = new Map<string, { from: string; to: string }[]>();
  for (const l of links) {
    if (l.child === l.parent) selfLinks.set(l.child, [...(selfLinks.get(l.child) ?? []), { from: l.from, to: l.to }]);
    else deps.get(l.child)?.add(l.parent);
  }
  const ordered: string[] = [];
  const visit = (t: string, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const d of [...(deps.get(t) ?? [])].sort()) visit(d, seen);
    ordered.push(t);
  };
  for (const t of [...tables].sort()) visit(t, new Set());
  return { tables: ordered, selfLinks };
}

/**
 * Orders a table's rows so each row's parent (through a foreign key onto the same table) comes
 * before it: PostgreSQL checks such a key at every insert, and a tree edited over years is not
 * stored parents-first. Rows whose parent is missing keep their place at the end (the insert reports them).
 */
export function parentsFirst(
  rows: Record<string, unknown>[],
  links: { from: string; to: string }[],
): Record<string, unknown>[] {
  if (links.length === 0) return rows;
  const present = links.map((l) => new Set(rows.map((r) => r[l.to])));
  const placed = links.map(() => new Set<unknown>());
  const out: Record<string, unknown>[] = [];
  let pending = rows;
  while (pending.length > 0) {
    const next: Record<string, unknown>[] = [];
    for (const r of pending) {
      const ready = links.every((l, i) => {
        const parent = r[l.from];
        return (
          parent === null ||
          parent === undefined ||
          parent === r[l.to] ||
          placed[i]!.has(parent) ||
          !present[i]!.has(parent)
        );
      });
      if (!ready) {
        next.push(r);
        continue;
      }
      out.push(r);
      links.forEach((l, i) => placed[i]!.add(r[l.to]));
    }
    if (next.length === pending.length) return [...out, ...next]; // a cycle: leave it to the database to refuse
    pending = next;
  }
  return out;
}

/** Explicit ids leave PostgreSQL's sequences behind; the next insert must not collide with a restored row. */
export async function resetSequences(db: AnyDb, table: string): Promise<void> {
  const cols = await sql<{ column_name: string; seq: string | null }>`
    select column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
    from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(db);
  for (const c of cols.rows) {
    if (!c.seq) continue;
    await sql`select setval(${c.seq}, coalesce((select max(${sql.ref(c.column_name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      db,
    );
  }
}

/** Undoes a restore that failed after creating the schema: the database is as empty as it was found. */
export async function dropAllTables(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    for (const t of await allTables(db)) await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
    // The trigger functions the migrations create (data versions) go too: empty means empty.
    const fns = await sql<{ name: string }>`
      select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = current_schema() and p.prokind = 'f'`.execute(db);
    for (const f of fns.rows) await sql`drop function if exists ${sql.id(f.name)}() cascade`.execute(db);
    return;
  }
  // One connection on SQLite (Kysely's driver), so the pragma holds for the drops that follow.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    for (const t of await allTables(db)) await sql`drop table if exists ${sql.table(t)}`.execute(db);
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}
