import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { ConfigError, loadConfig, ROOT_DIR } from '../../config.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/test-app.ts';
import { nowIso } from '../../time.ts';
import { exportPack, loadPackFromJson } from './plan-pack-transfer.ts';
import { DEFAULT_PACK, PACKS_DIR } from './plan-pack.service.ts';

const JURONG = JSON.parse(readFileSync(path.join(PACKS_DIR, DEFAULT_PACK), 'utf8')) as {
  plan: Record<string, unknown>;
};
const ctx = () => ({ actor: null, requestId: null, ip: null, now: nowIso() });
const count = async (t: TestApp, table: 'units' | 'plans' | 'regions' | 'indicators') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(TEST_DIALECTS)('deploying without Jurong, and moving plans between deployments, on %s', (dialect) => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });
  const emptyApp = async () => {
    const t = await createTestApp(dialect, { env: { INNOCITY_DEFAULT_PACK: 'none' } });
    apps.push(t);
    return t;
  };

  it('starts with INNOCITY_DEFAULT_PACK=none holding no plan, no unit and no region', async () => {
    const t = await emptyApp();
    expect([await count(t, 'plans'), await count(t, 'units'), await count(t, 'regions')]).toEqual([0, 0, 0]);
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    expect((await admin.request({ method: 'GET', url: '/api/plans' })).json()).toEqual({ items: [] });
  });

  it('loads a pack into an empty deployment as a working plan, and exports it for the next one', async () => {
    const a = await emptyApp();
    const loaded = await loadPackFromJson(a.db, JURONG, ctx());
    expect(loaded).toMatchObject({ created: true, code: 'jurong-2022-79', region: '江苏省 / 镇江市 / 句容市' });
    const admin = await a.login('admin', TEST_ADMIN_PASSWORD);
    const plans = (await admin.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];
    expect(plans).toMatchObject([{ id: loaded.planId, status: 'in_force' }]);
    const detail = await admin.request({ method: 'GET', url: `/api/plans/${loaded.planId}` });
    expect(detail.json().areas.length).toBeGreaterThan(0);
    expect((await loadPackFromJson(a.db, JURONG, ctx())).created).toBe(false);

    const exported = await exportPack(a.db, 'jurong-2022-79');
    expect(exported.plan.regionPath).toEqual(['江苏省', '镇江市', '句容市']);
    const b = await emptyApp();
    await loadPackFromJson(b.db, JSON.parse(JSON.stringify(exported)), ctx());
    for (const table of ['plans', 'units', 'regions', 'indicators'] as const)
      expect(await count(b, table), table).toBe(await count(a, table));
  });

  it("carries the office's wording and catalogue codes to the next deployment, and still loads a pack without them", async () => {
    const a = await emptyApp();
    const { planId } = await loadPackFromJson(a.db, JURONG, ctx());
    const admin = await a.login('admin', TEST_ADMIN_PASSWORD);
    const wording = {
      issuer: '句容市创新驱动发展领导小组办公室',
      issuerShort: '市创新办',
      level: '市',
      programme: '示范市',
      recipients: '各镇（街道）、园区，市各有关部门，市属国有企业',
      cc: '市委办公室，市人民政府办公室',
      printer: '句容市科学技术局',
    };
    const put = await admin.request({ method: 'PUT', url: `/api/plans/${planId}/settings`, payload: { wording } });
    expect(put.statusCode, put.body).toBe(200);
    for (const [indicator, catalogueCode] of [
      ['specialized-incubators', 'provincial-incubators'],
      ['maker-spaces', null],
    ] as const) {
      const res = await admin.request({
        method: 'PUT',
        url: `/api/plans/${planId}/indicators/${indicator}/catalogue-code`,
        payload: { catalogueCode },
      });
      expect(res.statusCode, res.body).toBe(200);
    }

    const exported = JSON.parse(JSON.stringify(await exportPack(a.db, 'jurong-2022-79')));
    expect(exported.wording).toEqual(wording);
    const codeOf = (pack: { indicators: { code: string; catalogueCode?: string }[] }, code: string) =>
      pack.indicators.find((i) => i.code === code)?.catalogueCode;
    expect([codeOf(exported, 'specialized-incubators'), codeOf(exported, 'maker-spaces')]).toEqual([
      'provincial-incubators',
      undefined,
    ]);

    const b = await emptyApp();
    const loaded = await loadPackFromJson(b.db, exported, ctx());
    const bAdmin = await b.login('admin', TEST_ADMIN_PASSWORD);
    const settings = await bAdmin.request({ method: 'GET', url: `/api/plans/${loaded.planId}/settings` });
    expect(settings.json().wording).toEqual(wording);
    const links = async (t: TestApp, plan: string) =>
      Object.fromEntries(
        (
          (
            await (
              await t.login('admin', TEST_ADMIN_PASSWORD)
            ).request({
              method: 'GET',
              url: `/api/plans/${plan}/indicator-catalogue`,
            })
          ).json().indicators as { code: string; catalogueCode: string | null }[]
        ).map((i) => [i.code, i.catalogueCode]),
      );
    const mapped = await links(b, loaded.planId);
    expect(mapped).toEqual(await links(a, planId));
    expect([mapped['specialized-incubators'], mapped['maker-spaces'], mapped['rd-gdp-ratio']]).toEqual([
      'provincial-incubators',
      null,
      'rd-intensity',
    ]);

    // A pack written before wording and catalogue codes existed: the region's wording, no codes.
    const c = await emptyApp();
    const { wording: _w, ...older } = JURONG as typeof JURONG & { wording?: unknown };
    const old = {
      ...older,
      plan: { ...JURONG.plan, regionPath: undefined },
      indicators: (JURONG as unknown as { indicators: object[] }).indicators.map((i) => ({
        ...i,
        catalogueCode: undefined,
      })),
    };
    const oldLoaded = await loadPackFromJson(c.db, JSON.parse(JSON.stringify(old)), ctx());
    const cAdmin = await c.login('admin', TEST_ADMIN_PASSWORD);
    const oldSettings = await cAdmin.request({ method: 'GET', url: `/api/plans/${oldLoaded.planId}/settings` });
    expect(oldSettings.json().wording).toMatchObject({ issuer: '句容市科技创新委员会办公室', level: '市' });
    expect(Object.values(await links(c, oldLoaded.planId)).every((code) => code === null)).toBe(true);
    const reexported = await exportPack(c.db, 'jurong-2022-79');
    expect(reexported.indicators.some((i) => i.catalogueCode)).toBe(false);
  });

  it('refuses a broken pack and an unknown plan code in Chinese, writing nothing', async () => {
    const t = await emptyApp();
    const broken = { ...JURONG, plan: { ...JURONG.plan, regionPath: ['江苏省', '镇江市', '丹阳市'] } };
    await expect(loadPackFromJson(t.db, broken, ctx())).rejects.toThrow(/地区路径的最后一级须为方案所属地区/);
    expect([await count(t, 'plans'), await count(t, 'units'), await count(t, 'regions')]).toEqual([0, 0, 0]);
    await expect(exportPack(t.db, 'no-such-plan')).rejects.toThrow(/no-such-plan/);
  });
});

describe('INNOCITY_DEFAULT_PACK', () => {
  it('takes none, a shipped pack name or a file, and stops the start on anything else', () => {
    expect(loadConfig({}).defaultPack).toBe(path.join(ROOT_DIR, 'shared/packs/jurong-2022-79.json'));
    expect(loadConfig({ INNOCITY_DEFAULT_PACK: 'none' }).defaultPack).toBeNull();
    expect(loadConfig({ INNOCITY_DEFAULT_PACK: 'shared/packs/jurong-2022-79.json' }).defaultPack).toBe(
      path.join(ROOT_DIR, 'shared/packs/jurong-2022-79.json'),
    );
    expect(() => loadConfig({ INNOCITY_DEFAULT_PACK: 'wuxi-2024' })).toThrow(ConfigError);
    expect(() => loadConfig({ INNOCITY_DEFAULT_PACK: 'wuxi-2024' })).toThrow(/INNOCITY_DEFAULT_PACK.*wuxi-2024/);
  });
});

describe('npm run cli -- load-pack / export-pack', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'innocity-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
      cwd: ROOT_DIR,
      env: { ...process.env, INIT_CWD: dir, DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}` },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('loads a pack file into the database the environment names, and writes it back out with its region', async () => {
    const load = await cli(['load-pack', path.join(PACKS_DIR, DEFAULT_PACK)]);
    expect(load.stderr).toBe('');
    expect(load.stdout).toMatch(/已载入方案“句容市争创省创新型示范市建设方案”.*江苏省 \/ 镇江市 \/ 句容市/);
    expect(load.status).toBe(0);
    const out = await cli(['export-pack', 'jurong-2022-79', 'out.json']);
    expect(out.status).toBe(0);
    const pack = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8'));
    expect(pack.plan).toMatchObject({ code: 'jurong-2022-79', regionPath: ['江苏省', '镇江市', '句容市'] });
    writeFileSync(path.join(dir, 'bad.json'), '{"format":"innocity-plan-pack"');
    const bad = await cli(['load-pack', 'bad.json']);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringMatching(/^数据包不是有效的 JSON：bad\.json/)]);
    const unknown = await cli(['export-pack', 'nope', 'x.json']);
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringMatching(/编码为“nope”的方案不存在/)]);
  });
});
