import { readFile, stat, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { PlanImportError } from '@innocity/shared/importer/docx-text';
import { importPlanDocx, importPlanText } from '@innocity/shared/importer/import-plan';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { formatProposalSummary } from '@innocity/shared/importer/proposal-summary';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AppError } from './http/errors.ts';
import type { AuditContext } from './modules/audit/audit.repo.ts';
import { exportPack, loadPackFromJson } from './modules/plans/plan-pack-transfer.ts';
import { filesDirOf } from './modules/reporting/attachment.service.ts';
import { moveFilesToStore } from './modules/reporting/attachment.move.ts';
import { evidenceStore } from './modules/reporting/attachment.store.ts';
import { BackupError, createBackup, restoreBackup } from './modules/system/backup.service.ts';
import { nowIso } from './time.ts';
import { resetPasswordCommand, ResetUsageError } from './cli-reset-password.ts';

/**
 * Command line of the platform: `npm run --silent cli -- <command> …`. Each command is one entry of
 * COMMANDS; bad input ends with one Chinese line on stderr and exit code 2, never a stack trace.
 */

/** A problem with what the user asked for (exit code 2). */
class UsageError extends Error {}

interface Command {
  usage: string;
  description: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  'import-plan': {
    usage: 'import-plan <文件.md|.txt|.docx> [--json]',
    description: '读取方案文档，输出识别出的方案结构（--json 输出 JSON，警告写到标准错误）',
    run: importPlanCommand,
  },
  'load-pack': {
    usage: 'load-pack <数据包.json>',
    description: '把方案数据包载入数据库（DATABASE_URL 指定），按包中的地区归档；同编码的方案已存在则不改动',
    run: loadPackCommand,
  },
  'export-pack': {
    usage: 'export-pack <方案编码> <数据包.json>',
    description: '把方案导出为数据包（含所属地区），供另一套部署用 load-pack 载入',
    run: exportPackCommand,
  },
  'reset-password': {
    usage: 'reset-password <用户名>',
    description: '为忘记密码的账号（如 admin）生成临时密码，首次登录须修改',
    run: resetPasswordCommand,
  },
  backup: {
    usage: 'backup <备份文件>',
    description: '备份整个数据库和附件到一个文件（服务运行中也可备份，内容为同一时刻的快照）',
    run: (args) => backupCommand('backup', args),
  },
  restore: {
    usage: 'restore <备份文件>',
    description: '把备份恢复到空的数据库（DATABASE_URL 指定）和空的附件目录',
    run: (args) => backupCommand('restore', args),
  },
  'move-files-to-db': {
    usage: 'move-files-to-db',
    description:
      '把旧版本存在本机磁盘（数据目录 files/）的佐证材料移入文件存储（INNOCITY_FILE_STORE：数据库或 S3），多实例时在每台上各运行一次',
    run: moveFilesCommand,
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  npm run --silent cli -- ${c.usage}\n      ${c.description}`);
  return `用法：\n${lines.join('\n')}`;
}

async function importPlanCommand(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--json');
  if (unknown.length > 0) throw new UsageError(`未知选项：${unknown.join(' ')}\n${usage()}`);
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length !== 1) throw new UsageError(`请指定一个方案文件。\n${usage()}`);
  const proposal = await importFile(files[0] ?? '');
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(proposal, null, 2)}\n`);
    for (const w of proposal.warnings) process.stderr.write(`警告：第 ${w.source.line} 行：${w.message}\n`);
  } else {
    process.stdout.write(formatProposalSummary(proposal));
  }
  return 0;
}

/** The deployment's database, migrated, for the commands that read or write it; closed after `work`. */
async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    throw new UsageError(err instanceof ConfigError ? `配置有误：${err.problems.join('；')}` : String(err));
  }
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const cliContext = (): AuditContext => ({ actor: null, requestId: null, ip: null, now: nowIso() });

async function loadPackCommand(args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError(`请指定一个数据包文件。\n${usage()}`);
  const raw = await readJson(args[0]!);
  const loaded = await withDatabase((db) => loadPackFromJson(db, raw, cliContext()).catch(asUsageError));
  process.stdout.write(
    loaded.created
      ? `已载入方案“${loaded.title}”（编码 ${loaded.code}，地区 ${loaded.region}）\n`
      : `方案“${loaded.title}”（编码 ${loaded.code}）已存在，未改动（补齐了数据包新增的台账类型和指标数据项）\n`,
  );
  return 0;
}

async function exportPackCommand(args: string[]): Promise<number> {
  if (args.length !== 2) throw new UsageError(`请指定方案编码和输出文件。\n${usage()}`);
  const [code, out] = args as [string, string];
  const pack = await withDatabase((db) => exportPack(db, code).catch(asUsageError));
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), out);
  await writeFile(path, `${JSON.stringify(pack, null, 2)}\n`).catch(() => {
    throw new UsageError(`无法写入文件：${out}`);
  });
  process.stdout.write(`已导出方案“${pack.plan.title}”到 ${out}（地区 ${(pack.plan.regionPath ?? []).join(' / ')}）\n`);
  return 0;
}

async function backupCommand(kind: 'backup' | 'restore', args: string[]): Promise<number> {
  if (args.length !== 1) throw new UsageError(`请指定一个备份文件。\n${usage()}`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    throw new UsageError(err instanceof ConfigError ? `配置有误：${err.problems.join('；')}` : String(err));
  }
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), args[0]!);
  const database = await openDatabase(config.database);
  try {
    const files = filesDirOf(config.dataDir);
    const m =
      kind === 'backup'
        ? await createBackup(database.db, database.dialect, files, file, nowIso())
        : await restoreBackup(database.db, database.dialect, files, file);
    const rows = Object.values(m.rowCounts).reduce((a, b) => a + b, 0);
    const mb = (m.fileBytes / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `${kind === 'backup' ? '已备份到' : '已恢复自'} ${args[0]}：${Object.keys(m.rowCounts).length} 张表 ${rows} 行数据，` +
        `${m.files} 个附件 ${mb} MB（备份时间 ${m.createdAt}，结构版本 ${m.migration}）\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BackupError) throw new UsageError(err.message);
    throw err;
  } finally {
    await database.close();
  }
}

async function moveFilesCommand(args: string[]): Promise<number> {
  if (args.length !== 0) throw new UsageError(`move-files-to-db 不需要参数。\n${usage()}`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    throw new UsageError(err instanceof ConfigError ? `配置有误：${err.problems.join('；')}` : String(err));
  }
  const r = await withDatabase((db) =>
    moveFilesToStore(db, evidenceStore(config.fileStore), filesDirOf(config.dataDir)).catch(asUsageError),
  );
  const where = config.fileStore.kind === 's3' ? 'S3 对象存储' : '数据库';
  process.stdout.write(`已把 ${r.moved} 个附件（${(r.bytes / 1024 / 1024).toFixed(1)} MB）移入${where}\n`);
  for (const key of r.damaged)
    process.stderr.write(`警告：附件文件 ${key} 与上传时的校验值不符，未移动，仍留在磁盘上\n`);
  return r.damaged.length > 0 ? 1 : 0;
}

/** The platform's own refusals (a pack with errors, no such plan) are the user's to fix: one line, exit 2. */
function asUsageError(err: unknown): never {
  if (err instanceof AppError) throw new UsageError(err.message);
  throw err;
}

async function readJson(file: string): Promise<unknown> {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`找不到或无法读取文件：${file}`);
  });
  try {
    return JSON.parse(text.replace(/^\ufeff/, ''));
  } catch (err) {
    throw new UsageError(`数据包不是有效的 JSON：${file}（${(err as Error).message}）`);
  }
}

/** Reads a plan file; paths are relative to where the user ran npm, not to the repository root. */
async function importFile(file: string): Promise<PlanProposal> {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const info = await stat(path).catch(() => null);
  if (!info) throw new UsageError(`找不到文件：${file}`);
  if (!info.isFile()) throw new UsageError(`不是文件：${file}`);
  const bytes = new Uint8Array(
    await readFile(path).catch(() => {
      throw new UsageError(`无法读取文件：${file}（请检查权限）`);
    }),
  );
  const ext = extname(path).toLowerCase();
  if (ext === '.doc') throw new UsageError('不支持旧版 Word 格式（.doc），请在 Word 中另存为 .docx 后再导入');
  // A .docx is a zip (PK…); one renamed to .txt is still read as a Word document.
  if (ext === '.docx' || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return importPlanDocx(bytes);
  }
  return importPlanText(decodeText(bytes, file));
}

function decodeText(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    throw new UsageError(`文件不是 UTF-8 编码：${file}（若为 GBK 编码，请另存为 UTF-8 后再导入）`);
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) throw new UsageError(`请指定命令。\n${usage()}`);
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`未知命令：${name}\n${usage()}`);
  return command.run(args);
}

// exitCode, not exit(): a large JSON written to a pipe must be flushed before the process ends.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof PlanImportError || err instanceof ResetUsageError;
    process.stderr.write(`${known ? err.message : `内部错误：${err instanceof Error ? err.message : String(err)}`}\n`);
    process.exitCode = known ? 2 : 1;
  },
);
