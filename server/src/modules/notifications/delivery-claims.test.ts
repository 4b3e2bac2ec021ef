import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/connection.ts';
import { nowIso } from '../../time.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../reporting/reporting-test-kit.ts';
import { runReminders } from '../reporting/urge.service.ts';
import { runDeliveries } from './delivery.service.ts';

const PG = Boolean(process.env.TEST_PG_URL);

/** A robot endpoint that answers slowly (and, when told, only after `hold` resolves): each message's subject line is recorded. */
async function slowRobot() {
  const robot = {
    url: '',
    got: [] as string[],
    hold: null as null | (() => Promise<void>),
    close: async () => undefined as void,
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', async () => {
      const content = (JSON.parse(body) as { markdown: { content: string } }).markdown.content;
      robot.got.push(content.split('\n')[0]!);
      const hold = robot.hold;
      robot.hold = null;
      await (hold ? hold() : new Promise((r) => setTimeout(r, 15)));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  robot.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/robot`;
  robot.close = () => new Promise((resolve) => server.close(() => resolve()));
  return robot;
}

const counts = (xs: string[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});

describe.skipIf(!PG)('two schedulers on one PostgreSQL (TEST_PG_URL unset: skipped)', () => {
  let w: ReportingWorld;
  let robot: Awaited<ReturnType<typeof slowRobot>>;
  let other: DbHandle;
  const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  async function queue(n: number, at: string, tag: string) {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      region_id: null,
      channel: 'webhook',
      target: 'robot',
      subject: `${tag}-${i}`,
      body: '正文',
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      sent_at: null,
      created_at: at,
      updated_at: at,
    }));
    await w.t.db.insertInto('deliveries').values(rows).execute();
    return rows.map((r) => `### ${r.subject}`);
  }

  beforeAll(async () => {
    w = await createReportingWorld('postgres');
    robot = await slowRobot();
    // The second instance: its own connection pool on the same database.
    other = await openDatabase(w.t.config.database);
    const res = await w.as.admin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: {
        email: { enabled: false, host: '', port: 25, secure: false, user: '', from: '' },
        webhook: { enabled: true, format: 'wecom', url: robot.url },
      },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await other.close();
    await w.t.close();
    await robot.close();
  });

  it('sends each of 60 queued messages exactly once when two instances tick at once against a slow gateway', async () => {
    const expected = await queue(60, nowIso(), 'batch');
    robot.got.length = 0;
    const [a, b] = await Promise.all([runDeliveries(w.t.db, nowIso), runDeliveries(other.db, nowIso)]);
    expect(counts(robot.got)).toEqual(Object.fromEntries(expected.map((s) => [s, 1])));
    expect(a.sent + b.sent).toBe(60);
    // Both took part: SKIP LOCKED let the second claim rows the first had not, instead of waiting.
    expect(a.sent).toBeGreaterThan(0);
    expect(b.sent).toBeGreaterThan(0);
  });

  it('a lease that runs out while earlier rows of the batch are sent is lost, not used: the other instance sends those, once', async () => {
    const t0 = '2030-01-01T00:00:00.000Z';
    const expected = await queue(10, t0, 'lease');
    robot.got.length = 0;
    // Instance A claims the ten at t0; by its first send six minutes have passed (slow sends before):
    // the batch's leases (t0 + 5 min) have run out. While A's first message is on the wire, instance B
    // ticks at t0 + 6 min and takes the nine A has not renewed.
    const late = plus(t0, 6 * 60_000);
    let calls = 0;
    const clockA = () => (calls++ === 0 ? t0 : late);
    let bTally: Awaited<ReturnType<typeof runDeliveries>> | undefined;
    robot.hold = async () => {
      bTally = await runDeliveries(other.db, late);
    };
    const aTally = await runDeliveries(w.t.db, clockA);
    expect(aTally.sent).toBe(1);
    expect(bTally?.sent).toBe(9);
    expect(counts(robot.got)).toEqual(Object.fromEntries(expected.map((s) => [s, 1])));
    const rows = await w.t.db
      .selectFrom('deliveries')
      .select(['status', 'attempts'])
      .where('subject', 'like', 'lease-%')
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('reminders: two instances running the reminder tick at the same instant queue each reminder once, and it arrives once', async () => {
    await createNdrcWorkItem(w);
    await openQ3(w);
    robot.got.length = 0;
    const at = '2025-09-26T01:00:00.000Z'; // overdue day of the Q3 round
    const [a, b] = await Promise.all([runReminders(w.t.db, at), runReminders(other.db, at)]);
    expect(a + b).toBeGreaterThan(0);
    const reminders = await w.t.db.selectFrom('deliveries').select('subject').where('created_at', '=', at).execute();
    expect(reminders).toHaveLength(a + b);
    expect(new Set(reminders.map((r) => r.subject)).size).toBe(reminders.length);
    await Promise.all([runDeliveries(w.t.db, nowIso), runDeliveries(other.db, nowIso)]);
    const got = counts(robot.got);
    expect(Object.keys(got)).toHaveLength(reminders.length);
    expect(Object.values(got).every((n) => n === 1)).toBe(true);
  });
});
