import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER } from '@innocity/shared/api/auth';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import { buildApp } from './app.ts';
import { bootstrap, type Bootstrapped } from './bootstrap.ts';
import { actorWith, jurongPlanId, unitId } from './modules/ledgers/ledger-test-kit.ts';
import { runDeliveries } from './modules/notifications/delivery.service.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  submissionOf,
  type ReportingWorld,
} from './modules/reporting/reporting-test-kit.ts';
import { runReminders } from './modules/reporting/urge.service.ts';
import { startWebhookReceiver, type WebhookReceiver } from './test/webhook-receiver.ts';
import { loginClient, type Client } from './test/test-app.ts';
import { nowIso } from './time.ts';

const PG = Boolean(process.env.TEST_PG_URL);

/** The same signed-in browser (cookie and CSRF token) talking to another instance. */
const on = (app: FastifyInstance, c: Client): Client => ({
  ...c,
  request: (opts) =>
    app.inject({ ...opts, headers: { cookie: c.cookie, [CSRF_HEADER]: c.csrfToken, ...(opts.headers ?? {}) } }),
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('两个实例之间的佐证材料'), Buffer.from('\n%%EOF\n')]);

/**
 * Two app instances on one PostgreSQL database, each with its own connection pool and its own data
 * folder (as two servers behind a load balancer have their own disks), and every request sent to
 * one while the state it needs was made on the other.
 */
describe.skipIf(!PG)('two app instances on one PostgreSQL (TEST_PG_URL unset: skipped)', () => {
  let w: ReportingWorld;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let bBoot: Bootstrapped;
  let bDataDir: string;
  let robot: WebhookReceiver;
  let planId: string;

  beforeAll(async () => {
    w = await createReportingWorld('postgres');
    a = w.t.app;
    bDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-instance-b-'));
    const config = { ...w.t.config, dataDir: bDataDir };
    bBoot = await bootstrap(config);
    b = await buildApp({ config, database: bBoot.database, logger: false });
    planId = await jurongPlanId(w.t.db);
    robot = await startWebhookReceiver();
  });
  afterAll(async () => {
    await b.close();
    await bBoot.database.close();
    await w.t.close();
    await robot.close();
    fs.rmSync(bDataDir, { recursive: true, force: true });
  });

  it('signs in on A and acts on B with the same cookie; signed out on B, the cookie is refused on A', async () => {
    const office = await actorWith(w.t.db, ['office']);
    const onA = await loginClient(a, office.username, office.password);
    const onB = on(b, onA);
    const me = await onB.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain(office.username);
    expect((await onB.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(200);
    expect((await onB.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await onA.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
  });

  it('uploads evidence on A and downloads the same bytes on B (and the reverse)', async () => {
    await createNdrcWorkItem(w);
    const round = await openQ3(w);
    const s = await submissionOf(w.as.ndrcReporter, round.id, await w.unit('市发改委'));
    const boundary = '----two-instances';
    const upload = (c: Client, name: string) =>
      c.request({
        method: 'POST',
        url: `/api/submissions/${s.id}/attachments`,
        payload: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          PDF,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
    const fromA = await upload(w.as.ndrcReporter, '甲实例.pdf');
    expect(fromA.statusCode).toBe(201);
    const gotOnB = await on(b, w.as.ndrcApprover).request({
      method: 'GET',
      url: `/api/attachments/${fromA.json().id}`,
    });
    expect(gotOnB.statusCode).toBe(200);
    expect(gotOnB.rawPayload.equals(PDF)).toBe(true);
    const fromB = await upload(on(b, w.as.ndrcReporter), '乙实例.pdf');
    expect(fromB.statusCode).toBe(201);
    const gotOnA = await w.as.ndrcApprover.request({ method: 'GET', url: `/api/attachments/${fromB.json().id}` });
    expect(gotOnA.rawPayload.equals(PDF)).toBe(true);
  });

  it('saves a ledger row on A and the cockpit indicators on B show it at once (and the reverse)', async () => {
    const office = await actorWith(w.t.db, ['office']);
    const onA = await loginClient(a, office.username, office.password);
    const onB = on(b, onA);
    const makerSpaces = async (c: Client) => {
      const res = await c.request({ method: 'GET', url: `/api/plans/${planId}/indicators` });
      expect(res.statusCode).toBe(200);
      return (res.json() as IndicatorList).items.find((i) => i.code === 'maker-spaces')!.current?.value ?? 0;
    };
    const save = async (c: Client, name: string) => {
      const res = await c.request({
        method: 'POST',
        url: `/api/plans/${planId}/ledgers/incubators/rows`,
        payload: {
          unitId: await unitId(w.t.db, '市科技局'),
          values: { name, kind: '众创空间', level: '国家级', corridor: 'G312', recognisedOn: '2024-05-01', area: 12 },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    // Both instances have read (and so cached) the figure before the write.
    const before = await makerSpaces(onB);
    expect(await makerSpaces(onA)).toBe(before);
    await save(onA, '甲实例新众创空间');
    expect(await makerSpaces(onB)).toBe(before + 1);
    await save(onB, '乙实例新众创空间');
    expect(await makerSpaces(onA)).toBe(before + 2);
  });

  it('a reminder tick on both instances at once sends each reminder once', async () => {
    const res = await w.as.admin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: {
        email: { enabled: false, host: '', port: 25, secure: false, user: '', from: '' },
        webhook: { enabled: true, format: 'wecom', url: robot.url },
      },
    });
    expect(res.statusCode).toBe(200);
    const at = '2025-09-26T01:00:00.000Z'; // a day the Q3 round is overdue
    const [ra, rb] = await Promise.all([runReminders(w.t.db, at), runReminders(bBoot.database.db, at)]);
    expect(ra + rb).toBeGreaterThan(0);
    await Promise.all([runDeliveries(w.t.db, nowIso), runDeliveries(bBoot.database.db, nowIso)]);
    const titles = robot.calls.map(
      (c) => (c.body as { markdown: { content: string } }).markdown.content.split('\n')[0],
    );
    expect(titles.length).toBe(ra + rb);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.some((t) => t?.includes('【逾期】'))).toBe(true);
  });
});
