import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delivery } from '@innocity/shared/api/notifications';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { startSmsGateway, type SmsGateway } from '../../test/sms-gateway.ts';
import { startSmtpSink, type SmtpSink } from '../../test/smtp-sink.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../reporting/reporting-test-kit.ts';
import { runDeliveries } from './delivery.service.ts';
import { runDigests } from './digest.service.ts';

const TZ = 'Asia/Shanghai';

describe.each(TEST_DIALECTS)('SMS gateway and daily digest on %s', (dialect) => {
  let w: ReportingWorld;
  let gw: SmsGateway;
  let sink: SmtpSink;
  let roundId: string;
  let st: string;

  const settings = (o: { emailDigest?: boolean; sms?: Record<string, unknown> }) =>
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
          from: 'innocity@county.gov.cn',
          ...(o.emailDigest === undefined ? {} : { digest: o.emailDigest }),
        },
        webhook: { enabled: false, format: 'wecom' },
        ...(o.sms ? { sms: o.sms } : {}),
      },
    });
  const sms = (extra: Record<string, unknown> = {}) => ({
    enabled: true,
    url: gw.url,
    token: 'tok-secret-77',
    bodyFormat: 'json',
    phoneField: 'mobile',
    textField: 'content',
    signName: '科创办',
    ...extra,
  });
  const urge = () =>
    w.as.office.request({
      method: 'POST',
      url: '/api/urgings',
      payload: { roundId, unitIds: [st], message: '请报送' },
    });
  const log = async () =>
    (await w.as.admin.request({ method: 'GET', url: '/api/deliveries' })).json().items as Delivery[];

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    gw = await startSmsGateway();
    sink = await startSmtpSink();
    st = await w.unit('市科技局');
    await createNdrcWorkItem(w);
    roundId = (await openQ3(w)).id;
  });
  afterAll(async () => {
    await w.t.close();
    await gw.close();
    await sink.close();
  });

  it('keeps a unit mobile number beside its e-mail, and refuses a malformed one naming the field', async () => {
    const bad = await w.as.admin.request({
      method: 'PUT',
      url: `/api/unit-contacts/${st}`,
      payload: { phone: '0511-123' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({ path: 'phone', message: '联系手机须为11位手机号码' });
    const put = (payload: object) => w.as.admin.request({ method: 'PUT', url: `/api/unit-contacts/${st}`, payload });
    expect((await put({ email: 'kjj@county.gov.cn' })).statusCode).toBe(204);
    expect((await put({ phone: '139 1234 5678' })).statusCode).toBe(204);
    const row = (await w.as.admin.request({ method: 'GET', url: '/api/unit-contacts' }))
      .json()
      .items.find((c: { unitId: string }) => c.unitId === st);
    // Setting the phone kept the e-mail: a field left out is not cleared.
    expect(row).toMatchObject({ email: 'kjj@county.gov.cn', phone: '13912345678' });
    expect(
      (await w.as.office.request({ method: 'PUT', url: `/api/unit-contacts/${st}`, payload: { phone: '13900000000' } }))
        .statusCode,
    ).toBe(403);
  });

  it('keeps one contact row and one channel row when 50 first saves arrive at once', async () => {
    const unit = await w.unit('市发改委');
    const saves = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        w.as.admin.request({
          method: 'PUT',
          url: `/api/unit-contacts/${unit}`,
          payload: { phone: `139000000${String(i).padStart(2, '0')}` },
        }),
      ),
    );
    expect(saves.map((r) => r.statusCode)).toEqual(saves.map(() => 204));
    const rows = await w.t.db.selectFrom('unit_contacts').select('phone').where('unit_id', '=', unit).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.phone).toMatch(/^139000000\d{2}$/);
    const channels = await Promise.all(Array.from({ length: 50 }, () => settings({ sms: sms({ enabled: false }) })));
    expect(channels.map((r) => r.statusCode)).toEqual(channels.map(() => 200));
    expect(
      await w.t.db.selectFrom('channel_settings').select('channel').where('channel', '=', 'sms').execute(),
    ).toHaveLength(1);
  });

  it('stores the gateway without showing its address or token, and validates its field names', async () => {
    const bad = await settings({ sms: sms({ phoneField: 'mobile"}, "x' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({
      path: 'sms.phoneField',
      message: '手机号字段名只能包含字母、数字、下划线、点和连字符',
    });
    expect((await settings({ sms: sms({ url: 'ftp://x' }) })).json().error.details.issues[0]).toMatchObject({
      path: 'sms.url',
      message: '短信网关地址须以 http:// 或 https:// 开头',
    });
    expect((await settings({ sms: sms() })).statusCode).toBe(200);
    const res = await w.as.admin.request({ method: 'GET', url: '/api/notification-settings' });
    expect(res.body).not.toContain('county-key-9');
    expect(res.body).not.toContain('tok-secret-77');
    expect(res.json().sms).toMatchObject({
      enabled: true,
      hasUrl: true,
      hasToken: true,
      signName: '科创办',
      digest: false,
    });
    // A client that does not know the SMS channel leaves it as it is.
    expect((await settings({})).statusCode).toBe(200);
    expect((await w.as.admin.request({ method: 'GET', url: '/api/notification-settings' })).json().sms.hasUrl).toBe(
      true,
    );
  });

  it('sends an urging by SMS to the unit mobile number with the token, signed and with the subject', async () => {
    gw.calls.length = 0;
    expect((await urge()).statusCode).toBe(201);
    await runDeliveries(w.t.db, new Date(Date.now() + 1000).toISOString());
    expect(gw.calls).toHaveLength(1);
    const [call] = gw.calls;
    expect(call!.contentType).toContain('application/json');
    expect(call!.authorization).toBe('Bearer tok-secret-77');
    expect(call!.fields.mobile).toBe('13912345678');
    expect(call!.fields.content).toMatch(/^【科创办】【催办】市科技局/);
    expect((await log()).find((d) => d.channel === 'sms')).toMatchObject({ status: 'sent', target: '13912345678' });
  });

  it('speaks form bodies too, and retries a provider error code with its message', async () => {
    expect(
      (await settings({ sms: sms({ bodyFormat: 'form', phoneField: 'PhoneNumbers', textField: 'Text' }) })).statusCode,
    ).toBe(200);
    gw.calls.length = 0;
    gw.mode = 'code';
    await urge();
    const at = Date.now() + 60 * 60_000;
    expect((await runDeliveries(w.t.db, new Date(at).toISOString())).retrying).toBe(1);
    expect(gw.calls[0]!.contentType).toContain('application/x-www-form-urlencoded');
    expect(gw.calls[0]!.fields.PhoneNumbers).toBe('13912345678');
    const retrying = (await log()).find((d) => d.channel === 'sms' && d.status === 'pending');
    expect(retrying?.lastError).toBe('短信网关返回错误 4085：号码发送频率超限');
    gw.mode = 'ok';
    expect((await runDeliveries(w.t.db, new Date(at + 2 * 60_000).toISOString())).sent).toBe(1);
  });

  it('holds messages of a digest channel and sends one message a day per address at 8:00', async () => {
    expect((await settings({ emailDigest: true, sms: sms({ digest: true }) })).statusCode).toBe(200);
    await runDeliveries(w.t.db, new Date(Date.now() + 3 * 60 * 60_000).toISOString()); // flush earlier work
    sink.mails.length = 0;
    gw.calls.length = 0;
    await urge();
    await urge();
    await urge();
    // Held: the worker sends nothing of them.
    await runDeliveries(w.t.db, new Date(Date.now() + 4 * 60 * 60_000).toISOString());
    expect(sink.mails).toHaveLength(0);
    expect(gw.calls).toHaveLength(0);
    expect((await log()).filter((d) => d.status === 'held')).toHaveLength(6);
    // The digest of the next day at 8:00 in the deployment's zone, not before.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000).toLocaleDateString('sv-SE', { timeZone: TZ });
    expect(await runDigests(w.t.db, new Date(`${tomorrow}T07:59:00+08:00`).toISOString(), TZ)).toBe(0);
    const eight = new Date(`${tomorrow}T08:00:00+08:00`).toISOString();
    expect(await runDigests(w.t.db, eight, TZ)).toBe(2);
    expect(await runDigests(w.t.db, new Date(Date.parse(eight) + 60_000).toISOString(), TZ)).toBe(0);
    await runDeliveries(w.t.db, new Date(Date.parse(eight) + 1000).toISOString());
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.to.join()).toContain('kjj@county.gov.cn');
    expect(gw.calls).toHaveLength(1);
    expect(gw.calls[0]!.fields.content).toContain('每日汇总');
    expect(gw.calls[0]!.fields.content).toContain('3. 【催办】市科技局');
    const after = await log();
    expect(after.find((d) => d.channel === 'email' && d.status === 'sent')?.subject).toMatch(
      /^每日汇总：\d{4}年\d{1,2}月\d{1,2}日共3条通知$/,
    );
    expect(after.filter((d) => d.status === 'held')).toHaveLength(0);
    expect(after.filter((d) => d.status === 'merged')).toHaveLength(6);
  });

  it('merges every held message into exactly one digest when many servers run the digest at once', async () => {
    await urge();
    await urge();
    const day = new Date(Date.now() + 2 * 24 * 60 * 60_000).toLocaleDateString('sv-SE', { timeZone: TZ });
    const at = new Date(`${day}T09:00:00+08:00`).toISOString();
    const counts = await Promise.all(Array.from({ length: 50 }, () => runDigests(w.t.db, at, TZ)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
    const digests = (await log()).filter((d) => d.subject.startsWith('每日汇总') && d.status === 'pending');
    expect(digests).toHaveLength(2);
  });
});
