import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../test/factories.ts';
import { actorWith, jurongPlanId, unitId } from '../modules/ledgers/ledger-test-kit.ts';
import { writingToPlans } from '../modules/regions/plan-write-guard.ts';

const ARCHIVED = /方案已归档，只读/;

// Archiving a plan while writes to it are in flight: every write is either wholly in before the
// archive or refused after it (409), never a row landing on an archived plan, never a 500.
describe.each(TEST_DIALECTS)('archiving a plan under concurrent writes on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let planId: string;
  let indicatorId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    office = await t.login((await createUser(t.db, { roles: ['office'] })).username, TEST_PASSWORD);
    planId = await jurongPlanId(t.db);
    indicatorId = (
      await t.db.selectFrom('indicators').select('id').where('plan_id', '=', planId).executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());
  // Each case starts from the plan in force (Jurong's is past its target year: the office may archive it).
  beforeEach(async () => {
    await t.db.updateTable('plans').set({ status: 'in_force' }).where('id', '=', planId).execute();
  });

  const targetValue = async () =>
    (await t.db.selectFrom('indicators').select('target_value').where('id', '=', indicatorId).executeTakeFirstOrThrow())
      .target_value;
  const setTarget = (db: typeof t.db, value: number) =>
    db.updateTable('indicators').set({ target_value: value }).where('id', '=', indicatorId).execute();
  const archive = () => office.request({ method: 'POST', url: `/api/plans/${planId}/archive` });
  /** Resolves once some session of this test's database waits for a lock (the archive, or a write). */
  const someoneWaitsForALock = async () => {
    for (let i = 0; i < 500; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
      if (rows[0]!.n > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('nobody waited for a lock');
  };

  it.runIf(dialect === 'postgres')(
    'a write transaction open when the office archives: the archive waits for it, and the write is in',
    async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const held = writingToPlans([planId], () =>
        t.db.transaction().execute(async (trx) => {
          await setTarget(trx, 777);
          entered();
          await gate;
        }),
      );
      await inside;
      let archived = false;
      const archiving = archive().then((res) => ((archived = true), res));
      await someoneWaitsForALock();
      expect(archived, 'the archive must wait for the write that passed the check').toBe(false);
      release();
      await held;
      const res = await archiving;
      expect(res.statusCode, res.body).toBe(200);
      expect(await targetValue()).toBe(777);
      // Any later write to the plan is refused.
      await expect(
        writingToPlans([planId], () => t.db.transaction().execute((trx) => setTarget(trx, 778))),
      ).rejects.toThrow(ARCHIVED);
      expect(await targetValue()).toBe(777);
    },
  );

  it.runIf(dialect === 'postgres')(
    'a write that starts while the archive holds the plan waits for it, then reads the new status and is refused',
    async () => {
      await setTarget(t.db, 500);
      // The archive's own steps (plan.service.ts), held open: lock the row, change the status.
      const trx = await t.db.startTransaction().execute();
      await sql`select id from plans where id = ${planId} for update`.execute(trx);
      await trx.updateTable('plans').set({ status: 'archived' }).where('id', '=', planId).execute();
      let settled = false;
      const write = writingToPlans([planId], () => t.db.transaction().execute((w) => setTarget(w, 501))).finally(
        () => (settled = true),
      );
      write.catch(() => undefined);
      await someoneWaitsForALock();
      expect(settled, 'the write must wait for the archive').toBe(false);
      await trx.commit().execute();
      await expect(write).rejects.toThrow(ARCHIVED);
      expect(await targetValue()).toBe(500);
    },
  );

  it('checks a write made outside any transaction the same way', async () => {
    await writingToPlans([planId], () => setTarget(t.db, 600));
    expect(await targetValue()).toBe(600);
    await t.db.updateTable('plans').set({ status: 'archived' }).where('id', '=', planId).execute();
    await expect(writingToPlans([planId], () => setTarget(t.db, 601))).rejects.toThrow(ARCHIVED);
    expect(await targetValue()).toBe(600);
    // Reads under the guard are not writes: they go on.
    expect(await writingToPlans([planId], () => targetValue())).toBe(600);
  });

  it('50 ledger writes and the archive at once: nothing lands after the archive answers, no 500', async () => {
    const kjj = await unitId(t.db, '市科技局');
    const clerks: Client[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await actorWith(t.db, ['reporter'], ['市科技局']);
      clerks.push(await t.login(a.username, a.password));
    }
    const rows = async () =>
      Number(
        (
          await t.db
            .selectFrom('ledger_rows')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('plan_id', '=', planId)
            .where('natural_key', 'like', '%GR-ARCH-%')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const write = (i: number) =>
      clerks[i % clerks.length]!.request({
        method: 'POST',
        url: `/api/plans/${planId}/ledgers/high-tech-enterprises/rows`,
        payload: {
          unitId: kjj,
          values: { certificateNo: `GR-ARCH-${i}`, company: `归档竞速${i}科技有限公司`, certifiedOn: '2024-01-02' },
        },
      });
    // The archive fires amid the writes (25 sent before it, 25 after); the count of rows is taken
    // the moment it answers.
    const first = Array.from({ length: 25 }, (_, i) => write(i));
    const archiving = archive().then(async (res) => ({ res, atArchive: await rows() }));
    const writes = [...first, ...Array.from({ length: 25 }, (_, i) => write(25 + i))];
    const { res, atArchive } = await archiving;
    const responses = await Promise.all(writes);
    expect(res.statusCode, res.body).toBe(200);

    const statuses = responses.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s !== 201 && s !== 409),
      JSON.stringify(statuses),
    ).toEqual([]);
    for (const r of responses.filter((x) => x.statusCode === 409)) expect(r.json().error.message).toMatch(ARCHIVED);
    const created = statuses.filter((s) => s === 201).length;
    expect(await rows(), 'rows written after the archive answered').toBe(atArchive);
    expect(await rows()).toBe(created);
    // Each row in is audited, and the archive's audit row is the last word on the plan.
    const audits = await t.db
      .selectFrom('audit_logs')
      .select(['action', 'id'])
      .where('plan_id', '=', planId)
      .where('action', 'in', ['create', 'archive'])
      .where((eb) => eb.or([eb('entity_type', '=', 'ledger_row'), eb('action', '=', 'archive')]))
      .orderBy('id')
      .execute();
    expect(audits.filter((a) => a.action === 'create')).toHaveLength(created);
    expect(audits.at(-1)?.action).toBe('archive');
  });
});
