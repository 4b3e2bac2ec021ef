import { ConfigError, loadConfig } from './config.ts';
import { DatabaseUnreachableError } from './db/connection.ts';
import { passwordBanner } from './modules/users/password-reset-cli.ts';
import { bootstrap } from './bootstrap.ts';
import { buildApp } from './app.ts';
import { startReportingScheduler } from './modules/reporting/scheduler.ts';
import { startProvinceWarmer } from './modules/province/province-warmer.ts';

/** Starts the platform; any start-up problem ends the process with one clear Chinese line, not a stack trace. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { database, generatedAdminPassword } = await bootstrap(config);
  const app = await buildApp({ config, database });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await database.close();
    throw err;
  }
  const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL';
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  // One write, the password last and framed, so it is neither split from the URL nor lost above it.
  // Printed once, to the console only: the log never holds it.
  const banner = generatedAdminPassword
    ? passwordBanner('admin', generatedAdminPassword, '已创建管理员账号，请用以下初始密码登录')
    : '';
  process.stdout.write(`\nInnoCity 已启动：${url}（数据库：${where}）\n${banner}\n`);
  // Reminders before and after cut-offs, and the retrying outgoing deliveries.
  const stopScheduler = startReportingScheduler(database.db, {
    timeZone: config.timeZone,
    onError: (err) => app.log.error({ err }, 'scheduler run failed'),
  });
  // The province view's per-county figures evaluated and stored for today in the background.
  const stopWarmer = startProvinceWarmer(database.db, {
    timeZone: config.timeZone,
    onError: (err) => app.log.error({ err }, 'province warm-up failed'),
  });
  const stop = async () => {
    stopWarmer();
    stopScheduler();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`启动失败：${describe(err)}\n`);
  process.exit(1);
});

function describe(err: unknown): string {
  if (err instanceof ConfigError || err instanceof DatabaseUnreachableError) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EADDRINUSE')
    return `端口已被占用（${e.message.replace(/^.*address already in use\s*/, '')}），请设置其他 PORT 或停止占用该端口的程序`;
  if (e.code === 'EACCES') return `没有权限监听该端口：${e.message}`;
  if (e.code === 'SQLITE_CANTOPEN') return `无法打开 SQLite 数据库文件：${e.message}`;
  return e.message ?? String(err);
}
