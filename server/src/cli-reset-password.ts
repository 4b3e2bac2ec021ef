import { ConfigError, loadConfig } from './config.ts';
import { DatabaseUnreachableError, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { passwordBanner, resetPasswordFromConsole, ResetRefused } from './modules/users/password-reset-cli.ts';
import { nowIso } from './time.ts';

/** What the command line says went wrong with the user's request (exit code 2). */
export class ResetUsageError extends Error {}

/**
 * `reset-password <用户名>`: for an administrator who lost the password. It needs the server's
 * configuration (DATABASE_URL or the data directory), so only someone at the server can run it.
 */
export async function resetPasswordCommand(args: string[]): Promise<number> {
  const names = args.filter((a) => !a.startsWith('-'));
  if (names.length !== 1 || names.length !== args.length)
    throw new ResetUsageError('用法：npm run --silent cli -- reset-password <用户名>，如 reset-password admin');
  const username = names[0]!;
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new ResetUsageError(err.message);
    throw err;
  }
  const database = await openDatabase(config.database).catch((err: unknown) => {
    if (err instanceof DatabaseUnreachableError) throw new ResetUsageError(err.message);
    throw err;
  });
  try {
    await migrateToLatest(database.db);
    const password = await resetPasswordFromConsole(database.db, username, {
      actor: null,
      requestId: null,
      ip: null,
      now: nowIso(),
    });
    process.stdout.write(`${passwordBanner(username, password, '已重置密码，该账号的所有登录已退出')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ResetRefused) throw new ResetUsageError(err.message);
    throw err;
  } finally {
    await database.close();
  }
}
