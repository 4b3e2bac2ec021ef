import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/webhook-receiver.ts';
import { runDeliveries, MAX_ATTEMPTS } from '../notifications/delivery.service.ts';
import { createNdrcWorkItem, createReportingWorld, openQ3, type ReportingWorld } from './reporting-test-kit.ts';
import { runReminders } from './urge.service.ts';

describe.each(TEST_DIALECTS)('reminders, urging and outgoing channels on %s', (dialect) => {
  let w: ReportingWorld;
  let sink: SmtpSink;
  let robot: WebhookReceiver;
  let roundId: string;
  let st: string;

  const bell = async (client: ReportingWorld['as']['stReporter']) =>
    (await client.request({ method: 'GET', url: '/api/notifications' })).json();
  const configure = (url: string, format = 'wecom', secret?: string) =>
    w.as.admin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: {
        email: {
          enabled: true,
          host: '127.0.0.1',
          port: sink.port,
          secure: false,
          user: '',
          password: 'smtp-pass-xyz',
          from: 'innocity@jurong.gov.cn',
        },
        webhook: { enabled: true, format, url, ...(secret ? { secret } : {}) },
      },
    });

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    sink = await startSmtpSink();
    robot = await startWebhookReceiver();
    st = await w.unit('市科技局');
    await createNdrcWorkItem(w);
    roundId = (await openQ3(w)).id;
    expect((await configure(robot.url)).statusCode).toBe(200);
    const contact = await w.as.admin.request({
      method: 'PUT',
      url: `/api/unit-contacts/${st}`,
      payload: { email: 'kjj@jurong.gov.cn' },
    });
    expect(contact.statusCode).toBe(204);
  });
  afterAll(async () => {
    await w.t.close();
    await sink.close();
    await robot.close();
  });

  it('never returns the SMTP password or the robot address, and refuses others than the admin', async () => {
    const res = await w.as.admin.request({ method: 'GET', url: '/api/notification-settings' });
    expect(res.body).not.toContain('smtp-pass-xyz');
    expect(res.body).not.toContain('secret-key-123');
    expect(res.json()).toMatchObject({
      email: { hasPassword: true, port: sink.port },
      webhook: { hasUrl: true, urlHint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
    });
    expect((await w.as.office.request({ method: 'GET', url: '/api/notification-settings' })).statusCode).toBe(403);
  });

  it('reminds owing units before the cut-off once per day, however often it runs', async () => {
    const before = (await bell(w.as.stReporter)).items.length;
    const n1 = await runReminders(w.t.db, '2025-09-23T02:00:00.000Z');
    const n2 = await runReminders(w.t.db, '2025-09-23T09:00:00.000Z');
    expect(n1).toBeGreaterThan(1);
    expect(n2).toBe(0);
    const items = (await bell(w.as.stReporter)).items;
    expect(items.length).toBe(before + 1);
    // Stamped with the scheduler's clock (2025 here), so found by kind rather than by order.
    expect(items.filter((n: { kind: string }) => n.kind === 'reminder')).toEqual([
      expect.objectContaining({ title: expect.stringContaining('【提醒】市科技局') }),
    ]);
    expect(await runReminders(w.t.db, '2025-09-10T02:00:00.000Z')).toBe(0);
  });

  it('reminds on each day overdue', async () => {
    const a = await runReminders(w.t.db, '2025-09-26T01:00:00.000Z');
    const b = await runReminders(w.t.db, '2025-09-26T12:00:00.000Z');
    const c = await runReminders(w.t.db, '2025-09-27T01:00:00.000Z');
    expect(a).toBeGreaterThan(0);
    expect(b).toBe(0);
    expect(c).toBe(a);
    const overdue = (await bell(w.as.stReporter)).items.filter((n: { kind: string }) => n.kind === 'overdue');
    expect(overdue).toHaveLength(2);
    expect(overdue[0].title).toContain('【逾期】');
  });

  it('urges one unit: recorded with who, whom and which duties, in its notifications, by e-mail and robot', async () => {
    sink.mails.length = 0;
    robot.calls.length = 0;
    const res = await w.as.office.request({
      method: 'POST',
      url: '/api/urgings',
      payload: { roundId, unitIds: [st], message: '请于今日下班前报送' },
    });
    expect(res.statusCode).toBe(201);
    const [urging] = res.json().items;
    expect(urging).toMatchObject({ unit: { name: '市科技局' }, byName: '办公室小王', message: '请于今日下班前报送' });
    expect(urging.duties.length).toBeGreaterThan(0);
    const mine = await bell(w.as.stReporter);
    expect(mine.items[0]).toMatchObject({ kind: 'urge', title: '【催办】市科技局：请尽快报送《2025年第三季度》填报' });
    expect(mine.unread).toBeGreaterThan(0);
    const tally = await runDeliveries(w.t.db, new Date().toISOString());
    expect(tally.sent).toBeGreaterThanOrEqual(2);
    const mail = sink.mails.find((m) => m.to.some((t) => t.includes('kjj@jurong.gov.cn')));
    expect(mail).toBeDefined();
    const robotCall = robot.calls.at(-1)!.body as { msgtype: string; markdown: { content: string } };
    expect(robotCall.msgtype).toBe('markdown');
    expect(robotCall.markdown.content).toContain('### 【催办】市科技局');
    const page = (
      await w.as.stReporter.request({ method: 'GET', url: `/api/reporting/units/${st}?planId=${w.planId}` })
    ).json();
    expect(page.urgings[0]).toMatchObject({ byName: '办公室小王', roundTitle: '2025年第三季度' });
  });

  it('urges all late units with one action, and refuses leaders and reporters', async () => {
    const res = await w.as.office.request({ method: 'POST', url: '/api/urgings', payload: { roundId, allLate: true } });
    expect(res.statusCode).toBe(201);
    const names = res.json().items.map((u: { unit: { name: string } }) => u.unit.name);
    expect(names).toEqual(expect.arrayContaining(['市科技局', '市发改委']));
    for (const client of [w.as.leader, w.as.stReporter]) {
      expect(
        (await client.request({ method: 'POST', url: '/api/urgings', payload: { roundId, allLate: true } })).statusCode,
      ).toBe(403);
    }
    const rows = (await w.as.office.request({ method: 'GET', url: `/api/rounds/${roundId}/units` })).json().items;
    expect(rows.find((r: { unit: { id: string } }) => r.unit.id === st)).toMatchObject({
      timeliness: 'missing',
      urgings: 2,
    });
  });

  it('marks notifications read one by one and all at once', async () => {
    const list = await bell(w.as.stReporter);
    const one = await w.as.stReporter.request({ method: 'POST', url: `/api/notifications/${list.items[0].id}/read` });
    expect(one.json().unread).toBe(list.unread - 1);
    expect(
      (await w.as.ndrcReporter.request({ method: 'POST', url: `/api/notifications/${list.items[1].id}/read` }))
        .statusCode,
    ).toBe(404);
    expect((await w.as.stReporter.request({ method: 'POST', url: '/api/notifications/read-all' })).json().unread).toBe(
      0,
    );
  });

  it('retries a failing robot with backoff and finally shows the delivery as failed, never dropping it', async () => {
    robot.mode = 'http-500';
    await runDeliveries(w.t.db, new Date().toISOString());
    await w.as.office.request({ method: 'POST', url: '/api/urgings', payload: { roundId, unitIds: [st] } });
    let now = Date.now() + 1000;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await runDeliveries(w.t.db, new Date(now).toISOString());
      now += 2 * 60 * 60_000;
    }
    const log = (await w.as.office.request({ method: 'GET', url: '/api/deliveries' })).json().items;
    const failed = log.find(
      (d: { channel: string; status: string }) => d.channel === 'webhook' && d.status === 'failed',
    );
    expect(failed).toMatchObject({ attempts: MAX_ATTEMPTS, lastError: '机器人接口返回 HTTP 500' });
    expect(log.some((d: { channel: string; status: string }) => d.channel === 'email' && d.status === 'sent')).toBe(
      true,
    );
  });

  it('treats a robot errcode as a failure and retries it later', async () => {
    robot.mode = 'errcode';
    await w.as.office.request({ method: 'POST', url: '/api/urgings', payload: { roundId, unitIds: [st] } });
    const at = new Date(Date.now() + 24 * 60 * 60_000).toISOString();
    const tally = await runDeliveries(w.t.db, at);
    expect(tally.retrying).toBe(1);
    const row = (await w.as.admin.request({ method: 'GET', url: '/api/deliveries' }))
      .json()
      .items.find((d: { status: string; attempts: number }) => d.status === 'pending' && d.attempts === 1);
    expect(row.lastError).toContain('93000');
    robot.mode = 'ok';
    const later = await runDeliveries(w.t.db, new Date(Date.parse(at) + 2 * 60_000).toISOString());
    expect(later.sent).toBe(1);
  });

  it('signs DingTalk robot calls when a secret is set', async () => {
    expect((await configure(robot.url, 'dingtalk', 'SEC123')).statusCode).toBe(200);
    robot.calls.length = 0;
    await w.as.office.request({ method: 'POST', url: '/api/urgings', payload: { roundId, unitIds: [st] } });
    await runDeliveries(w.t.db, new Date(Date.now() + 48 * 60 * 60_000).toISOString());
    const call = robot.calls.at(-1)!;
    expect(call.query.get('key')).toBe('secret-key-123');
    expect(call.query.get('sign')).toBeTruthy();
    expect((call.body as { markdown: { title: string } }).markdown.title).toContain('【催办】');
  });
});
