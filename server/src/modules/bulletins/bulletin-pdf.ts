import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_DIR } from '../../config.ts';
import { AppError } from '../../http/errors.ts';

/** The fontconfig file that maps 仿宋_GB2312, 方正小标宋简体, 黑体 and 宋体 to Noto CJK, and 楷体_GB2312 to AR PL UKai. */
export const FONTS_CONF = path.join(ROOT_DIR, 'server/assets/fonts.conf');
const CANDIDATES = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];
const TIMEOUT_MS = 120_000;

/** The LibreOffice binary: SOFFICE_PATH, or the usual Debian places; undefined when not installed. */
export function findSoffice(): string | undefined {
  const given = process.env.SOFFICE_PATH;
  if (given) return fs.existsSync(given) ? given : undefined;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export const pdfUnavailable = () =>
  new AppError(
    503,
    'unavailable',
    '服务器未安装 LibreOffice，暂时无法生成 PDF；请下载 Word 版本，或请管理员安装 libreoffice-writer-nogui',
  );

// One conversion at a time per process: LibreOffice refuses a second instance on the same profile,
// and a fresh profile per call would add seconds to each.
let queue: Promise<unknown> = Promise.resolve();
let profileDir: string | undefined;

function convert(soffice: string, docx: Buffer): Promise<Buffer> {
  if (!profileDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-lo-profile-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    profileDir = dir;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-pdf-'));
  const input = path.join(work, 'bulletin.docx');
  fs.writeFileSync(input, docx);
  const args = [
    '--headless',
    '--norestore',
    '--nolockcheck',
    '--nodefault',
    `-env:UserInstallation=file://${profileDir}`,
    '--convert-to',
    'pdf',
    '--outdir',
    work,
    input,
  ];
  const env = { ...process.env, FONTCONFIG_FILE: FONTS_CONF, HOME: profileDir, SAL_USE_VCLPLUGIN: 'svp' };
  return new Promise<Buffer>((resolve, reject) => {
    execFile(soffice, args, { env, timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
      const output = path.join(work, 'bulletin.pdf');
      try {
        if (err || !fs.existsSync(output)) {
          reject(new Error(`LibreOffice 转换失败：${err?.message ?? ''} ${stderr}`.trim()));
          return;
        }
        resolve(fs.readFileSync(output));
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    });
  });
}

/** Renders a .docx to PDF with LibreOffice headless and the shipped fontconfig; 503 when LibreOffice is missing. */
export function renderPdf(docx: Buffer): Promise<Buffer> {
  const soffice = findSoffice();
  if (!soffice) return Promise.reject(pdfUnavailable());
  const next = queue.then(() => convert(soffice, docx));
  queue = next.catch(() => undefined);
  return next;
}
