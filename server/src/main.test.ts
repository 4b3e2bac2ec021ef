import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from './config.ts';

/** Runs the real start command with an environment and returns how it ended. */
function start(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/src/main.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        // Under scripts/node24.sh the child is that Node too, and needs its better-sqlite3 build.
        ...(process.env.INNOCITY_SQLITE_BINDING && { INNOCITY_SQLITE_BINDING: process.env.INNOCITY_SQLITE_BINDING }),
        LOG_LEVEL: 'silent',
        INNOCITY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-main-')),
        ...env,
      },
      cwd: ROOT_DIR,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('starting the platform with bad configuration', () => {
  it('stops with a clear message on a malformed DATABASE_URL', async () => {
    const r = await start({ DATABASE_URL: 'mysql://root@localhost/x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL 无法识别');
    noStackTrace(r.stderr);
  });

  it('reports every bad setting at once', async () => {
    const r = await start({ PORT: 'abc', INNOCITY_TIME_ZONE: 'Mars/Base', DATABASE_URL: 'oracle:x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('INNOCITY_TIME_ZONE');
    expect(r.stderr).toContain('DATABASE_URL');
  });

  it('stops with a clear message when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = await start({ PORT: String(port), INNOCITY_ADMIN_PASSWORD: 'Admin-Pass-2025' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('端口已被占用');
      noStackTrace(r.stderr);
    } finally {
      blocker.close();
    }
  });

  it('stops with a clear message when PostgreSQL is unreachable', async () => {
    const r = await start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/innocity' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('无法连接 PostgreSQL 数据库');
    noStackTrace(r.stderr);
  });

  it('starts, prints its URL and a generated admin password once, on an empty database', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    blocker.close();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT_DIR, 'server/src/main.ts')], {
      env: {
        PATH: process.env.PATH ?? '',
        // Under scripts/node24.sh the child is that Node too, and needs its better-sqlite3 build.
        ...(process.env.INNOCITY_SQLITE_BINDING && { INNOCITY_SQLITE_BINDING: process.env.INNOCITY_SQLITE_BINDING }),
        LOG_LEVEL: 'silent',
        PORT: String(port),
        INNOCITY_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-main-')),
      },
      cwd: ROOT_DIR,
    });
    let stdout = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${stdout}`)), 30_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('InnoCity 已启动')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.json());
    child.kill('SIGTERM');
    expect(stdout).toContain(`http://127.0.0.1:${port}/`);
    // The password comes last, framed, after the address: not lost among the start-up lines.
    const tail = stdout.slice(stdout.indexOf('InnoCity 已启动'));
    expect(tail).toMatch(
      /═{20,}\n.*管理员.*\n\s+账号：admin\n\s+密码：\S{10,}\n[^]*reset-password admin\n═{20,}\n\s*$/,
    );
    expect(health).toMatchObject({ status: 'ok', database: 'sqlite' });
  });
});
