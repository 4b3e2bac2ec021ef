import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../http/errors.ts';

// Channel secrets (SMTP password, robot address and signing key) are sealed with AES-256-GCM under
// INNOCITY_SECRET_KEY, so a copied database or backup does not hand over the county's mail account
// or robot. The key lives in the environment, never in the database.
const PREFIX = 'enc:v1:';

let key: Buffer | null = null;

/** Sets the process's key (from the configuration at start-up); null when none is configured. */
export function configureSecretKey(k: Buffer | null): void {
  key = k;
}

/** A secret as stored: sealed with the key, the channel name bound in so it cannot be moved to another row. */
export function seal(plain: string | null, channel: string): string | null {
  if (plain === null || plain === '') return null;
  if (!key) {
    throw new AppError(
      409,
      'conflict',
      '服务器未配置 INNOCITY_SECRET_KEY，不能保存通道密码或机器人地址；请管理员按部署文档设置后重启',
    );
  }
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(channel));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
}

/**
 * The plain secret, or null when it cannot be opened (no key, another key, tampered): the channel
 * then counts as not configured and its deliveries say so, until the admin enters the secret again.
 * A value without the prefix was stored before encryption and is read as it is, until re-entered.
 */
export function open(stored: string | null, channel: string): string | null {
  if (stored === null) return null;
  if (!stored.startsWith(PREFIX)) return stored;
  if (!key) return null;
  const [iv, tag, body] = stored.slice(PREFIX.length).split(':');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64'));
    decipher.setAAD(Buffer.from(channel));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** True when the stored value is sealed (for the settings view and the tests). */
export const isSealed = (stored: string | null) => stored?.startsWith(PREFIX) ?? false;
