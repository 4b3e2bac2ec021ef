import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectJurongFrame, expectJurongTargets, expectJurongTasks } from '../../test-fixtures/importer/assertions.ts';
import { markdownToDocx } from '../../test-fixtures/importer/docx-builder.ts';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { perAreaTables, singleTable } from '../../test-fixtures/importer/variants.ts';
import { docxToText, PlanImportError } from './docx-text.ts';
import { importPlanDocx } from './import-plan.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (body: string): Uint8Array =>
  zipSync({
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ),
  });

describe('docxToText', () => {
  it('joins a paragraph’s runs, decodes entities and ignores deleted text', async () => {
    const text = await docxToText(
      docx(
        '<w:p><w:r><w:t>科技型中小企业</w:t></w:r><w:r><w:t xml:space="preserve"> 400 </w:t></w:r><w:del><w:r><w:delText>300</w:delText></w:r></w:del><w:r><w:t>家&amp;&lt;&#x4E00;&gt;</w:t></w:r></w:p>',
      ),
    );
    expect(text).toBe('科技型中小企业 400 家&<一>');
  });

  it('marks heading styles with # and keeps soft line breaks, but not page breaks', async () => {
    const text = await docxToText(
      docx(
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>一、总体思路</w:t></w:r></w:p>' +
          '<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t><w:br w:type="page"/><w:t>续</w:t></w:r></w:p><w:p/>',
      ),
    );
    expect(text.split('\n')).toEqual(['## 一、总体思路', '第一行', '第二行续', '']);
  });

  it('writes a table as one "| a | b |" line per row, a nested table inside its cell', async () => {
    const cell = (inner: string): string => `<w:tc>${inner}</w:tc>`;
    const p = (t: string): string => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const nested = `<w:tbl><w:tr>${cell(p('甲'))}${cell(p('乙'))}</w:tr></w:tbl>`;
    const text = await docxToText(
      docx(
        `<w:tbl><w:tr>${cell(p('序号'))}${cell(p('任务'))}</w:tr><w:tr>${cell(p('1'))}${cell(p('一段') + p('二段') + nested)}</w:tr></w:tbl>`,
      ),
    );
    expect(text.split('\n').filter(Boolean)).toEqual(['| 序号 | 任务 |', '| 1 | 一段 二段 甲 乙 |']);
  });

  it('writes Word’s automatic list numbers as Word shows them (each %n in its own level’s format), and no bullets', async () => {
    const lvl = (i: number, fmt: string, text: string) =>
      `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`;
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'decimal', '%1.%2')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '•')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`;
    const item = (numId: number, ilvl: number, t: string) =>
      `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${t}</w:t></w:r></w:p>`;
    const body =
      item(1, 0, '总体') +
      item(1, 1, '甲') +
      item(1, 1, '乙') +
      item(2, 0, '要点') +
      item(1, 0, '任务') +
      item(1, 1, '丙');
    const bytes = zipSync({
      'word/document.xml': strToU8(`<w:document ${W}><w:body>${body}</w:body></w:document>`),
      'word/numbering.xml': strToU8(numbering),
    });
    expect((await docxToText(bytes)).split('\n')).toEqual([
      '一、总体',
      '一.1甲',
      '一.2乙',
      '要点',
      '二、任务',
      '二.1丙',
    ]);
  });

  it('rejects a file that is not a zip, in Chinese', async () => {
    await expect(docxToText(strToU8('这不是 Word 文档'))).rejects.toThrow(PlanImportError);
    await expect(docxToText(strToU8('这不是 Word 文档'))).rejects.toThrow(/无法读取 \.docx 文件/);
  });

  it('rejects a zip without word/document.xml', async () => {
    await expect(docxToText(zipSync({ 'a.txt': strToU8('x') }))).rejects.toThrow(/缺少 word\/document\.xml/);
  });
});

describe('importPlanDocx on Jurong’s plan as Word documents', () => {
  it('reads paragraphs split into runs, bold titles, heading styles and page breaks', async () => {
    const p = await importPlanDocx(markdownToDocx(JURONG_SOURCE, { pageBreakEvery: 5 }));
    expectJurongTasks(p);
    expectJurongTargets(p);
    expectJurongFrame(p);
  });

  it('reads a document whose numbers are Word’s automatic numbering, headings numbered by their style', async () => {
    const p = await importPlanDocx(markdownToDocx(JURONG_SOURCE, { autoNumbering: true }));
    expectJurongTasks(p);
    expectJurongTargets(p);
    expectJurongFrame(p);
  });

  it('returns the extracted text, and sources point into it', async () => {
    const p = await importPlanDocx(markdownToDocx(JURONG_SOURCE));
    const text = p.sourceText ?? '';
    const t1 = p.tasks[0];
    expect(text.slice(t1?.source.start, t1?.source.end)).toMatch(
      /^1\. 做强主导产业集群核心技术。.*各相关镇（街道））$/,
    );
    const area = p.indicators.find((i) => i.unit === '万平方米');
    expect(text.slice(area?.source.start, area?.source.end)).toBe('科技企业孵化器孵化总面积突破 120 万平方米');
    expect(text.split('\n')[(area?.source.line ?? 0) - 1]).toContain('突破 120 万平方米');
  });

  it.each([
    ['per-area tables', perAreaTables(JURONG_SOURCE)],
    ['one table with a merged area column', singleTable(JURONG_SOURCE)],
  ])('reads task tables (%s)', async (_name, md) => {
    const p = await importPlanDocx(markdownToDocx(md));
    expectJurongTasks(p);
    expectJurongTargets(p);
    expectJurongFrame(p);
  });
});
