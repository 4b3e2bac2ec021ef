import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../test/databases.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../test/webhook-receiver.ts';
import { runDeliveries } from '../modules/notifications/delivery.service.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../modules/reporting/reporting-test-kit.ts';
import { runReminders } from '../modules/reporting/urge.service.ts';

// Several server instances run the scheduler against one database: a reminder slot is taken
// once and each delivery is sent once, however many run at the same instant.
describe.each(TEST_DIALECTS)('schedulers racing on %s', (dialect) => {
  let w: ReportingWorld;
  let robot: WebhookReceiver;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    robot = await startWebhookReceiver();
    await createNdrcWorkItem(w);
    await openQ3(w);
    const res = await w.as.admin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: {
        email: { enabled: false, host: '', port: 25, secure: false, user: '', password: '', from: '' },
        webhook: { enabled: true, format: 'wecom', url: robot.url },
      },
    });
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await w.t.close();
    await robot.close();
  });

  it('sends each day’s reminder once when 50 schedulers run together, and each robot message once', async () => {
    const at = '2025-09-23T02:00:00.000Z';
    const counts = await Promise.all(Array.from({ length: 50 }, () => runReminders(w.t.db, at)));
    const slots = await w.t.db.selectFrom('reminder_log').select(['unit_id', 'day', 'kind']).execute();
    expect(slots.length).toBeGreaterThan(1);
    // Every slot was claimed by exactly one run: the runs' counts add up to the slots.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(slots.length);
    const reminders = await w.t.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'reminder')
      .execute();
    const keys = reminders.map((r) => `${r.user_id}|${r.title}`);
    expect(new Set(keys).size).toBe(keys.length);

    const queued = await w.t.db.selectFrom('deliveries').select('id').where('status', '=', 'pending').execute();
    expect(queued.length).toBeGreaterThan(0);
    const tallies = await Promise.all(
      Array.from({ length: 50 }, () => runDeliveries(w.t.db, new Date(Date.parse(at) + 60_000).toISOString())),
    );
    expect(tallies.reduce((a, t) => a + t.sent, 0)).toBe(queued.length);
    // E-mail is off, so every queued delivery is a robot message: the robot heard each exactly once.
    expect(robot.calls).toHaveLength(queued.length);
    const after = await w.t.db.selectFrom('deliveries').select(['status']).execute();
    expect(after.every((d) => d.status === 'sent')).toBe(true);
  });
});
