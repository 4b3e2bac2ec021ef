import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, TEST_SECRET_KEY, type Client, type TestApp } from '../../test/test-app.ts';
import { loadConfig, ConfigError } from '../../config.ts';
import { loadEmailConfig, loadWebhookConfig } from './channel-settings.service.ts';
import { configureSecretKey } from './secret-box.ts';

const settings = (password?: string, url?: string, secret?: string) => ({
  email: {
    enabled: true,
    host: 'smtp.example.gov.cn',
    port: 465,
    secure: true,
    user: 'innocity',
    from: 'innocity@example.gov.cn',
    ...(password === undefined ? {} : { password }),
  },
  webhook: {
    enabled: true,
    format: 'dingtalk',
    ...(url === undefined ? {} : { url }),
    ...(secret === undefined ? {} : { secret }),
  },
});
const ROBOT = 'https://oapi.dingtalk.com/robot/send?access_token=tok-abc-123';

describe.each(TEST_DIALECTS)('channel secrets at rest on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  const stored = () => t.db.selectFrom('channel_settings').select(['channel', 'secret', 'config']).execute();

  it('seals the SMTP password, robot address and signing key, shows only 已设置, and sends with them', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: settings('smtp-pass-xyz', ROBOT, 'SEC-signing-456'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/smtp-pass-xyz|tok-abc-123|SEC-signing-456/);
    expect(res.json()).toMatchObject({ email: { hasPassword: true }, webhook: { hasUrl: true, hasSecret: true } });
    const rows = await stored();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.secret).toMatch(/^enc:v1:/);
      expect(`${r.secret}${r.config}`).not.toMatch(/smtp-pass-xyz|tok-abc-123|SEC-signing-456/);
    }
    expect((await loadEmailConfig(t.db))?.password).toBe('smtp-pass-xyz');
    expect(await loadWebhookConfig(t.db)).toMatchObject({ url: ROBOT, secret: 'SEC-signing-456' });
    const audit = await t.db
      .selectFrom('audit_logs')
      .select('after_json')
      .where('entity_type', '=', 'channel_settings')
      .execute();
    expect(JSON.stringify(audit)).not.toMatch(/smtp-pass-xyz|tok-abc-123|SEC-signing-456/);
  });

  it('keeps a secret left out, and re-seals a re-entered one with a fresh nonce', async () => {
    const before = await stored();
    const kept = await admin.request({ method: 'PUT', url: '/api/notification-settings', payload: settings() });
    expect(kept.statusCode).toBe(200);
    expect((await loadEmailConfig(t.db))?.password).toBe('smtp-pass-xyz');
    const rotated = await admin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: settings('new-pass-789'),
    });
    expect(rotated.statusCode).toBe(200);
    const after = await stored();
    const email = (rows: typeof after) => rows.find((r) => r.channel === 'email')!.secret;
    expect(email(after)).not.toBe(email(before));
    expect((await loadEmailConfig(t.db))?.password).toBe('new-pass-789');
  });

  it('treats a secret sealed under another key, or tampered with, as not set rather than failing', async () => {
    configureSecretKey(Buffer.alloc(32, 9));
    try {
      expect((await loadEmailConfig(t.db))?.password).toBeNull();
      const view = await admin.request({ method: 'GET', url: '/api/notification-settings' });
      expect(view.statusCode).toBe(200);
      expect(view.json().email.hasPassword).toBe(false);
    } finally {
      configureSecretKey(TEST_SECRET_KEY);
    }
    const row = (await stored()).find((r) => r.channel === 'email')!;
    await t.db
      .updateTable('channel_settings')
      .set({ secret: `${row.secret!.slice(0, -4)}AAA=` })
      .where('channel', '=', 'email')
      .execute();
    expect((await loadEmailConfig(t.db))?.password).toBeNull();
  });

  it('refuses to store a secret when no key is configured, keeping what was stored, but saves settings without one', async () => {
    const before = await stored();
    configureSecretKey(null);
    try {
      const refused = await admin.request({
        method: 'PUT',
        url: '/api/notification-settings',
        payload: settings('plain-pass', ROBOT),
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('INNOCITY_SECRET_KEY');
      expect(await stored()).toEqual(before);
      await t.db.updateTable('channel_settings').set({ secret: null }).execute();
      const plain = await admin.request({
        method: 'PUT',
        url: '/api/notification-settings',
        payload: { ...settings(), webhook: { enabled: false, format: 'wecom' } },
      });
      expect(plain.statusCode).toBe(200);
    } finally {
      configureSecretKey(TEST_SECRET_KEY);
    }
  });
});

describe('INNOCITY_SECRET_KEY', () => {
  it('takes 32 bytes as base64 or hex and refuses anything else with a Chinese message', () => {
    expect(loadConfig({}).secretKey).toBeNull();
    expect(loadConfig({ INNOCITY_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') }).secretKey).toEqual(
      Buffer.alloc(32, 1),
    );
    expect(loadConfig({ INNOCITY_SECRET_KEY: 'ab'.repeat(32) }).secretKey).toEqual(Buffer.alloc(32, 0xab));
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), 'zz'.repeat(32)])
      expect(() => loadConfig({ INNOCITY_SECRET_KEY: bad })).toThrow(ConfigError);
    expect(() => loadConfig({ INNOCITY_SECRET_KEY: 'short' })).toThrow(/INNOCITY_SECRET_KEY 应为 32 字节密钥/);
  });
});
