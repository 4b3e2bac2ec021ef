import type { ChannelSettings, ChannelSettingsInput, Delivery } from '@innocity/shared/api/notifications';
import { scopeOf } from '../regions/region-scope.sql.ts';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { hasRole, isOfficeLike } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { urlHint, type EmailConfig, type SmsConfig, type WebhookConfig } from './channels.ts';
import { listDeliveries } from './delivery.repo.ts';
import * as repo from './notification.repo.ts';

const canConfigure = (actor: Actor) => hasRole(actor, 'admin');

interface WebhookSecret {
  url?: string;
  secret?: string;
}
interface SmsSecret {
  url?: string;
  token?: string;
}
const parseSecret = <T extends object>(s: string | null): T => (s ? (JSON.parse(s) as T) : ({} as T));
/** Whether a channel holds its messages for the day's digest (stored in its non-secret config). */
const digestOf = (config: Record<string, unknown> | undefined) => config?.digest === true;

/** The e-mail settings with the stored password, for the delivery worker only. */
export async function loadEmailConfig(
  db: Db,
): Promise<(EmailConfig & { enabled: boolean; digest: boolean }) | undefined> {
  const s = await repo.findChannel(db, 'email');
  if (!s) return undefined;
  const c = s.config as Omit<EmailConfig, 'password'>;
  return {
    enabled: s.enabled,
    digest: digestOf(s.config),
    host: c.host,
    port: c.port,
    secure: c.secure,
    user: c.user,
    from: c.from,
    password: s.secret,
  };
}

/** The robot settings with its address and signing secret, for the delivery worker only. */
export async function loadWebhookConfig(
  db: Db,
): Promise<(WebhookConfig & { enabled: boolean; digest: boolean }) | undefined> {
  const s = await repo.findChannel(db, 'webhook');
  if (!s) return undefined;
  const secret = parseSecret<WebhookSecret>(s.secret);
  return {
    enabled: s.enabled,
    digest: digestOf(s.config),
    format: (s.config.format as WebhookConfig['format']) ?? 'wecom',
    url: secret.url ?? '',
    secret: secret.secret || null,
  };
}

/** The SMS gateway settings with its address and token, for the delivery worker only. */
export async function loadSmsConfig(db: Db): Promise<(SmsConfig & { enabled: boolean; digest: boolean }) | undefined> {
  const s = await repo.findChannel(db, 'sms');
  if (!s) return undefined;
  const secret = parseSecret<SmsSecret>(s.secret);
  const c = s.config as Partial<SmsConfig>;
  return {
    enabled: s.enabled,
    digest: digestOf(s.config),
    url: secret.url ?? '',
    token: secret.token || null,
    bodyFormat: c.bodyFormat ?? 'json',
    phoneField: c.phoneField ?? 'mobile',
    textField: c.textField ?? 'content',
    signName: c.signName ?? '',
  };
}

/** Channel settings without any secret: only whether each is set. */
export async function getChannelSettings(db: Db, actor: Actor): Promise<ChannelSettings> {
  if (!canConfigure(actor)) throw forbidden('只有系统管理员可以查看通知通道设置');
  const email = await loadEmailConfig(db);
  const webhook = await loadWebhookConfig(db);
  const sms = await loadSmsConfig(db);
  return {
    email: {
      enabled: email?.enabled ?? false,
      host: email?.host ?? '',
      port: email?.port ?? 25,
      secure: email?.secure ?? false,
      user: email?.user ?? '',
      from: email?.from ?? '',
      hasPassword: Boolean(email?.password),
      digest: email?.digest ?? false,
    },
    webhook: {
      enabled: webhook?.enabled ?? false,
      format: webhook?.format ?? 'wecom',
      urlHint: urlHint(webhook?.url ?? ''),
      hasUrl: Boolean(webhook?.url),
      hasSecret: Boolean(webhook?.secret),
      digest: webhook?.digest ?? false,
    },
    sms: {
      enabled: sms?.enabled ?? false,
      urlHint: urlHint(sms?.url ?? ''),
      hasUrl: Boolean(sms?.url),
      hasToken: Boolean(sms?.token),
      bodyFormat: sms?.bodyFormat ?? 'json',
      phoneField: sms?.phoneField ?? 'mobile',
      textField: sms?.textField ?? 'content',
      signName: sms?.signName ?? '',
      digest: sms?.digest ?? false,
    },
  };
}

/** Saves both channels; a secret left out keeps the stored one. The audit row never holds a secret. */
export async function updateChannelSettings(
  db: Db,
  actor: Actor,
  input: ChannelSettingsInput,
  ctx: AuditContext,
): Promise<ChannelSettings> {
  // The channels serve every county of the deployment: a county's admin reads them, only the
  // deployment's own admin (a grant without a region) changes them.
  if (!canConfigure(actor) || actor.regionIds != null)
    throw forbidden('通知通道为全平台设置，只有全平台的系统管理员可以修改');
  await db.transaction().execute(async (trx) => {
    const oldEmail = await loadEmailConfig(trx);
    const oldHook = await loadWebhookConfig(trx);
    const { password, enabled, digest: emailDigest, ...email } = input.email;
    const mailDigest = emailDigest ?? oldEmail?.digest ?? false;
    await repo.saveChannel(
      trx,
      'email',
      {
        enabled,
        config: { ...email, digest: mailDigest },
        secret: password === undefined ? (oldEmail?.password ?? null) : password || null,
      },
      actor.id,
      ctx.now,
    );
    const { url, secret, enabled: hookOn, format, digest: hookDigestIn } = input.webhook;
    const hookDigest = hookDigestIn ?? oldHook?.digest ?? false;
    const stored = {
      url: url === undefined ? oldHook?.url : url,
      secret: secret === undefined ? (oldHook?.secret ?? undefined) : secret,
    };
    await repo.saveChannel(
      trx,
      'webhook',
      // Nothing to keep secret is stored as nothing, so a server without a key can still save settings.
      {
        enabled: hookOn,
        config: { format, digest: hookDigest },
        secret: stored.url || stored.secret ? JSON.stringify(stored) : null,
      },
      actor.id,
      ctx.now,
    );
    const sms = input.sms ? await saveSms(trx, actor, input.sms, ctx) : undefined;
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'channel_settings',
      entityId: null,
      after: {
        email: { enabled, ...email, digest: mailDigest },
        webhook: { enabled: hookOn, format, urlHint: urlHint(stored.url ?? ''), digest: hookDigest },
        ...(sms ? { sms } : {}),
      },
    });
  });
  return getChannelSettings(db, actor);
}

/** Saves the SMS gateway; returns what the audit row may show (no address path, no token). */
async function saveSms(
  trx: Db,
  actor: Actor,
  input: NonNullable<ChannelSettingsInput['sms']>,
  ctx: AuditContext,
): Promise<Record<string, unknown>> {
  const old = await loadSmsConfig(trx);
  const { url, token, enabled, digest, ...config } = input;
  const stored = {
    url: url === undefined ? old?.url : url,
    token: token === undefined ? (old?.token ?? undefined) : token,
  };
  const keep = { ...config, digest: digest ?? old?.digest ?? false };
  await repo.saveChannel(
    trx,
    'sms',
    { enabled, config: keep, secret: stored.url || stored.token ? JSON.stringify(stored) : null },
    actor.id,
    ctx.now,
  );
  return { enabled, ...keep, urlHint: urlHint(stored.url ?? '') };
}

/** Every unit's contact address and mobile number for e-mail and SMS reminders. */
export async function listUnitContacts(db: Db, actor: Actor): Promise<repo.UnitContact[]> {
  if (!isOfficeLike(actor)) throw forbidden('只有系统管理员和办公室可以查看单位联系邮箱');
  return repo.listContacts(db, scopeOf(actor));
}

/** Sets a unit's contact address and/or mobile number (admin); a field left out keeps what is stored. */
export async function setUnitContact(
  db: Db,
  actor: Actor,
  unitId: string,
  contact: { email?: string | null; phone?: string | null },
  ctx: AuditContext,
): Promise<void> {
  if (!canConfigure(actor)) throw forbidden('只有系统管理员可以设置单位联系方式');
  await db.transaction().execute(async (trx) => {
    const before = (await repo.listContacts(trx)).find((c) => c.unitId === unitId);
    if (!before) throw notFound('单位');
    await repo.saveContact(trx, unitId, contact, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'unit_contact',
      entityId: unitId,
      before: { email: before.email, phone: before.phone },
      after: { email: before.email, phone: before.phone, ...contact },
    });
  });
}

/** The delivery log: every message, its attempts and its last error. */
export async function listDeliveryLog(db: Db, actor: Actor): Promise<Delivery[]> {
  if (!isOfficeLike(actor)) throw forbidden('只有系统管理员和办公室可以查看发送记录');
  return (await listDeliveries(db, 200, scopeOf(actor))).map(({ body: _body, ...d }) => d);
}
