import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { nowIso } from '../../time.ts';
import { planDataVersion } from '../indicators/data-version.repo.ts';
import { ledgerRowAt } from '../indicators/indicator-test-kit.ts';
import { actorWith, jurongPlanId, multipartBody, workbookBuffer } from './ledger-test-kit.ts';

// An import counts its plan's data version once for the whole file (on SQLite the per-row
// trigger is held off for the import's transaction, migration 20261204-1731), and still with zero
// lag: the very next cockpit request shows the imported rows; a failed import moves nothing; the
// per-row count is back for every other write as soon as the import is over.

const HEADER = ['载体名称', '载体类型', '级别', '所在走廊', '认定日期', '孵化面积（万平方米）'];
const space = (name: string) => [name, '众创空间', '国家级', 'G312', new Date('2024-05-01T00:00:00Z'), 12];
/** More rows than one 2,000-row batch, so a bad last row fails after the first batch was written. */
const spaces = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => space(`${prefix}众创空间${i + 1}`));

describe.each(TEST_DIALECTS)('ledger import and the plan data version on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  let etag = '';

  const indicators = (ifNoneMatch?: string) =>
    office.request({
      method: 'GET',
      url: `/api/plans/${planId}/indicators`,
      headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
    });
  const makerSpaces = (body: string) =>
    (JSON.parse(body) as IndicatorList).items.find((i) => i.code === 'maker-spaces')!.current?.value ?? 0;
  const upload = async (rows: unknown[][]) =>
    office.request({
      method: 'POST',
      url: `/api/plans/${planId}/ledgers/incubators/import?unitId=${await unitOf('市科技局')}`,
      ...multipartBody('众创空间.xlsx', await workbookBuffer(HEADER, rows)),
    });
  const unitOf = async (name: string) =>
    (await t.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  /** Hold rows left behind (only SQLite writes them; the table is empty on PostgreSQL). */
  const holds = async () =>
    Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM data_version_holds`.execute(t.db)).rows[0]!.n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const o = await actorWith(t.db, ['office']);
    office = await t.login(o.username, o.password);
    etag = String((await indicators()).headers.etag);
  });
  afterAll(() => t?.close());

  it('shows the imported rows on the very next cockpit request', async () => {
    const before = await indicators();
    const version = await planDataVersion(t.db, planId);
    const res = await upload(spaces('甲', 2100));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2100 });
    const after = await indicators(etag);
    expect(after.statusCode).toBe(200);
    expect(makerSpaces(after.body)).toBe(makerSpaces(before.body) + 2100);
    expect(await planDataVersion(t.db, planId)).not.toBe(version);
    expect(await holds()).toBe(0);
    etag = String(after.headers.etag);
  });

  it('moves nothing when the last row is bad, after a batch was written', async () => {
    const version = await planDataVersion(t.db, planId);
    const rows = spaces('乙', 2100);
    rows[2099] = ['乙众创空间坏', '众创空间', '国家级', 'G312', '不是日期', 12];
    const res = await upload(rows);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/第 2101 行 E 列/);
    expect(await planDataVersion(t.db, planId)).toBe(version);
    expect((await indicators(etag)).statusCode).toBe(304);
    expect(await holds()).toBe(0);
  });

  it('leaves the version alone when a re-import changes nothing', async () => {
    const version = await planDataVersion(t.db, planId);
    const res = await upload(spaces('甲', 2100));
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2100 });
    expect(await planDataVersion(t.db, planId)).toBe(version);
    expect((await indicators(etag)).statusCode).toBe(304);
  });

  it('moves the version again for a re-import that changes a row, and for a row saved after the import', async () => {
    const rows = spaces('甲', 2100);
    rows[5]![5] = 13;
    const version = await planDataVersion(t.db, planId);
    const res = await upload(rows);
    expect(res.json()).toMatchObject({ updated: 1, unchanged: 2099 });
    const afterImport = await planDataVersion(t.db, planId);
    expect(afterImport).not.toBe(version);
    // The changed row's new version keeps its first creation (who, when) and carries this update.
    const versions = await t.db
      .selectFrom('ledger_rows')
      .select(['version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'unit_id', 'data'])
      .where('natural_key', 'like', '%"甲众创空间6"%')
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const [first, second] = versions as [(typeof versions)[0], (typeof versions)[0]];
    expect([second.created_at, second.created_by, second.unit_id]).toEqual([
      first.created_at,
      first.created_by,
      first.unit_id,
    ]);
    expect(second.updated_at > first.updated_at).toBe(true);
    expect(second.updated_by).toBe(first.created_by);
    const area = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d).area;
    expect([area(first.data), area(second.data)]).toEqual([12, 13]);
    // A row typed in after the import: the per-row trigger counts it again.
    const clerk = await actorWith(t.db, ['office']);
    await ledgerRowAt(t.db, clerk, planId, 'incubators', '市科技局', nowIso(), {
      name: '丙众创空间',
      kind: '众创空间',
      level: '国家级',
      corridor: 'G312',
      recognisedOn: '2024-05-01',
      area: 12,
    });
    expect(await planDataVersion(t.db, planId)).not.toBe(afterImport);
    const next = await indicators(etag);
    expect(next.statusCode).toBe(200);
    expect(makerSpaces(next.body)).toBeGreaterThan(0);
  });
});
