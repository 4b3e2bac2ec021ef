import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { GLOBAL_TABLES, PLAN_TABLES } from '../../db/migrations/20261204-1701-data-versions.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { findVersionedPlan } from './data-version.repo.ts';

/**
 * Tables no plan reader sees, with the reason: a write to them need not make a cached answer
 * stale. A table added later fails the first test until it is put in one of the three lists.
 */
const EXEMPT: Record<string, string> = {
  audit_logs: '审计日志不进入驾驶舱数字',
  sessions: '登录会话',
  login_throttles: '登录限流',
  rate_limits: '接口限流',
  users: '账号（登录时写入；角色与单位另表，已覆盖）',
  notifications: '站内通知，不进入驾驶舱数字',
  reminder_log: '提醒发送记录',
  deliveries: '外发投递队列',
  channel_settings: '外发渠道设置',
  unit_contacts: '单位联系人（仅用于外发）',
  plan_import_drafts: '导入草稿，尚未成为方案',
  data_version_log: '版本日志本身',
  data_version_holds: '导入期间暂停逐行计数的标记（仅 SQLite 使用；在导入事务内写入并删除，从不提交）',
  kysely_migration: '迁移记录',
  evidence_blobs: '佐证材料文件内容（文件，不是数字；附件记录本身在 attachments）',
  kysely_migration_lock: '迁移锁',
  province_evaluations: '省级视图各县指标结果：由数据派生，按方案数据版本为键，写入它不改变任何数字',
};

async function tables(t: TestApp): Promise<{ name: string; columns: string[] }[]> {
  if (t.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(t.db);
    return Promise.all(
      rows.map(async ({ name }) => ({
        name,
        columns: (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${name})`.execute(t.db)).rows.map(
          (c) => c.name,
        ),
      })),
    );
  }
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(t.db);
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
  return [...byTable].map(([name, columns]) => ({ name, columns }));
}

async function triggersOn(t: TestApp, table: string): Promise<string[]> {
  const { rows } =
    t.dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ${table}`.execute(t.db)
      : await sql<{ name: string }>`SELECT DISTINCT trigger_name AS name FROM information_schema.triggers
          WHERE event_object_table = ${table}`.execute(t.db);
  return rows.map((r) => r.name).sort();
}

class Rollback extends Error {}

describe.each(TEST_DIALECTS)('data versions on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let all: { name: string; columns: string[] }[];
  const version = async (db = t?.db) => (await findVersionedPlan(db, planId))!.version;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    all = await tables(t);
  });
  afterAll(() => t?.close());

  it('classifies every table: plan-scoped, global, or exempt with a reason', () => {
    const unclassified = all
      .map((x) => x.name)
      .filter((n) => !PLAN_TABLES.includes(n) && !GLOBAL_TABLES.includes(n) && !(n in EXEMPT));
    expect(unclassified).toEqual([]);
    // A table carrying a plan id bumps its own plan's version, not everyone's.
    const planScoped = all.filter((x) => x.columns.includes('plan_id') && !(x.name in EXEMPT)).map((x) => x.name);
    expect(planScoped.filter((n) => !PLAN_TABLES.includes(n))).toEqual([]);
    for (const n of [...PLAN_TABLES, ...GLOBAL_TABLES]) expect(all.map((x) => x.name)).toContain(n);
  });

  it.each([...PLAN_TABLES, ...GLOBAL_TABLES])('%s has an insert, an update and a delete trigger', async (table) => {
    expect(await triggersOn(t, table)).toEqual([`${table}_dv_delete`, `${table}_dv_insert`, `${table}_dv_update`]);
  });

  // Every table the loaded plan fills: an update bumps the version inside the writing
  // transaction, and a rolled-back write leaves it as it was.
  it.each([...PLAN_TABLES, ...GLOBAL_TABLES])(
    'a write to %s bumps the version in its own transaction',
    async (table) => {
      const columns = all.find((x) => x.name === table)!.columns;
      const scoped = PLAN_TABLES.includes(table);
      const target = scoped
        ? sql`UPDATE ${sql.id(table)} SET plan_id = plan_id WHERE plan_id = ${planId}`
        : sql`UPDATE ${sql.id(table)} SET ${sql.id(columns[0]!)} = ${sql.id(columns[0]!)}`;
      const count = scoped
        ? sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.id(table)} WHERE plan_id = ${planId}`
        : sql<{ n: number }>`SELECT COUNT(*) AS n FROM ${sql.id(table)}`;
      const rows = Number((await count.execute(t.db)).rows[0]!.n);
      if (rows === 0) return; // the loaded plan has none: the trigger test above still covers it
      const before = await version();
      let inside = '';
      await expect(
        t.db.transaction().execute(async (trx) => {
          await target.execute(trx);
          inside = await version(trx);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
      expect(inside).not.toBe(before);
      expect(await version()).toBe(before);
      await target.execute(t.db);
      expect(await version()).not.toBe(before);
    },
  );

  it('keeps scopes apart: a plan table moves that plan alone, a global table the global scope alone', async () => {
    const scopes = async () =>
      Object.fromEntries(
        (
          await t.db
            .selectFrom('data_version_log')
            .select(['scope', sql<string>`sum(weight)`.as('version')])
            .groupBy('scope')
            .execute()
        ).map((r) => [r.scope, String(r.version)]),
      );
    const before = await scopes();
    await sql`UPDATE indicators SET plan_id = plan_id WHERE plan_id = ${planId}`.execute(t.db);
    const afterPlan = await scopes();
    expect(afterPlan[planId]).not.toBe(before[planId]);
    expect({ ...afterPlan, [planId]: null }).toEqual({ ...before, [planId]: null });
    await sql`UPDATE units SET id = id`.execute(t.db);
    const afterGlobal = await scopes();
    expect(afterGlobal['*']).not.toBe(afterPlan['*']);
    expect({ ...afterGlobal, '*': null }).toEqual({ ...afterPlan, '*': null });
  });
});
