import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorList, IndicatorStatus } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { nowIso } from '../../time.ts';
import { actorWith, at, jurongPlanId, unitId } from '../ledgers/ledger-test-kit.ts';
import { deleteLedgerRow } from '../ledgers/ledger-row.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { ledgerRowAt, makerSpace } from './indicator-test-kit.ts';

// Zero lag: for each kind of write, read the indicators (as the cockpit does, today), write, read
// again with the ETag the browser holds: the very next answer is new and shows the change. No
// clock is advanced between the write and the read; the cache has no expiry to wait for.

describe.each(TEST_DIALECTS)('cockpit indicators after each kind of write on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  let admin: Client;
  let actor: Actor;
  let etag = '';
  let current: Map<string, IndicatorStatus>;
  const rowIds: string[] = [];

  const read = async (ifNoneMatch?: string) =>
    office.request({
      method: 'GET',
      url: `/api/plans/${planId}/indicators`,
      headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
    });
  const byCode = (body: string) => new Map((JSON.parse(body) as IndicatorList).items.map((i) => [i.code, i]));
  const put = (client: Client, url: string, payload: object) =>
    client.request({ method: 'PUT', url, payload }).then((r) => {
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    });
  const idOf = (code: string) => current.get(code)!.id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    const o = await actorWith(t.db, ['office']);
    actor = o;
    office = await t.login(o.username, o.password);
    const a = await actorWith(t.db, ['admin']);
    admin = await t.login(a.username, a.password);
    const first = await read();
    expect(first.statusCode).toBe(200);
    etag = String(first.headers.etag);
    current = byCode(first.body);
  });
  afterAll(() => t?.close());

  it('answers a repeat view with 304 and no body, and the same bytes without the ETag', async () => {
    const again = await read(etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const plain = await read();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers.etag).toBe(etag);
    expect(plain.headers['cache-control']).toBe('private, no-cache');
    expect(byCode(plain.body)).toEqual(current);
  });

  const writes: [
    string,
    () => Promise<void>,
    (before: Map<string, IndicatorStatus>, after: Map<string, IndicatorStatus>) => void,
  ][] = [
    [
      '台账记录新增',
      async () => {
        rowIds.push(
          (await ledgerRowAt(t.db, actor, planId, 'incubators', '市科技局', nowIso(), makerSpace('新众创空间'))).id,
        );
      },
      (b, a) => expect(a.get('maker-spaces')!.current?.value).toBe((b.get('maker-spaces')!.current?.value ?? 0) + 1),
    ],
    [
      '台账记录删除',
      () => deleteLedgerRow(t.db, actor, planId, 'incubators', rowIds[0]!, at(nowIso(), actor)),
      (b, a) => expect(a.get('maker-spaces')!.current?.value ?? 0).toBe(b.get('maker-spaces')!.current!.value - 1),
    ],
    [
      '数据元数值报送',
      () =>
        office
          .request({
            method: 'POST',
            url: `/api/plans/${planId}/data-element-values`,
            payload: {
              items: [
                { element: 'gdp', period: '2025', value: 1000, source: '统计年鉴', quality: 'statistical' },
                { element: 'rd-spending', period: '2025', value: 31, source: '统计年鉴', quality: 'statistical' },
              ],
            },
          })
          .then((r) => expect(r.statusCode, r.body).toBeLessThan(300)),
      (_b, a) => expect(a.get('rd-gdp-ratio')!.current).toMatchObject({ period: '2025', value: 3.1 }),
    ],
    [
      '目标值调整',
      () =>
        put(office, `/api/plans/${planId}/indicators/${idOf('maker-spaces')}/target`, {
          value: 7,
          targetDate: '2025-12-31',
          reason: '中期调整',
        }),
      (_b, a) => expect(a.get('maker-spaces')!.target.value).toBe(7),
    ],
    [
      '基期值设置',
      () =>
        put(office, `/api/plans/${planId}/indicators/${idOf('maker-spaces')}/baseline`, {
          value: 2,
          year: 2021,
          note: '核定',
        }),
      (_b, a) => expect(a.get('maker-spaces')!.baseline).toMatchObject({ value: 2, year: 2021 }),
    ],
    [
      '分年度目标调整',
      () =>
        put(office, `/api/plans/${planId}/indicators/${idOf('maker-spaces')}/milestones`, {
          items: [{ year: 2023, value: 4.5 }],
        }),
      (_b, a) => expect(a.get('maker-spaces')!.milestones.find((m) => m.year === 2023)?.value).toBe(4.5),
    ],
    [
      '单位改名',
      async () =>
        admin
          .request({
            method: 'PATCH',
            url: `/api/units/${await unitId(t.db, '市科技局')}`,
            payload: { name: '市科学技术局' },
          })
          .then((r) => expect(r.statusCode, r.body).toBe(200)),
      () => undefined,
    ],
    [
      '方案文字设置',
      async () => {
        const got = await office.request({ method: 'GET', url: `/api/plans/${planId}/settings` });
        const wording = (got.json() as { wording: Record<string, unknown> }).wording;
        await put(office, `/api/plans/${planId}/settings`, { wording: { ...wording, printer: '新的印发单位' } });
      },
      () => undefined,
    ],
  ];

  it.each(writes)('%s: the very next request answers anew and shows it', async (_kind, write, check) => {
    await write();
    const next = await read(etag);
    expect(next.statusCode).toBe(200);
    expect(next.headers.etag).not.toBe(etag);
    const after = byCode(next.body);
    check(current, after);
    etag = String(next.headers.etag);
    current = after;
    // And viewed again, unchanged: 304.
    expect((await read(etag)).statusCode).toBe(304);
  });

  it('serves an indicator detail the same way: 304 when unchanged, the new rows right after a ledger write', async () => {
    const url = `/api/plans/${planId}/indicators/${idOf('maker-spaces')}`;
    const first = await office.request({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    const tag = String(first.headers.etag);
    // No row yet after the deletion above: the indicator has no ledger rows behind it (null).
    const total = (first.json() as { sources: { ledger: { total: number } | null } }).sources.ledger?.total ?? 0;
    expect((await office.request({ method: 'GET', url, headers: { 'if-none-match': tag } })).statusCode).toBe(304);
    await ledgerRowAt(t.db, actor, planId, 'incubators', '市科学技术局', nowIso(), makerSpace('又一众创空间'));
    const next = await office.request({ method: 'GET', url, headers: { 'if-none-match': tag } });
    expect(next.statusCode).toBe(200);
    expect((next.json() as { sources: { ledger: { total: number } | null } }).sources.ledger?.total).toBe(total + 1);
  });
});
