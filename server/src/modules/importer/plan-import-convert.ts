import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PlanImportError } from '@innocity/shared/importer/docx-text';

/**
 * Documents the importer reads through a program of the server: .doc and .wps through LibreOffice
 * (converted to .docx), PDF through poppler's pdftotext (its text layer). Where a program is not
 * installed the office is told so in Chinese, and what to upload instead.
 */
export const converters = { soffice: 'soffice', pdftotext: 'pdftotext' };

const TIMEOUT_MS = 60_000;
// A PDF whose text layer holds less than this many visible characters is a scan, not a plan's text.
const MIN_PDF_TEXT = 20;

export type Conversion = 'office' | 'pdf' | null;

const isPdf = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/** Whether an upload needs a converter: by its name, or by its bytes when the name hides them. */
export function conversionOf(fileName: string, bytes: Uint8Array): Conversion {
  const ext = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0] ?? '';
  if (ext === '.pdf' || isPdf(bytes)) return 'pdf';
  // An old Office file renamed .docx is refused by the .docx reader rather than guessed at.
  if (ext === '.doc' || ext === '.wps' || (isOle(bytes) && ext !== '.docx')) return 'office';
  return null;
}

interface Run {
  stdout: string;
}

function run(program: keyof typeof converters, args: string[], missing: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      converters[program],
      args,
      { timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') reject(new PlanImportError(missing));
        else if (err) reject(err);
        else resolve({ stdout });
      },
    );
  });
}

async function inTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'innocity-import-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A .doc or .wps as .docx bytes, converted by LibreOffice in a profile of its own (runs never share a lock). */
export function officeToDocx(bytes: Uint8Array, fileName: string): Promise<Uint8Array> {
  const ext = /\.(doc|wps)$/i.exec(fileName)?.[0]?.toLowerCase() ?? '.doc';
  return inTempDir(async (dir) => {
    const input = path.join(dir, `plan${ext}`);
    await writeFile(input, bytes);
    const missing = '服务器未安装 LibreOffice，无法读取 .doc、.wps 文件；请在 Word 或 WPS 中另存为 .docx 后再导入';
    const args = [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--norestore',
      '--convert-to',
      'docx',
      '--outdir',
      dir,
      input,
    ];
    try {
      await run('soffice', args, missing);
      return new Uint8Array(await readFile(path.join(dir, 'plan.docx')));
    } catch (err) {
      if (err instanceof PlanImportError) throw err;
      throw new PlanImportError('LibreOffice 未能转换该文件：文件可能已损坏，或不是 Word/WPS 文档');
    }
  });
}

/** The text layer of a PDF; a scan without one is refused, since there is nothing to read. */
export function pdfToText(bytes: Uint8Array): Promise<string> {
  return inTempDir(async (dir) => {
    const input = path.join(dir, 'plan.pdf');
    await writeFile(input, bytes);
    const missing = '服务器未安装 pdftotext（poppler-utils），无法读取 PDF；请上传 Word（.docx）或文本格式的方案';
    let text: string;
    try {
      text = (await run('pdftotext', ['-enc', 'UTF-8', '-eol', 'unix', input, '-'], missing)).stdout;
    } catch (err) {
      if (err instanceof PlanImportError) throw err;
      throw new PlanImportError('无法读取 PDF 文件：文件已损坏或不是 PDF');
    }
    // Page breaks (form feeds) are not text.
    text = text.replace(/\f/g, '\n');
    if (text.replace(/\s/g, '').length < MIN_PDF_TEXT)
      throw new PlanImportError('PDF 中没有可读取的文字（可能是扫描件），请上传 Word 文档或带文字层的 PDF');
    return text;
  });
}
