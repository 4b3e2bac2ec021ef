import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { markdownToDocx } from '../../test-fixtures/importer/docx-builder.ts';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { readPlanText, readPlanUpload } from './upload.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readPlanUpload', () => {
  it('reads Markdown and plain text, and keeps the text the sources point into', async () => {
    const { proposal, sourceText } = await readPlanUpload('方案.md', utf8(`\ufeff${JURONG_SOURCE}`));
    expect(proposal.tasks).toHaveLength(19);
    expect(sourceText).toBe(JURONG_SOURCE);
    expect(proposal).not.toHaveProperty('sourceText');
    const t1 = proposal.tasks[0]!;
    expect(sourceText.slice(t1.source.start, t1.source.end)).toContain(t1.title);
  });

  it('reads a .docx, also one renamed to .txt, with sources into its extracted text', async () => {
    const docx = markdownToDocx(JURONG_SOURCE);
    for (const name of ['方案.docx', '方案.txt']) {
      const { proposal, sourceText } = await readPlanUpload(name, docx);
      expect(proposal.tasks).toHaveLength(19);
      const t5 = proposal.tasks[4]!;
      expect(sourceText.slice(t5.source.start, t5.source.end)).toContain(t5.title);
    }
  });

  it('normalizes Windows line ends so offsets match what the review shows', () => {
    const { sourceText } = readPlanText(JURONG_SOURCE.replace(/\n/g, '\r\n'));
    expect(sourceText).toBe(JURONG_SOURCE);
  });

  it.each([
    [
      '方案.doc',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]),
      '不支持旧版 Word 格式（.doc），请在 Word 中另存为 .docx 后再导入',
    ],
    ['方案.pdf', utf8('%PDF-1.7'), '不支持 PDF 文件，请上传 Word（.docx）或文本（.md、.txt）格式的方案'],
    ['方案.xlsx', utf8('x'), '只接受 .docx、.md、.markdown、.txt、.doc、.wps、.pdf 文件，收到的是“方案.xlsx”'],
    ['方案.docx', utf8('not a zip'), '文件不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名'],
    [
      '方案.txt',
      new Uint8Array([0xb7, 0xbd, 0xb0, 0xb8]),
      '文件不是 UTF-8 编码的文本（若为 GBK 编码，请另存为 UTF-8 后再导入）',
    ],
    ['方案.txt', utf8('  \n '), '文件内容为空'],
    [
      '方案.docx',
      zipSync({ 'word/other.xml': strToU8('<x/>') }),
      '无法读取 .docx 文件：缺少 word/document.xml，可能不是 Word 文档',
    ],
  ])('refuses %s with a Chinese reason', async (name, bytes, message) => {
    await expect(readPlanUpload(name, bytes)).rejects.toThrow(message);
  });
});
