import type { ChannelSettings, ChannelSettingsInput, Delivery } from '@innocity/shared/api/notifications';
import { scopeOf } from '../regions/region-scope.sql.ts';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { hasRole, isOfficeLike } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { urlHint, type EmailConfig, type WebhookConfig } from './channels.ts';
import { listDeliveries } from './delivery.repo.ts';
import * as repo from './notification.repo.ts';

const canConfigure = (actor: Actor) => hasRole(actor, 'admin');

interface WebhookSecret {
  url?: string;
  secret?: string;
}
const parseSecret = (s: string | null): WebhookSecret => (s ? (JSON.parse(s) as WebhookSecret) : {});

/** The e-mail settings with the stored password, for the delivery worker only. */
export async function loadEmailConfig(db: Db): Promise<(EmailConfig & { enabled: boolean }) | undefined> {
  const s = await repo.findChannel(db, 'email');
  if (!s) return undefined;
  const c = s.config as Omit<EmailConfig, 'password'>;
  return {
    enabled: s.enabled,
    host: c.host,
    port: c.port,
    secure: c.secure,
    user: c.user,
    from: c.from,
    password: s.secret,
  };
}

/** The robot settings with its address and signing secret, for the delivery worker only. */
export async function loadWebhookConfig(db: Db): Promise<(WebhookConfig & { enabled: boolean }) | undefined> {
  const s = await repo.findChannel(db, 'webhook');
  if (!s) return undefined;
  const secret = parseSecret(s.secret);
  return {
    enabled: s.enabled,
    format: (s.config.format as WebhookConfig['format']) ?? 'wecom',
    url: secret.url ?? '',
    secret: secret.secret || null,
  };
}

/** Channel settings without any secret: only whether each is set. */
export async function getChannelSettings(db: Db, actor: Actor): Promise<ChannelSettings> {
  if (!canConfigure(actor)) throw forbidden('只有系统管理员可以查看通知通道设置');
  const email = await loadEmailConfig(db);
  const webhook = await loadWebhookConfig(db);
  return {
    email: {
      enabled: email?.enabled ?? false,
      host: email?.host ?? '',
      port: email?.port ?? 25,
      secure: email?.secure ?? false,
      user: email?.user ?? '',
      from: email?.from ?? '',
      hasPassword: Boolean(email?.password),
    },
    webhook: {
      enabled: webhook?.enabled ?? false,
      format: webhook?.format ?? 'wecom',
      urlHint: urlHint(webhook?.url ?? ''),
      hasUrl: Boolean(webhook?.url),
      hasSecret: Boolean(webhook?.secret),
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
    const { password, enabled, ...email } = input.email;
    await repo.saveChannel(
      trx,
      'email',
      { enabled, config: email, secret: password === undefined ? (oldEmail?.password ?? null) : password || null },
      actor.id,
      ctx.now,
    );
    const { url, secret, enabled: hookOn, format } = input.webhook;
    const stored = {
      url: url === undefined ? oldHook?.url : url,
      secret: secret === undefined ? (oldHook?.secret ?? undefined) : secret,
    };
    await repo.saveChannel(
      trx,
      'webhook',
      // Nothing to keep secret is stored as nothing, so a server without a key can still save settings.
      { enabled: hookOn, config: { format }, secret: stored.url || stored.secret ? JSON.stringify(stored) : null },
      actor.id,
      ctx.now,
    );
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'channel_settings',
      entityId: null,
      after: { email: { enabled, ...email }, webhook: { enabled: hookOn, format, urlHint: urlHint(stored.url ?? '') } },
    });
  });
  return getChannelSettings(db, actor);
}

/** Every unit's contact address for e-mail reminders. */
export async function listUnitContacts(
  db: Db,
  actor: Actor,
): Promise<{ unitId: string; unitName: string; email: string | null }[]> {
  if (!isOfficeLike(actor)) throw forbidden('只有系统管理员和办公室可以查看单位联系邮箱');
  return repo.listContacts(db, scopeOf(actor));
}

/** Sets a unit's contact address (admin). */
export async function setUnitContact(
  db: Db,
  actor: Actor,
  unitId: string,
  email: string | null,
  ctx: AuditContext,
): Promise<void> {
  if (!canConfigure(actor)) throw forbidden('只有系统管理员可以设置单位联系邮箱');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.listContacts(trx)).some((c) => c.unitId === unitId)) throw notFound('单位');
    await repo.saveContact(trx, unitId, email, ctx.now);
    await recordAudit(trx, ctx, { action: 'update', entityType: 'unit_contact', entityId: unitId, after: { email } });
  });
}

/** The delivery log: every message, its attempts and its last error. */
export async function listDeliveryLog(db: Db, actor: Actor): Promise<Delivery[]> {
  if (!isOfficeLike(actor)) throw forbidden('只有系统管理员和办公室可以查看发送记录');
  return (await listDeliveries(db, 200, scopeOf(actor))).map(({ body: _body, ...d }) => d);
}
