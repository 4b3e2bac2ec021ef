import fs from 'node:fs';
import { z } from 'zod';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, so relative paths mean the same whatever the working directory. */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  adminPassword: string | null;
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  timeZone: string;
  logLevel: string;
  webDist: string;
  dataDir: string;
  demo: boolean;
  /** The plan pack loaded at start (a file path), or null: INNOCITY_DEFAULT_PACK=none starts empty. */
  defaultPack: string | null;
  /**
   * Which proxies' X-Forwarded-For to believe: false (the default: the socket's address is the
   * client), a hop count, or the proxies' addresses and CIDR ranges (Fastify's trustProxy).
   */
  trustProxy: false | number | string[];
  /** Requests a minute per caller in each bucket; 0 turns that bucket's limit off. */
  rateLimits: RateLimits;
  /** AES-256 key sealing channel secrets at rest (INNOCITY_SECRET_KEY); null: such secrets cannot be saved. */
  secretKey: Buffer | null;
  /** Where evidence files go: the database (default) or an S3-compatible object store. */
  fileStore: FileStoreConfig;
}

export type FileStoreConfig =
  | { kind: 'database' }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

export interface RateLimits {
  /** Any API request, per signed-in user (or per address before sign-in). */
  api: number;
  /** Sign-in attempts per address (on top of the wrong-password lock). */
  signin: number;
  /** Password changes per user. */
  password: number;
  /** File uploads (multipart) per user. */
  upload: number;
  /** Exports and file downloads per user. */
  export: number;
}

function perMinute(name: string, fallback: number) {
  return z.coerce
    .number({ message: `${name} 必须是数字（每分钟请求数，0 表示不限）` })
    .int(`${name} 必须是整数`)
    .min(0, `${name} 不能为负数`)
    .max(1_000_000)
    .default(fallback);
}

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'PORT 必须是数字' })
    .int()
    .min(0)
    .max(65535, 'PORT 必须在 0–65535 之间')
    .default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  INNOCITY_ADMIN_PASSWORD: z.string().min(10, 'INNOCITY_ADMIN_PASSWORD 至少 10 个字符').optional(),
  INNOCITY_SECURE_COOKIES: z
    .enum(['true', 'false'], { message: 'INNOCITY_SECURE_COOKIES 只能是 true 或 false' })
    .default('false'),
  INNOCITY_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  INNOCITY_SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  INNOCITY_TIME_ZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'INNOCITY_TIME_ZONE 不是有效的时区名，例如 Asia/Shanghai' }),
  INNOCITY_DATA_DIR: z.string().optional(),
  INNOCITY_TRUST_PROXY: z.string().optional(),
  INNOCITY_SECRET_KEY: z
    .string()
    .trim()
    .refine((v) => v === '' || parseSecretKey(v) !== null, {
      message:
        'INNOCITY_SECRET_KEY 应为 32 字节密钥的 base64（44 个字符）或十六进制（64 个字符），可用 openssl rand -base64 32 生成',
    })
    .optional(),
  INNOCITY_RATE_API: perMinute('INNOCITY_RATE_API', 600),
  INNOCITY_RATE_SIGNIN: perMinute('INNOCITY_RATE_SIGNIN', 30),
  INNOCITY_RATE_PASSWORD: perMinute('INNOCITY_RATE_PASSWORD', 10),
  INNOCITY_RATE_UPLOAD: perMinute('INNOCITY_RATE_UPLOAD', 30),
  INNOCITY_RATE_EXPORT: perMinute('INNOCITY_RATE_EXPORT', 30),
  INNOCITY_DEMO: z.enum(['true', 'false']).default('false'),
  INNOCITY_DEFAULT_PACK: z.string().trim().min(1, 'INNOCITY_DEFAULT_PACK 不能为空').default('jurong-2022-79'),
  INNOCITY_FILE_STORE: z
    .enum(['database', 's3'], { message: 'INNOCITY_FILE_STORE 只能是 database（默认，存入数据库）或 s3' })
    .default('database'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** A 32-byte key given as base64 or hex, or null when it is neither. */
export function parseSecretKey(v: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(v)) return Buffer.from(v, 'base64');
  return null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const TRUST_PROXY_HELP =
  'INNOCITY_TRUST_PROXY 应为代理层数（如 1）或代理地址列表（如 10.0.0.5,192.168.1.0/24），不设置或 false 表示不信任任何代理';

/**
 * Parses INNOCITY_TRUST_PROXY. "true" (believe any X-Forwarded-For) is refused on purpose: anyone
 * could then choose the address the sign-in lock and the audit log see.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new ConfigError([`${TRUST_PROXY_HELP}（层数不超过 10）`]);
    return hops;
  }
  const entries = v.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0) throw new ConfigError([`${TRUST_PROXY_HELP}；无法识别：${bad.join('、').slice(0, 120)}`]);
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [addr = '', bits, ...rest] = entry.split('/');
  const family = net.isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses DATABASE_URL: unset → data/innocity.sqlite; sqlite:<path>; postgres(ql)://… */
export function parseDatabaseUrl(raw: string | undefined, dataDir: string): DatabaseConfig {
  if (raw === undefined || raw.trim() === '') return { dialect: 'sqlite', file: path.join(dataDir, 'innocity.sqlite') };
  const url = raw.trim();
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new ConfigError(['DATABASE_URL 的 sqlite: 后面缺少文件路径，例如 sqlite:data/other.sqlite']);
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(ROOT_DIR, file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const parsed = new URL(url);
      if (parsed.hostname === '') throw new Error('no host');
    } catch {
      throw new ConfigError([
        'DATABASE_URL 不是有效的 PostgreSQL 连接串，例如 postgres://user:pass@127.0.0.1:5432/innocity',
      ]);
    }
    return { dialect: 'postgres', url };
  }
  throw new ConfigError([
    `DATABASE_URL 无法识别（${redact(url)}）：应以 sqlite: 或 postgres:// 开头；不设置则使用 data/innocity.sqlite`,
  ]);
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@').slice(0, 80);
}

/** Reads and validates the environment once; reports every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  const dataDir = path.resolve(ROOT_DIR, env.INNOCITY_DATA_DIR ?? 'data');
  let database: DatabaseConfig | undefined;
  let trustProxy: Config['trustProxy'] = false;
  try {
    database = parseDatabaseUrl(env.DATABASE_URL, dataDir);
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const defaultPack = parsed.success ? resolveDefaultPack(parsed.data.INNOCITY_DEFAULT_PACK, problems) : null;
  try {
    trustProxy = parseTrustProxy(env.INNOCITY_TRUST_PROXY);
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const fileStore = parseFileStore(env, parsed.success ? parsed.data.INNOCITY_FILE_STORE : 'database', problems);
  if (problems.length > 0 || !parsed.success || database === undefined) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    adminPassword: e.INNOCITY_ADMIN_PASSWORD ?? null,
    secureCookies: e.INNOCITY_SECURE_COOKIES === 'true',
    sessionIdleMinutes: e.INNOCITY_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.INNOCITY_SESSION_ABSOLUTE_HOURS,
    timeZone: e.INNOCITY_TIME_ZONE,
    logLevel: e.LOG_LEVEL,
    webDist: path.join(ROOT_DIR, 'web/dist'),
    dataDir,
    demo: e.INNOCITY_DEMO === 'true',
    defaultPack,
    trustProxy,
    secretKey: e.INNOCITY_SECRET_KEY ? parseSecretKey(e.INNOCITY_SECRET_KEY) : null,
    fileStore,
    rateLimits: {
      api: e.INNOCITY_RATE_API,
      signin: e.INNOCITY_RATE_SIGNIN,
      password: e.INNOCITY_RATE_PASSWORD,
      upload: e.INNOCITY_RATE_UPLOAD,
      export: e.INNOCITY_RATE_EXPORT,
    },
  };
}

/**
 * INNOCITY_DEFAULT_PACK: `none`, the name of a pack shipped in shared/packs (jurong-2022-79), or a
 * path to a pack file. Checked at start, so a typo stops the server instead of starting it empty.
 */
function resolveDefaultPack(value: string, problems: string[]): string | null {
  if (value === 'none') return null;
  const shipped = /^[a-z0-9-]+$/.test(value) ? path.join(ROOT_DIR, 'shared/packs', `${value}.json`) : null;
  const file = shipped ?? path.resolve(ROOT_DIR, value);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    problems.push(
      `INNOCITY_DEFAULT_PACK: 找不到方案数据包“${value}”（可填 none、shared/packs 中的包名或数据包文件路径）`,
    );
    return null;
  }
  return file;
}

const S3_SETTINGS = {
  INNOCITY_S3_ENDPOINT: '对象存储地址，例如 https://oss-cn-hangzhou.aliyuncs.com 或 http://10.0.0.9:9000',
  INNOCITY_S3_BUCKET: '存储桶名称',
  INNOCITY_S3_REGION: '区域，例如 cn-hangzhou（MinIO 可填 us-east-1）',
  INNOCITY_S3_ACCESS_KEY_ID: '访问密钥 ID',
  INNOCITY_S3_SECRET_ACCESS_KEY: '访问密钥',
} as const;

/** INNOCITY_FILE_STORE=s3 needs every INNOCITY_S3_* setting; each missing or bad one is reported by name. */
function parseFileStore(env: NodeJS.ProcessEnv, kind: 'database' | 's3', problems: string[]): FileStoreConfig {
  if (kind === 'database') return { kind };
  const v = (name: keyof typeof S3_SETTINGS) => env[name]?.trim() ?? '';
  for (const name of Object.keys(S3_SETTINGS) as (keyof typeof S3_SETTINGS)[])
    if (v(name) === '') problems.push(`${name}: INNOCITY_FILE_STORE=s3 时必须设置（${S3_SETTINGS[name]}）`);
  const endpoint = v('INNOCITY_S3_ENDPOINT');
  if (endpoint !== '' && !/^https?:\/\/[^/\s]+\/?$/.test(endpoint))
    problems.push(
      `INNOCITY_S3_ENDPOINT: 应为 http:// 或 https:// 开头的地址，不带路径（${S3_SETTINGS.INNOCITY_S3_ENDPOINT}）`,
    );
  const bucket = v('INNOCITY_S3_BUCKET');
  if (bucket !== '' && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push('INNOCITY_S3_BUCKET: 存储桶名称只能含小写字母、数字、点和连字符，3–63 个字符');
  return {
    kind,
    endpoint: endpoint.replace(/\/$/, ''),
    bucket,
    region: v('INNOCITY_S3_REGION'),
    accessKeyId: v('INNOCITY_S3_ACCESS_KEY_ID'),
    secretAccessKey: v('INNOCITY_S3_SECRET_ACCESS_KEY'),
  };
}
