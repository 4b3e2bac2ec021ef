import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type Bootstrapped } from './bootstrap.ts';
import { runDeliveries } from './modules/notifications/delivery.service.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from './modules/reporting/reporting-test-kit.ts';
import { runReminders } from './modules/reporting/urge.service.ts';
import { startWebhookReceiver, type WebhookReceiver } from './test/webhook-receiver.ts';
import { nowIso } from './time.ts';

const PG = Boolean(process.env.TEST_PG_URL);

/**
 * Two instances' schedulers on one PostgreSQL database, each with its own connection pool, ticking
 * at the same moment. The requests alternating between two instances are checked with two real
 * server processes (two-processes.test.ts); here the ticks are called directly so they meet.
 */
describe.skipIf(!PG)('two instances’ schedulers on one PostgreSQL (TEST_PG_URL unset: skipped)', () => {
  let w: ReportingWorld;
  let bBoot: Bootstrapped;
  let bDataDir: string;
  let robot: WebhookReceiver;

  beforeAll(async () => {
    w = await createReportingWorld('postgres');
    // The second instance's start on the same database: its own pool and data folder.
    bDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-instance-b-'));
    bBoot = await bootstrap({ ...w.t.config, dataDir: bDataDir });
    await createNdrcWorkItem(w);
    await openQ3(w);
    robot = await startWebhookReceiver();
  });
  afterAll(async () => {
    await bBoot.database.close();
    await w.t.close();
    await robot.close();
    fs.rmSync(bDataDir, { recursive: true, force: true });
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
