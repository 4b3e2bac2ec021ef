import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER } from '@innocity/shared/api/auth';
import { loadConfig, type Config, type DatabaseConfig } from '../config.ts';
import { bootstrap } from '../bootstrap.ts';
import { buildApp } from '../app.ts';
import type { Db } from '../db/connection.ts';
import { createTestDatabase } from './databases.ts';

export const TEST_ADMIN_PASSWORD = 'Admin-Pass-2025';
/** The key the test apps seal channel secrets with (a test of "no key" passes secretKey: null). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7);

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  dialect: DatabaseConfig['dialect'];
  /** The app's own data folder (INNOCITY_DATA_DIR). */
  dataDir: string;
  /** The configuration it runs with (its database among it), for a second instance on the same data. */
  config: Config;
  /** Every route the app registered, as method and URL pattern (HEAD included). */
  routes: { method: string; url: string }[];
  /** Signs in and returns a client whose requests carry the session cookie and CSRF token. */
  login(username: string, password: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string;
  cookie: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface TestAppOptions {
  /** Pino options to capture the log (default: silent). */
  logger?: object;
  /** Further environment, as the deployment would set it (e.g. INNOCITY_DEFAULT_PACK). */
  env?: Record<string, string>;
  /** Settings to change from the defaults (trusted proxies, rate limits …). */
  config?: Partial<Omit<Config, 'database' | 'dataDir'>>;
}

/** Signs in on an in-process app and returns a client that sends the session cookie and CSRF header. */
export async function loginClient(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = `innocity_sid=${res.cookies.find((c) => c.name === 'innocity_sid')?.value}`;
  const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
  return {
    csrfToken,
    cookie,
    request: (opts) => app.inject({ ...opts, headers: { cookie, [CSRF_HEADER]: csrfToken, ...(opts.headers ?? {}) } }),
  };
}

/** The real app on a fresh database of the dialect, bootstrapped as on first start, called in-process. */
export async function createTestApp(
  dialect: DatabaseConfig['dialect'],
  options: TestAppOptions = {},
): Promise<TestApp> {
  const testDb = await createTestDatabase(dialect);
  // Its own data folder (evidence files, exports), never the repository's data/.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-data-'));
  const config: Config = {
    ...loadConfig({ INNOCITY_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, LOG_LEVEL: 'silent', ...options.env }),
    // Suites fire far more requests a minute than a person; the rate-limit suite sets its own.
    rateLimits: { api: 0, signin: 0, password: 0, upload: 0, export: 0 },
    secretKey: TEST_SECRET_KEY,
    ...options.config,
    database: testDb.config,
    dataDir,
  };
  const { database } = await bootstrap(config);
  const routes: TestApp['routes'] = [];
  const onRoute = (r: { method: string | string[]; url: string }) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  };
  const app = await buildApp({ config, database, logger: options.logger ?? false, onRoute });
  return {
    app,
    db: database.db,
    dialect,
    dataDir,
    config,
    routes,
    login: (username, password) => loginClient(app, username, password),
    async close() {
      await app.close();
      await database.close();
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
