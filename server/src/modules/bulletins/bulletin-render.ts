import { createHash } from 'node:crypto';
import type { BulletinContent, FileKind } from '@innocity/shared/api/bulletins';
import { renderBulletinDocx } from './bulletin-docx.ts';
import { renderPdf } from './bulletin-pdf.ts';
import { renderBulletinXlsx } from './bulletin-xlsx.ts';
import type { StoredFile } from './bulletin.repo.ts';

export const MIME: Record<FileKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const stored = (kind: FileKind, bytes: Buffer): StoredFile => ({
  kind,
  bytes,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

/** One file of a bulletin: the Word document, the Excel annexes, or the PDF (LibreOffice; 503 when it is missing). */
export async function renderFile(
  content: BulletinContent,
  issueNumber: number | null,
  kind: FileKind,
): Promise<StoredFile> {
  if (kind === 'docx') return stored(kind, await renderBulletinDocx(content, issueNumber, 'word'));
  if (kind === 'xlsx') return stored(kind, await renderBulletinXlsx(content));
  return stored(kind, await renderPdf(await renderBulletinDocx(content, issueNumber, 'libreoffice')));
}

/** The file name users download: 2025年第3期 关于….docx, or 草稿 关于….docx. */
export function fileName(
  b: { issueNumber: number | null; year: number; content: BulletinContent },
  kind: FileKind,
): string {
  const prefix = b.issueNumber === null ? '草稿' : `${b.year}年第${b.issueNumber}期`;
  const suffix = kind === 'xlsx' ? '（附件表格）' : '';
  return `${prefix} ${b.content.title}${suffix}.${kind}`.replace(/[\\/:*?"<>|]/g, '_');
}
