import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { PlanImportError } from '@innocity/shared/importer/docx-text';
import { importPlanDocx, importPlanText } from '@innocity/shared/importer/import-plan';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { formatProposalSummary } from '@innocity/shared/importer/proposal-summary';
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
  'reset-password': {
    usage: 'reset-password <用户名>',
    description: '为忘记密码的账号（如 admin）生成临时密码，首次登录须修改',
    run: resetPasswordCommand,
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
