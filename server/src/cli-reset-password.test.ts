import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, ROOT_DIR, type DatabaseConfig } from './config.ts';
import { bootstrap } from './bootstrap.ts';
import { buildApp } from './app.ts';
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from './test/databases.ts';

/** Runs `npm run cli -- reset-password …` as the README says (node + tsx, the same entry), against the database. */
function cli(
  args: string[],
  database: DatabaseConfig,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const url = database.dialect === 'sqlite' ? `sqlite:${database.file}` : database.url;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', ...args], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      // Under scripts/node24.sh the child is that Node too, and needs its better-sqlite3 build.
      ...(process.env.INNOCITY_SQLITE_BINDING && { INNOCITY_SQLITE_BINDING: process.env.INNOCITY_SQLITE_BINDING }),
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// A lost admin password is reset at the server's console, not by editing the database.
describe.each(TEST_DIALECTS)('reset-password on the command line, on %s', (dialect) => {
  let testDb: TestDatabase;
  let generated: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    // First start without a configured password: one is generated.
    const { database, generatedAdminPassword } = await bootstrap({ ...loadConfig({}), database: testDb.config });
    generated = generatedAdminPassword!;
    await database.close();
  }, 60_000);
  afterAll(() => testDb.drop());

  const signIn = async (username: string, password: string) => {
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
    const { database } = await bootstrap(config);
    const app = await buildApp({ config, database, logger: false });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      return { status: res.statusCode, body: res.json() };
    } finally {
      await app.close();
      await database.close();
    }
  };

  it('makes the generated first-start password one that must be changed at the first sign-in', async () => {
    const res = await signIn('admin', generated);
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
  });

  it('gives admin a new temporary password, framed, that signs in and must be changed; the old one no longer works', async () => {
    const r = await cli(['reset-password', 'admin'], testDb.config);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = /═{20,}\n[^]*账号：admin\n\s+密码：(\S+)\n[^]*═{20,}/.exec(r.stdout);
    expect(m).not.toBeNull();
    const fresh = m![1]!;
    expect(fresh).not.toBe(generated);
    expect((await signIn('admin', generated)).status).toBe(401);
    const ok = await signIn('admin', fresh);
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(true);
  }, 60_000);

  it('refuses an unknown account and a missing name with one Chinese line and exit code 2', async () => {
    const unknown = await cli(['reset-password', 'nobody'], testDb.config);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe('没有用户名为「nobody」的账号');
    const missing = await cli(['reset-password'], testDb.config);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('reset-password <用户名>');
  }, 60_000);
});
