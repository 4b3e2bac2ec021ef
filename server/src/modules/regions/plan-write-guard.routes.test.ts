import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { jurongPlanId, unitId } from '../ledgers/ledger-test-kit.ts';
import { runReminders } from '../reporting/urge.service.ts';
import { DEFAULT_PACK, PACKS_DIR, loadPlanPack, readPackFile } from '../plans/plan-pack.service.ts';

/**
 * A digest per table, but the plans (whose status the test moves, which its triggers log in
 * data_version_log) and the sessions (touched by every call).
 */
async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = (await t.db.introspection.getTables())
    .map((x) => x.name)
    .filter((n) => !['plans', 'data_version_log', 'sessions'].includes(n));
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db);
    out[table] = createHash('sha256')
      .update(
        rows
          .map((r) => JSON.stringify(r))
          .sort()
          .join('\n'),
      )
      .digest('hex');
  }
  return out;
}

interface WriteCase {
  name: string;
  /** The write, valid while the plan is open (the test proves it by sending it again then); `n` makes each send new. */
  request: (n: number) => Promise<InjectOptions>;
  /** A read of the same data, which must keep answering on the closed plan. */
  read: string;
}

// Every family of write, sent as the office while the plan is archived between the fence (the
// preHandler that checks the plan's status) and the handler: the window the write guard closes.
describe.each(TEST_DIALECTS)('writes to an archived or withdrawn plan on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let planId: string;
  let kjj: string;
  let title: string;
  let closeNextWrite: string | null = null;

  const setStatus = (status: string) => t.db.updateTable('plans').set({ status }).where('id', '=', planId).execute();
  const statusOf = async () =>
    (await t.db.selectFrom('plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow()).status;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    // Test seam, added after the app's own hooks (so after the fence): closes the plan just before
    // the handler of the next write runs, as the office archiving it at that instant would.
    t.app.addHook('preHandler', async (request) => {
      if (closeNextWrite && request.method !== 'GET') {
        const status = closeNextWrite;
        closeNextWrite = null;
        await setStatus(status);
      }
    });
    office = await t.login((await createUser(t.db, { roles: ['office'] })).username, TEST_PASSWORD);
    planId = await jurongPlanId(t.db);
    kjj = await unitId(t.db, '市科技局');
    title = (await t.db.selectFrom('plans').select('title').where('id', '=', planId).executeTakeFirstOrThrow()).title;
  });
  afterAll(() => t.close());

  const send = async (opts: InjectOptions) => office.request(opts);
  const openSubmission = async (periodId: string) => {
    const round = await send({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, periodId, cutoffDate: '2031-04-25' },
    });
    expect(round.statusCode, round.body).toBe(201);
    const res = await send({ method: 'GET', url: `/api/rounds/${round.json().id}/units/${kjj}/submission` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; version: number; duties: { id: string; kind: string }[] };
  };

  const CASES: WriteCase[] = [
    {
      name: '台账记录',
      request: async (n) => ({
        method: 'POST',
        url: `/api/plans/${planId}/ledgers/high-tech-enterprises/rows`,
        payload: {
          unitId: kjj,
          values: { certificateNo: `GR-GUARD-${n}`, company: `守卫${n}科技有限公司`, certifiedOn: '2024-01-02' },
        },
      }),
      read: '/api/plans/{plan}/ledgers',
    },
    {
      name: '指标目标',
      request: async (n) => ({
        method: 'PUT',
        url: `/api/plans/${planId}/indicators/high-tech-enterprises/target`,
        payload: { value: 300 + n, targetDate: '2025-12-31', reason: '方案修订' },
      }),
      read: '/api/plans/{plan}/indicators',
    },
    {
      name: '填报轮次',
      request: async (n) => ({
        method: 'POST',
        url: '/api/rounds',
        payload: { planId, periodId: `20${40 + n}Q1`, cutoffDate: '2031-04-25' },
      }),
      read: '/api/rounds?planId={plan}',
    },
    {
      name: '填报数据',
      request: async (n) => {
        const s = await openSubmission(`20${60 + n}Q2`);
        const duty = s.duties.find((d) => d.kind === 'progress') ?? s.duties[0]!;
        return {
          method: 'PUT',
          url: `/api/submissions/${s.id}`,
          payload: { version: s.version, entries: [{ dutyId: duty.id, payload: { text: `进展${n}`, percent: 40 } }] },
        };
      },
      read: '/api/plans/{plan}',
    },
    {
      name: '工作事项',
      request: async (n) => ({
        method: 'POST',
        url: '/api/work-items',
        payload: { planId, year: 2025, title: `守卫事项${n}`, leadUnitId: kjj, dueDate: '2025-12-31' },
      }),
      read: '/api/work-items?planId={plan}',
    },
    {
      name: '通报',
      request: async (n) => ({
        method: 'POST',
        url: `/api/plans/${planId}/bulletins`,
        payload: { periodId: `2025Q${n}`, asOf: '2025-10-10' },
      }),
      read: '/api/plans/{plan}/bulletins',
    },
    {
      name: '方案设置',
      request: async (n) => {
        const { wording } = (await send({ method: 'GET', url: `/api/plans/${planId}/settings` })).json();
        return {
          method: 'PUT',
          url: `/api/plans/${planId}/settings`,
          payload: { wording: { ...wording, recipients: `各有关单位（${n}）` } },
        };
      },
      read: '/api/plans/{plan}/settings',
    },
  ];

  it.each(CASES)('$name: refused with 409 naming the plan, nothing stored; reads still answer', async (c) => {
    await setStatus('in_force');
    const write = await c.request(1);
    const before = await fingerprint(t);
    closeNextWrite = 'archived';
    const res = await send(write);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toContain('方案已归档，只读');
    expect(res.json().error.message).toContain(title);
    expect(await statusOf()).toBe('archived');
    expect(await fingerprint(t), `${c.name}: a refused write changed the database`).toEqual(before);
    // Now the fence itself refuses it, and reads go on.
    expect((await send(write)).statusCode).toBe(409);
    const read = await send({ method: 'GET', url: c.read.replace('{plan}', planId) });
    expect(read.statusCode, read.body).toBe(200);
    // The same write lands on the open plan: the 409 was the plan's status, not a bad request.
    await setStatus('in_force');
    const ok = await send(await c.request(2));
    expect(ok.statusCode, ok.body).toBeLessThan(300);
  });

  it('refuses a write to a withdrawn plan the same way, in the window and at the fence', async () => {
    await setStatus('in_force');
    const write = await CASES[0]!.request(3);
    const before = await fingerprint(t);
    closeNextWrite = 'withdrawn';
    const res = await send(write);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toContain('方案已撤回，只读');
    expect((await send(write)).json().error.message).toContain('方案已撤回，只读');
    expect(await fingerprint(t)).toEqual(before);
    await setStatus('in_force');
  });

  it('loading the pack again adds nothing to a closed plan, and goes on (as every start does)', async () => {
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    const withType = (code: string) => ({
      ...pack,
      ledgerTypes: [...pack.ledgerTypes, { ...pack.ledgerTypes[0]!, code, name: `守卫台账${code}` }],
    });
    const ctx = { actor: null, requestId: null, ip: null, now: new Date().toISOString() };
    const types = async () =>
      (await t.db.selectFrom('ledger_types').select('code').where('plan_id', '=', planId).execute()).map((r) => r.code);
    await setStatus('archived');
    expect(await loadPlanPack(t.db, withType('guard-closed'), ctx)).toEqual({ planId, created: false });
    expect(await types()).not.toContain('guard-closed');
    await setStatus('in_force');
    await loadPlanPack(t.db, withType('guard-open'), ctx);
    expect(await types()).toContain('guard-open');
  });

  it('sends no reminder for a round of a closed plan (the scheduler writes under the guard too)', async () => {
    await setStatus('in_force');
    const round = await send({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, periodId: '2029Q1', cutoffDate: '2029-04-25' },
    });
    expect(round.statusCode, round.body).toBe(201);
    // The reminders claimed (each one notifies and mails the unit in the same transaction).
    const reminders = async () =>
      Number(
        (
          await t.db
            .selectFrom('reminder_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await reminders();
    await setStatus('archived');
    await setStatus('archived');
    expect(await runReminders(t.db, '2029-04-26T01:00:00.000Z')).toBe(0);
    expect(await reminders()).toBe(before);
    await setStatus('in_force');
    expect(await runReminders(t.db, '2029-04-26T01:00:00.000Z')).toBeGreaterThan(0);
    expect(await reminders()).toBeGreaterThan(before);
  });

  it('lets the office archive the plan itself (the lifecycle routes take their own lock, not the guard)', async () => {
    await setStatus('in_force');
    const res = await send({ method: 'POST', url: `/api/plans/${planId}/archive` });
    expect(res.statusCode, res.body).toBe(200);
    expect(await statusOf()).toBe('archived');
    expect((await send({ method: 'POST', url: `/api/plans/${planId}/archive` })).statusCode).toBe(409);
  });
});
