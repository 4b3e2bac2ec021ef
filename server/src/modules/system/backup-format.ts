import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import type { Dialect } from '../../db/connection.ts';

/**
 * The backup file: gzip'd JSON lines, streamed both ways so a deployment with gigabytes of evidence
 * never holds its backup in memory. A header line, then one line per row, then each file as a
 * header line and 1 MB base64 chunks, then an end line with the counts. A file cut short lacks the
 * end line (and gzip's own length and CRC check), so truncation is always noticed before restoring.
 */

export const BACKUP_FORMAT = 'innocity-backup';
export const BACKUP_VERSION = 1;
export const CHUNK_BYTES = 1024 * 1024;

/** A refusal the operator can act on: one Chinese sentence, nothing written. */
export class BackupError extends Error {}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  dialect: Dialect;
  migration: string;
  createdAt: string;
}

export interface BackupTotals {
  rowCounts: Record<string, number>;
  files: number;
  fileBytes: number;
}

export type BackupSummary = BackupHeader & BackupTotals;

export type BackupLine =
  | { table: string; row: Record<string, unknown> }
  | { file: string; size: number; sha256: string }
  | { chunk: string }
  | { end: BackupTotals };

/** Writes lines into a gzip stream with back-pressure; the file appears under its name only once complete. */
export class BackupWriter {
  // Level 1: evidence is mostly PDF, JPEG and DOCX, already compressed; its base64 shrinks back to
  // about its own size at any level, and a higher one only costs CPU on a shared server.
  private readonly gzip = createGzip({ level: 1 });
  private readonly done: Promise<void>;
  private readonly partial: string;

  constructor(private readonly target: string) {
    this.partial = `${target}.part`;
    this.done = pipeline(this.gzip, fs.createWriteStream(this.partial));
    // A write error surfaces through `done`; without this, an unhandled rejection would end the process first.
    this.done.catch(() => undefined);
  }

  async write(line: BackupHeader | BackupLine): Promise<void> {
    if (!this.gzip.write(`${JSON.stringify(line)}\n`)) await Promise.race([once(this.gzip, 'drain'), this.done]);
  }

  async finish(): Promise<void> {
    this.gzip.end();
    await this.done;
    await fs.promises.rename(this.partial, this.target);
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    await this.done.catch(() => undefined);
    await fs.promises.rm(this.partial, { force: true });
  }
}

/** Every line of a backup file, parsed; gzip and JSON damage become BackupErrors naming the line. */
export async function* readBackupLines(file: string): AsyncGenerator<{ n: number; value: unknown }> {
  const handle = await fs.promises.open(file, 'r').catch(() => {
    throw new BackupError(`找不到或无法读取备份文件：${file}`);
  });
  const gunzip = createGunzip();
  const input = handle.createReadStream();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  // A line (a 1 MB chunk is 1.4 MB of base64) arrives in many pieces: look for the newline only in
  // each new piece, or reading becomes quadratic in the line length.
  let parts: string[] = [];
  let n = 0;
  const parse = (text: string) => {
    n++;
    try {
      return { n, value: JSON.parse(text) as unknown };
    } catch {
      throw new BackupError(`备份文件已损坏：第 ${n} 行不是有效的数据`);
    }
  };
  try {
    for await (const chunk of gunzip) {
      const text = decoder.write(chunk as Buffer);
      let from = 0;
      let cut: number;
      while ((cut = text.indexOf('\n', from)) >= 0) {
        parts.push(text.slice(from, cut));
        const line = parts.join('');
        parts = [];
        from = cut + 1;
        yield parse(line);
      }
      if (from < text.length) parts.push(text.slice(from));
    }
  } catch (err) {
    if (err instanceof BackupError) throw err;
    const code = (err as { code?: string }).code;
    if (n === 0 && code === 'Z_DATA_ERROR') throw new BackupError(`不是平台的备份文件：${file}`);
    throw new BackupError(
      `备份文件已损坏或不完整（${code === 'Z_BUF_ERROR' ? '文件被截断' : (err as Error).message}）`,
    );
  } finally {
    gunzip.destroy();
    await handle.close().catch(() => undefined);
  }
  const rest = parts.join('') + decoder.end();
  if (rest.trim() !== '') yield parse(rest);
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Checks the header: this platform's format, a version this program reads, a schema it knows. */
export function checkHeader(value: unknown, file: string, knownMigrations: string[]): BackupHeader {
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) throw new BackupError(`不是平台的备份文件：${file}`);
  const h = value as unknown as BackupHeader;
  if (typeof h.version !== 'number' || h.version > BACKUP_VERSION)
    throw new BackupError(`备份文件格式版本 ${String(h.version)} 比本程序新，请先升级平台再恢复`);
  if (h.version !== BACKUP_VERSION) throw new BackupError(`不支持的备份文件格式版本：${String(h.version)}`);
  if (typeof h.migration !== 'string' || !knownMigrations.includes(h.migration))
    throw new BackupError(`备份来自更新版本的数据库结构（${String(h.migration)}），请先升级平台再恢复`);
  if (h.dialect !== 'sqlite' && h.dialect !== 'postgres')
    throw new BackupError(`备份文件头有误：未知的数据库类型 ${String(h.dialect)}`);
  return h;
}

/** A stored file's path must stay inside the files folder it is restored into. */
export function safeRelativePath(p: unknown): p is string {
  if (typeof p !== 'string' || p === '' || p.includes('\0') || path.posix.isAbsolute(p) || p.includes('\\'))
    return false;
  return !p.split('/').some((s) => s === '' || s === '.' || s === '..');
}

/**
 * Reads the whole file once and checks everything a restore relies on — header, every line, every
 * file's size and SHA-256, the end line's counts — so a restore never starts on a file it cannot finish.
 */
export async function verifyBackup(file: string, knownMigrations: string[]): Promise<BackupSummary> {
  let header: BackupHeader | null = null;
  const rowCounts: Record<string, number> = {};
  let files = 0;
  let fileBytes = 0;
  let open: { path: string; size: number; sha256: string; got: number; hash: ReturnType<typeof createHash> } | null =
    null;
  let end: BackupTotals | null = null;
  const closeFile = (n: number) => {
    if (!open) return;
    if (open.got !== open.size || open.hash.digest('hex') !== open.sha256)
      throw new BackupError(`备份文件已损坏：附件 ${open.path} 的内容与校验值不符（第 ${n} 行之前）`);
    open = null;
  };
  for await (const { n, value } of readBackupLines(file)) {
    if (!header) {
      header = checkHeader(value, file, knownMigrations);
      continue;
    }
    if (end) throw new BackupError(`备份文件已损坏：结尾标记之后还有内容（第 ${n} 行）`);
    const bad = () => new BackupError(`备份文件已损坏：第 ${n} 行内容不合格式`);
    if (!isRecord(value)) throw bad();
    if ('chunk' in value) {
      if (!open || typeof value.chunk !== 'string') throw bad();
      const bytes = Buffer.from(value.chunk, 'base64');
      open.got += bytes.length;
      open.hash.update(bytes);
      continue;
    }
    closeFile(n);
    if ('table' in value) {
      if (typeof value.table !== 'string' || !isRecord(value.row) || files > 0) throw bad();
      rowCounts[value.table] = (rowCounts[value.table] ?? 0) + 1;
    } else if ('file' in value) {
      if (!safeRelativePath(value.file)) throw new BackupError(`备份中的附件路径不合法：${String(value.file)}`);
      if (!Number.isSafeInteger(value.size) || typeof value.sha256 !== 'string') throw bad();
      open = { path: value.file, size: value.size as number, sha256: value.sha256, got: 0, hash: createHash('sha256') };
      files++;
      fileBytes += open.size;
    } else if ('end' in value && isRecord(value.end)) {
      end = value.end as unknown as BackupTotals;
    } else throw bad();
  }
  if (!header) throw new BackupError(`不是平台的备份文件：${file}（文件是空的）`);
  if (!end) throw new BackupError('备份文件不完整：没有结尾标记，可能在写入或复制时被截断');
  const expected = end.rowCounts ?? {};
  for (const t of new Set([...Object.keys(expected), ...Object.keys(rowCounts)])) {
    if ((expected[t] ?? 0) !== (rowCounts[t] ?? 0))
      throw new BackupError(`备份文件不完整：表 ${t} 应有 ${expected[t] ?? 0} 行，实有 ${rowCounts[t] ?? 0} 行`);
  }
  if (end.files !== files) throw new BackupError(`备份文件不完整：应有 ${end.files} 个附件，实有 ${files} 个`);
  return { ...header, rowCounts: expected, files, fileBytes };
}
