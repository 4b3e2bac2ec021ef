import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import type { PlanImportDraft } from '@innocity/shared/api/plan-imports';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { converters } from './plan-import-convert.ts';
import { planTableCounts, upload } from './plan-import-kit.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../shared/test-fixtures/importer/lo/${name}`, import.meta.url));

// A PDF page with no text layer, as a scanner writes it (here without even the image).
const SCANNED_PDF = [
  '%PDF-1.4',
  '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
  '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
  '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
  'trailer << /Root 1 0 R >>',
  '%%EOF',
].join('\n');

describe.each(TEST_DIALECTS)('plan import: documents of every kind and bad input on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  const saved = { ...converters };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const u = await createUser(t.db, { roles: ['office'] });
    office = await t.login(u.username, u.password);
  });
  afterEach(() => Object.assign(converters, saved));
  afterAll(() => t.close());

  const drafts = async () =>
    (await office.request({ method: 'GET', url: '/api/plan-imports' })).json().items.length as number;

  /** Uploads a file that must be refused: 400 with the message on the file field, nothing stored. */
  async function refused(name: string, bytes: Uint8Array | string, message: string | RegExp) {
    const before = { drafts: await drafts(), tables: await planTableCounts(t.db) };
    const res = await upload(office, name, bytes);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(message);
    expect(res.json().error.details.issues[0].path).toBe('file');
    expect({ drafts: await drafts(), tables: await planTableCounts(t.db) }).toEqual(before);
  }

  it('reads a PDF through its text layer and a .doc through LibreOffice', async () => {
    const pdf = await upload(office, '溪口方案.pdf', fixture('lo-plan.pdf'));
    expect(pdf.statusCode, pdf.body).toBe(201);
    const fromPdf = pdf.json() as PlanImportDraft;
    expect(fromPdf.proposal.tasks.map((x) => [x.title, x.leadUnit])).toEqual([
      ['建设研发平台', '县科技局'],
      ['引进科技人才', '县人社局'],
    ]);
    expect(fromPdf.sourceText).toContain('溪政办〔2024〕7 号');
    const doc = await upload(office, '溪口方案.doc', fixture('lo-plan.doc'));
    expect(doc.statusCode, doc.body).toBe(201);
    const fromDoc = doc.json() as PlanImportDraft;
    expect(fromDoc.proposal.plan.title).toBe('溪口县科技创新行动方案（2024—2026年）');
    expect(fromDoc.proposal.tasks.map((x) => x.leadUnit)).toEqual(['县科技局', '县人社局', '县科协']);
  });

  it('says in Chinese which converter is missing, and stores nothing', async () => {
    converters.pdftotext = '/nonexistent/pdftotext';
    converters.soffice = '/nonexistent/soffice';
    await refused('方案.pdf', fixture('lo-plan.pdf'), /服务器未安装 pdftotext/);
    await refused('方案.doc', fixture('lo-plan.doc'), /服务器未安装 LibreOffice/);
    await refused('方案.wps', fixture('lo-plan.doc'), /服务器未安装 LibreOffice/);
  });

  it('refuses an empty file, a scan without text, a spreadsheet renamed .docx and a .docx bomb', async () => {
    await refused('方案.docx', new Uint8Array(0), '文件是空的');
    await refused('扫描件.pdf', SCANNED_PDF, /没有可读取的文字（可能是扫描件）/);
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    await refused('方案.docx', xlsx, /Excel 表格/);
    await refused('方案.docx', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), /旧版 Office 文件/);
    // 70 MB of text packs into a few kilobytes: refused from the sizes the zip declares, before unpacking.
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(70 * 1024 * 1024).fill(0x61) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused('方案.docx', bomb, 'Word 文档内容过大，无法导入');
  });

  it('refuses a 50 MB file while it streams in, in Chinese, storing nothing', async () => {
    const before = await drafts();
    const res = await upload(office, '方案.docx', new Uint8Array(50 * 1024 * 1024).fill(0x41));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: '提交的内容过大' });
    expect(await drafts()).toBe(before);
  });
});
