import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import type { Actor } from '../users/user.repo.ts';
import { countValidRows, sumField, sumSince } from './ledger-stats.service.ts';
import { createLedgerRow, deleteLedgerRow, updateLedgerRow } from './ledger-row.service.ts';
import { actorWith, at, jurongPlanId, unitId } from './ledger-test-kit.ts';

// Every expected figure below is worked out by hand from the rows and the instants they were
// recorded at. China time is UTC+8: 2023-12-31T16:30Z is already 2024-01-01 in Jurong.
describe.each(TEST_DIALECTS)('ledger statistics on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Actor;
  let kjj: string;
  const ids: Record<string, string> = {};

  const add = async (code: string, key: string, values: Record<string, unknown>, now: string) => {
    const row = await createLedgerRow(t.db, office, planId, code, { unitId: kjj, values }, at(now, office));
    ids[key] = row.id;
  };
  const sorted = (...keys: string[]) => keys.map((k) => ids[k]!).sort();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = await jurongPlanId(t.db);
    office = await actorWith(t.db, ['office']);
    kjj = await unitId(t.db, '市科技局');
    const hte = (no: string, on: string, expires?: string) => ({
      certificateNo: no,
      company: `企业${no}`,
      certifiedOn: on,
      ...(expires ? { expiresOn: expires } : {}),
    });
    await add('high-tech-enterprises', 'A', hte('A', '2021-11-30'), '2022-01-10T01:00:00.000Z');
    await add('high-tech-enterprises', 'B', hte('B', '2022-12-12', '2025-12-11'), '2023-01-05T02:00:00.000Z');
    await add('high-tech-enterprises', 'C', hte('C', '2023-11-06'), '2023-12-31T16:30:00.000Z');
    await add('high-tech-enterprises', 'D', hte('D', '2020-10-01'), '2022-01-10T01:00:00.000Z');
    await add('high-tech-enterprises', 'E', hte('E', '2023-03-01'), '2023-03-05T00:00:00.000Z');
    await deleteLedgerRow(
      t.db,
      office,
      planId,
      'high-tech-enterprises',
      ids.E!,
      at('2024-03-01T03:00:00.000Z', office),
    );
    await updateLedgerRow(
      t.db,
      office,
      planId,
      'high-tech-enterprises',
      ids.A!,
      { values: hte('A', '2021-11-30', '2024-06-30') },
      at('2024-02-01T00:00:00.000Z', office),
    );

    const inc = (
      name: string,
      kind: string,
      level: string,
      area: number,
      firms: number,
      corridor: string,
      on: string,
      more: Record<string, unknown> = {},
    ) => ({
      name,
      kind,
      level,
      area,
      incubatedFirms: firms,
      corridor,
      recognisedOn: on,
      ...more,
    });
    await add(
      'incubators',
      'I1',
      inc('一号', '孵化器', '省级', 1.5, 40, 'G312', '2021-06-01', { professional: true }),
      '2022-01-01T00:00:00.000Z',
    );
    await add(
      'incubators',
      'I2',
      inc('二号', '众创空间', '国家级', 0.3, 25, 'S122', '2022-05-01', { professional: false }),
      '2022-06-01T00:00:00.000Z',
    );
    await add(
      'incubators',
      'I3',
      inc('三号', '孵化器', '市级', 2.25, 10, '其他', '2023-02-01', { revokedOn: '2024-01-31' }),
      '2023-02-10T00:00:00.000Z',
    );

    const fund = (doc: string, amount: number, on: string) => ({
      documentNo: doc,
      programme: '科技项目',
      recipient: '某企业',
      source: '句容市级',
      amount,
      fundedOn: on,
    });
    await add('sci-tech-funding', 'F1', fund('F1', 120.5, '2022-03-01'), '2022-03-10T00:00:00.000Z');
    await add('sci-tech-funding', 'F2', fund('F2', 80.25, '2023-01-01'), '2023-01-10T00:00:00.000Z');
    await add('sci-tech-funding', 'F3', fund('F3', 0.1, '2023-06-30'), '2023-07-15T00:00:00.000Z');
    await add('sci-tech-funding', 'F4', fund('F4', 0.2, '2023-07-01'), '2023-07-02T00:00:00.000Z');
  });
  afterAll(() => t.close());

  it.each([
    ['2022-12-31', ['A', 'D']],
    ['2023-12-31', ['A', 'B', 'E']],
    ['2024-01-01', ['A', 'B', 'C', 'E']],
    ['2024-06-30', ['A', 'B', 'C']],
    ['2024-07-01', ['B', 'C']],
  ])('counts high-tech certificates valid and known on %s', async (asOf, expected) => {
    const stat = await countValidRows(t.db, planId, 'high-tech-enterprises', asOf);
    expect(stat).toEqual({ value: expected.length, rowIds: sorted(...expected) });
  });

  it('counts a row as it was recorded then, not as it was later corrected', async () => {
    // A's first version ran to 2024-11-29 (three years); the correction on 2024-02-01 ended it on 2024-06-30.
    expect((await countValidRows(t.db, planId, 'high-tech-enterprises', '2024-01-31')).rowIds).toContain(ids.A);
    expect((await countValidRows(t.db, planId, 'high-tech-enterprises', '2024-08-01')).rowIds).not.toContain(ids.A);
  });

  it('filters on enum, boolean and integer fields and sums a decimal field exactly', async () => {
    const asOf = '2023-12-31';
    expect((await countValidRows(t.db, planId, 'incubators', asOf)).value).toBe(3);
    expect(await sumField(t.db, planId, 'incubators', 'area', asOf, { kind: '孵化器' })).toEqual({
      value: 3.75,
      rowIds: sorted('I1', 'I3'),
    });
    expect((await sumField(t.db, planId, 'incubators', 'area', asOf)).value).toBe(4.05);
    expect((await sumField(t.db, planId, 'incubators', 'incubatedFirms', asOf)).value).toBe(75);
    expect(
      (await countValidRows(t.db, planId, 'incubators', asOf, { kind: '众创空间', level: ['国家级', '省级'] })).rowIds,
    ).toEqual([ids.I2]);
    expect((await countValidRows(t.db, planId, 'incubators', asOf, { professional: 'true' })).rowIds).toEqual([ids.I1]);
    expect((await countValidRows(t.db, planId, 'incubators', asOf, { professional: '否' })).rowIds).toEqual([ids.I2]);
    expect((await countValidRows(t.db, planId, 'incubators', asOf, { incubatedFirms: '40' })).rowIds).toEqual([ids.I1]);
    expect((await countValidRows(t.db, planId, 'incubators', asOf, { level: [] })).value).toBe(0);
  });

  it('drops a revoked incubator after its revocation date', async () => {
    expect(await sumField(t.db, planId, 'incubators', 'area', '2024-06-30')).toEqual({
      value: 1.8,
      rowIds: sorted('I1', 'I2'),
    });
    expect((await countValidRows(t.db, planId, 'incubators', '2024-01-31')).value).toBe(3);
  });

  it('sums dated flows within [since, asOf] as known on asOf', async () => {
    expect(await sumSince(t.db, planId, 'sci-tech-funding', 'amount', '2022-01-01', '2023-06-30')).toEqual({
      value: 200.75,
      rowIds: sorted('F1', 'F2'),
    });
    expect((await sumSince(t.db, planId, 'sci-tech-funding', 'amount', '2022-01-01', '2023-12-31')).value).toBe(201.05);
    expect((await sumSince(t.db, planId, 'sci-tech-funding', 'amount', '2023-06-01', '2023-12-31')).value).toBe(0.3);
    expect(await sumSince(t.db, planId, 'sci-tech-funding', null, '2023-01-01', '2023-12-31')).toEqual({
      value: 3,
      rowIds: sorted('F2', 'F3', 'F4'),
    });
    // F4 is dated 2023-07-01 but was recorded the day after: unknown on the 1st, known on the 2nd.
    expect((await sumSince(t.db, planId, 'sci-tech-funding', null, '2023-07-01', '2023-07-01')).rowIds).toEqual([]);
    expect((await sumSince(t.db, planId, 'sci-tech-funding', null, '2023-07-01', '2023-07-02')).rowIds).toEqual([
      ids.F4,
    ]);
  });

  it('counts what was valid on a date as known by a later day when asked', async () => {
    // C was certified before 2023-12-31 but recorded on 2024-01-01 (China time).
    const known = await countValidRows(t.db, planId, 'high-tech-enterprises', '2023-12-31', undefined, {
      knownBy: '2024-01-01',
    });
    expect(known.rowIds).toEqual(sorted('A', 'B', 'C', 'E'));
    await expect(
      countValidRows(t.db, planId, 'high-tech-enterprises', '2023-12-31', undefined, { knownBy: '2023-12-30' }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('accepts the plan code in place of its id', async () => {
    expect((await countValidRows(t.db, 'jurong-2022-79', 'high-tech-enterprises', '2024-07-01')).value).toBe(2);
  });

  it('refuses an unknown type, an unknown or non-numeric field and a malformed date in Chinese', async () => {
    await expect(countValidRows(t.db, planId, 'nope', '2024-01-01')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await expect(countValidRows(t.db, planId, 'incubators', '2024-01-01', { colour: 'red' })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('没有字段 colour'),
    });
    await expect(sumField(t.db, planId, 'incubators', 'name', '2024-01-01')).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('没有数值字段 name'),
    });
    await expect(countValidRows(t.db, planId, 'incubators', '2024-02-30')).rejects.toMatchObject({ status: 400 });
    await expect(sumSince(t.db, planId, 'sci-tech-funding', null, '2024-01-02', '2024-01-01')).rejects.toMatchObject({
      status: 400,
    });
  });
});
