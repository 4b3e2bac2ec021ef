import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createLedgerRow, deleteLedgerRow, updateLedgerRow } from '../ledgers/ledger-row.service.ts';
import { actorWith, at, jurongPlanId, unitId } from '../ledgers/ledger-test-kit.ts';
import type { Actor } from '../users/user.repo.ts';
import { aggregatePlanLedgers } from './ledger-aggregate.ts';
import { readerHooks } from './ledger-aggregate.readers.ts';
import { loadPlanLedgers } from './ledger-load.ts';
import type { LedgerContext, LedgerDefinition } from './ledger-observe.ts';

// The database's counts and sums against the row path on rows made to hit the edge cases: rows
// recorded around midnight China time (the recording cutoff of each as-of date), a row corrected
// and one deleted later, rows without the summed field, and numbers stored the way an old import
// or a hand edit could leave them (a numeric text, an exponent, blank, not a number).

const ZONE = 'Asia/Shanghai';
const DEFINITIONS: LedgerDefinition[] = [
  { kind: 'ledger_count', ledger: 'incubators' },
  { kind: 'ledger_count', ledger: 'incubators', filter: { kind: '孵化器' } },
  { kind: 'ledger_count', ledger: 'incubators', filter: { kind: '众创空间', level: ['国家级', '省级'] } },
  { kind: 'ledger_count', ledger: 'incubators', filter: { professional: 'true' } },
  { kind: 'ledger_sum', ledger: 'incubators', field: 'area' },
  { kind: 'ledger_sum', ledger: 'incubators', field: 'area', filter: { kind: '孵化器' } },
  { kind: 'ledger_sum', ledger: 'incubators', field: 'incubatedFirms' },
  { kind: 'cumulative_flow', ledger: 'sci-tech-funding', field: 'amount' },
  { kind: 'cumulative_flow', ledger: 'sci-tech-funding', since: '2023-01-01' },
  { kind: 'ledger_count', ledger: 'high-tech-enterprises' },
  { kind: 'ledger_count', ledger: 'tech-smes' },
] as LedgerDefinition[];
const AS_OF = ['2022-12-31', '2023-06-30', '2023-07-01', '2023-12-31', '2024-01-01', '2024-06-30', '2025-06-30'];

describe.each(TEST_DIALECTS)('ledger statistics counted by the database on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Actor;
  let kjj: string;
  const ids: Record<string, string> = {};

  const add = async (code: string, key: string, values: Record<string, unknown>, now: string) => {
    const row = await createLedgerRow(t.db, office, planId, code, { unitId: kjj, values }, at(now, office));
    ids[key] = row.id;
  };
  /** Overwrites one field of a row's current version in place, JSON as given (bypassing validation). */
  const storeRaw = async (key: string, field: string, json: string | null) => {
    const path = `$.${field}`;
    const pg = dialect === 'postgres';
    const set = pg
      ? json === null
        ? sql`data = data - ${field}`
        : sql`data = jsonb_set(data, ${`{${field}}`}::text[], ${json}::jsonb)`
      : json === null
        ? sql`data = json_remove(data, ${path})`
        : sql`data = json_set(data, ${path}, json(${json}))`;
    await sql`UPDATE ledger_rows SET ${set} WHERE row_id = ${ids[key]!} AND deleted_at IS NULL`.execute(t.db);
  };

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
    // Recorded at 00:30 on 2024-01-01 China time: unknown as of 2023-12-31, known as of 2024-01-01.
    await add('high-tech-enterprises', 'C', hte('C', '2023-11-06'), '2023-12-31T16:30:00.000Z');
    await add('high-tech-enterprises', 'E', hte('E', '2023-03-01'), '2023-03-05T00:00:00.000Z');
    // Exactly at a cutoff (the end of 2022-12-31 / 2023-06-30 China time): G is not yet known as of
    // 2022-12-31; H, deleted at that instant, still counts as of 2023-06-30.
    await add('high-tech-enterprises', 'G', hte('G', '2022-10-01'), '2022-12-31T16:00:00.000Z');
    await add('high-tech-enterprises', 'H', hte('H', '2022-10-01'), '2022-11-01T00:00:00.000Z');
    await deleteLedgerRow(
      t.db,
      office,
      planId,
      'high-tech-enterprises',
      ids.H!,
      at('2023-06-30T16:00:00.000Z', office),
    );
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
    const inc = (name: string, kind: string, level: string, area: number, firms: number, on: string, more = {}) => ({
      name,
      kind,
      level,
      area,
      incubatedFirms: firms,
      corridor: '其他',
      recognisedOn: on,
      ...more,
    });
    await add(
      'incubators',
      'I1',
      inc('一号', '孵化器', '省级', 1.5, 40, '2021-06-01', { professional: true }),
      '2022-01-01T00:00:00.000Z',
    );
    await add(
      'incubators',
      'I2',
      inc('二号', '众创空间', '国家级', 0.3, 25, '2022-05-01', { professional: false }),
      '2022-06-01T00:00:00.000Z',
    );
    await add(
      'incubators',
      'I3',
      inc('三号', '孵化器', '市级', 2.25, 10, '2023-02-01', { revokedOn: '2024-01-31' }),
      '2023-02-10T00:00:00.000Z',
    );
    for (const [key, area] of [
      ['I4', 1],
      ['I5', 1],
      ['I6', 1],
      ['I7', 1],
      ['I8', 1],
      ['I9', 0.125],
    ] as const)
      await add('incubators', key, inc(key, '孵化器', '省级', area, 1, '2022-03-01'), '2022-03-02T00:00:00.000Z');
    // Numbers as something other than a plain JSON number: the row path parses their text.
    await storeRaw('I4', 'area', '"2.50"');
    await storeRaw('I5', 'area', '"1e1"');
    await storeRaw('I6', 'area', '""');
    await storeRaw('I7', 'area', '"abc"');
    await storeRaw('I8', 'area', null);
    // Registered for one year: valid from its first to its last day (validity ends on a series date).
    for (const [key, year] of [
      ['S1', 2021],
      ['S2', 2021],
      ['S3', 2022],
    ] as const)
      await add(
        'tech-smes',
        key,
        { registrationNo: `${year}32118300${key}`, company: `企业${key}`, town: '华阳街道', year },
        `${year}-04-01T00:00:00.000Z`,
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
    await add('sci-tech-funding', 'F4', fund('F4', 0.2, '2023-07-01'), '2023-06-30T16:10:00.000Z');
  }, 120_000);
  afterAll(() => t?.close());

  // SQLite: also with the grouped query in a reader thread (forced for one plan; a view's batch of 20+ takes it).
  const paths = dialect === 'sqlite' ? (['main', 'readers'] as const) : (['main'] as const);
  it.each(AS_OF.flatMap((asOf) => paths.map((p) => [asOf, p] as const)))(
    'gives the row path’s value and count for every statistic and series date as of %s (%s)',
    async (asOf, path) => {
      const uses = DEFINITIONS.map((d) => ({ d, evalDate: asOf }));
      const opts = { asOf, timeZone: ZONE, versionsRead: new Map<string, string>() };
      readerHooks.minPlans = path === 'readers' ? 1 : 20;
      const [inSql, byRows] = await Promise.all([
        aggregatePlanLedgers(t.db, new Map([[planId, { baselineYear: 2021, uses }]]), opts),
        loadPlanLedgers(t.db, new Map([[planId, DEFINITIONS]]), opts),
      ]).finally(() => (readerHooks.minPlans = 20));
      // The reader thread read the plan's data version with its rows; the main path reads none.
      expect(opts.versionsRead.has(planId)).toBe(path === 'readers');
      const c = { baselineYear: 2021, evalDate: asOf } as LedgerContext;
      let counted = 0;
      for (const d of DEFINITIONS) {
        const spec =
          d.kind === 'ledger_count'
            ? ({ kind: 'count' } as const)
            : d.kind === 'ledger_sum'
              ? ({ kind: 'sum', field: d.field } as const)
              : ({ kind: 'since', field: d.field ?? null, since: d.since ?? '2022-01-01' } as const);
        const dates = ['2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31', asOf].filter((x) => x <= asOf);
        const got = await inSql.get(planId)!.stats(d, c)(spec, dates, d.filter);
        const want = await byRows.get(planId)!.stats(d, c)(spec, dates, d.filter);
        expect(
          got.map((s) => ({ value: s.value, count: s.count })),
          JSON.stringify(d),
        ).toEqual(want.map((s) => ({ value: s.value, count: s.rowIds.length })));
        counted += want.reduce((acc, s) => acc + s.rowIds.length, 0);
      }
      expect(counted).toBeGreaterThan(0);
    },
  );

  it('reads a numeric text, an exponent and skips blank, non-numbers and missing fields as the row path does', async () => {
    const opts = { asOf: '2023-12-31', timeZone: ZONE };
    const d = DEFINITIONS[5]!; // area of 孵化器
    const uses = [{ d, evalDate: opts.asOf }];
    const stats = (await aggregatePlanLedgers(t.db, new Map([[planId, { baselineYear: 2021, uses }]]), opts)).get(
      planId,
    )!;
    const [s] = await stats.stats(d, { baselineYear: 2021, evalDate: opts.asOf } as LedgerContext)(
      { kind: 'sum', field: 'area' },
      ['2023-12-31'],
      d.filter,
    );
    // I1 1.5 + I3 2.25 + I4 "2.50" + I5 "1e1" + I9 0.125; I6 blank, I7 "abc", I8 without area not counted.
    expect(s).toMatchObject({ value: 16.375, count: 5 });
  });

  it('gives the same figures inside a caller’s transaction, and leaves no setting behind on the pool', async () => {
    const opts = { asOf: '2024-06-30', timeZone: ZONE };
    // A batch the size of a province view's (the memory setting is for batches of 20 plans and
    // more): this plan and 24 ids of plans without ledgers.
    const planUses = { baselineYear: 2021, uses: DEFINITIONS.map((d) => ({ d, evalDate: opts.asOf })) };
    const others = Array.from({ length: 24 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const uses = new Map([planId, ...others].map((id) => [id, planUses]));
    const c = { baselineYear: 2021, evalDate: opts.asOf } as LedgerContext;
    const figures = async (db: typeof t.db) => {
      const stats = (await aggregatePlanLedgers(db, uses, opts)).get(planId)!;
      const out = [];
      for (const d of DEFINITIONS)
        out.push(await stats.stats(d, c)({ kind: 'count' }, ['2023-12-31', opts.asOf], d.filter));
      return out;
    };
    const before = dialect === 'postgres' ? (await sql<{ w: string }>`SHOW work_mem`.execute(t.db)).rows : [];
    const alone = await figures(t.db);
    const inside = await t.db.transaction().execute((trx) => figures(trx));
    expect(inside).toEqual(alone);
    expect(alone.flat().some((s) => s.value > 0)).toBe(true);
    // PostgreSQL: the grouped query raises work_mem with SET LOCAL, for its own transaction only.
    if (dialect === 'postgres')
      for (let i = 0; i < 4; i += 1)
        expect((await sql<{ w: string }>`SHOW work_mem`.execute(t.db)).rows).toEqual(before);
  });
});
