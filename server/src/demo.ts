import path from 'node:path';
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { ConfigError, loadConfig, ROOT_DIR } from './config.ts';
import { DatabaseUnreachableError, type Db } from './db/connection.ts';
import { DEMO_PASSWORD, seedDemo } from './demo/seed-demo.ts';
import { PROVINCE_VIEWER, seedCounty, seedProvinceViewer } from './demo/demo-counties.ts';
import { DEMO_COUNTIES } from './demo/plans/county-plans.ts';
import { recordAudit } from './modules/audit/audit.repo.ts';
import { findUserByUsername, loadActor } from './modules/users/user.repo.ts';

/**
 * `npm run demo`: the platform on its own database (data/demo.sqlite, or DATABASE_URL) with a
 * synthetic, deterministic history of Jurong 2021–2025, the other demo counties of Zhenjiang and
 * Changzhou (each plan through the importer) and a 省级查看 account; every page and export says 示例数据.
 * Demo data never enters a real database: a database with data the demo did not make is refused.
 */
const DEMO_SEED = 20221222;

async function seedState(db: Db): Promise<'seeded' | 'fresh' | 'foreign'> {
  const marker = await db.selectFrom('audit_logs').select('id').where('action', '=', 'seed_demo').executeTakeFirst();
  if (marker) return 'seeded';
  const values = await db.selectFrom('data_element_values').select('id').executeTakeFirst();
  const rows = await db.selectFrom('ledger_rows').select('id').executeTakeFirst();
  return values || rows ? 'foreign' : 'fresh';
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INNOCITY_DEMO: 'true',
    INNOCITY_ADMIN_PASSWORD: process.env.INNOCITY_ADMIN_PASSWORD ?? DEMO_PASSWORD,
    // Beside the real database, in the same data directory, never in it.
    DATABASE_URL:
      process.env.DATABASE_URL ??
      `sqlite:${path.resolve(ROOT_DIR, process.env.INNOCITY_DATA_DIR ?? 'data', 'demo.sqlite')}`,
  };
  const config = loadConfig(env);
  const { database } = await bootstrap(config);
  const db = database.db;
  const state = await seedState(db);
  if (state === 'foreign') {
    await database.close();
    throw new ConfigError([
      '该数据库已有真实数据，示例数据不会写入其中：请不设置 DATABASE_URL（使用 data/demo.sqlite），或指定一个空数据库',
    ]);
  }
  if (state === 'fresh') {
    const plan = await db
      .selectFrom('plans')
      .select('id')
      .where('code', '=', 'jurong-2022-79')
      .executeTakeFirstOrThrow();
    const admin = await loadActor(db, (await findUserByUsername(db, 'admin'))!);
    const started = Date.now();
    await seedDemo({
      db,
      planId: plan.id,
      admin,
      timeZone: config.timeZone,
      seed: DEMO_SEED,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    for (const [i, county] of DEMO_COUNTIES.entries())
      await seedCounty(db, admin, county, {
        seed: DEMO_SEED + i + 1,
        log: (line) => process.stdout.write(`${line}\n`),
      });
    await seedProvinceViewer(db, admin);
    await recordAudit(
      db,
      { actor: null, requestId: null, ip: null, now: new Date().toISOString() },
      { action: 'seed_demo', entityType: 'system', entityId: null, planId: plan.id, after: { seed: DEMO_SEED } },
    );
    process.stdout.write(`示例数据已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒）\n`);
  }
  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL';
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  process.stdout.write(
    `\nInnoCity【示例数据】已启动：${url}（数据库：${where}）\n` +
      `管理员 admin，密码 ${env.INNOCITY_ADMIN_PASSWORD}；其他示例账号（office、leader、inspector、kjj、tjj …；各单位审核人为填报员账号加 -sh，如 kjj-sh）密码 ${DEMO_PASSWORD}，首次登录须修改。\n` +
      `省级查看 ${PROVINCE_VIEWER}（江苏省，可查看各县（市、区）、只读），密码 ${DEMO_PASSWORD}；其他县（市、区）：${DEMO_COUNTIES.map((c) => `${c.region} ${c.units[0]!.code}-office`).join('、')}（科创委办公室），填报员为 <编码>-r01 起，密码同上。\n` +
      `省级视图：${url}province\n` +
      `指标监测：${url}api/plans/jurong-2022-79/indicators（可加 ?asOf=2024-06-30 查看当时的情况）\n\n`,
  );
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const message =
    err instanceof ConfigError || err instanceof DatabaseUnreachableError
      ? err.message
      : ((err as Error).stack ?? String(err));
  process.stderr.write(`示例启动失败：${message}\n`);
  process.exit(1);
});
