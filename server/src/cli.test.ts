import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, HeadingLevel, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownToDocx } from '../../shared/test-fixtures/importer/docx-builder.ts';
import { JURONG_SOURCE } from '../../shared/test-fixtures/importer/jurong-expected.ts';
import { singleTable } from '../../shared/test-fixtures/importer/variants.ts';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'innocity-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a user would, from the repository root; `npx` as the README says, else node + tsx (faster). */
function cli(args: string[], via: 'npx' | 'node' = 'node'): Promise<Run> {
  const [cmd, pre] = via === 'npx' ? ['npx', ['tsx']] : [process.execPath, ['--import', 'tsx']];
  const child = spawn(cmd, [...pre, 'server/src/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, INIT_CWD: root },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4];

/** A Markdown line as the docx package writes a paragraph: heading levels, bold runs, a page break now and then. */
function docxParagraph(line: string, i: number): Paragraph {
  const level = /^#+/.exec(line)?.[0].length ?? 0;
  const parts = line.replace(/^#+\s*/, '').split('**');
  const runs = parts.map((text, k) => new TextRun({ text, bold: k % 2 === 1, font: { eastAsia: '仿宋_GB2312' } }));
  const children = i % 9 === 8 ? [...runs, new PageBreak()] : runs;
  return new Paragraph({ children, ...(level > 0 ? { heading: HEADINGS[Math.min(level, 4) - 1] } : {}) });
}

/** Jurong's plan as a Word document made by the docx package, pipe tables as Word tables. */
async function docxOf(md: string): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  let rows: string[][] = [];
  const flush = () => {
    const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
    if (rows.length > 0) children.push(new Table({ rows: rows.map((r) => new TableRow({ children: r.map(cell) })) }));
    rows = [];
  };
  md.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('|')) {
      if (!/^\|[\s:|-]+$/.test(line))
        rows.push(
          line
            .slice(1, -1)
            .split('|')
            .map((c) => c.trim()),
        );
      return;
    }
    flush();
    if (line) children.push(docxParagraph(line, i));
  });
  flush();
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe.concurrent('cli import-plan', () => {
  it('prints Jurong’s proposal as JSON with tasks and indicators, no warnings, exit 0', async () => {
    const r = await cli(['import-plan', 'shared/packs/jurong-2022-79.source.md', '--json'], 'npx');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.tasks).toHaveLength(19);
    expect(p.tasks[0]).toMatchObject({
      number: 1,
      title: '做强主导产业集群核心技术',
      leadUnit: '市科技局',
      coUnits: ['市发改委', '市工信局', '各相关镇（街道）'],
    });
    expect(p.indicators).toHaveLength(24);
    expect(p.indicators[0]).toMatchObject({
      name: '专业孵化器',
      comparator: 'range',
      value: null,
      min: 3,
      max: 5,
      unit: '个',
      targetYear: 2025,
    });
    expect(p.plan).toMatchObject({ title: '句容市争创省创新型示范市建设方案', documentNumber: '句委办〔2022〕79号' });
  });

  it('prints a readable Chinese summary without --json', async () => {
    const r = await cli(['import-plan', 'shared/packs/jurong-2022-79.source.md']);
    expect(r.status).toBe(0);
    for (const line of [
      '方案：句容市争创省创新型示范市建设方案',
      '文号：句委办〔2022〕79号',
      '重点领域与任务（6 个领域，19 项任务）',
      '  （六）答好乡村振兴民生答卷',
      '       牵头：市财政局　配合：市地方金融监督管理局、市科技局、市人才办',
      '量化指标（24 项）',
      '  目标4/任务18　全市农业科技进步贡献率：≥ 72 %（2025 年底）',
      '  1. 组织创建（2022—2024 年）',
      '保障措施（5 项）',
      '警告：无',
    ]) {
      expect(r.stdout).toContain(line);
    }
  });

  it('reads a .docx', async () => {
    const r = await cli(['import-plan', file('jurong.docx', markdownToDocx(JURONG_SOURCE)), '--json']);
    expect(r.status).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.tasks).toHaveLength(19);
    expect(p.sourceText).toContain('句委办〔2022〕79号');
  });

  it.each([
    ['paragraphs with bold runs, heading styles and page breaks', JURONG_SOURCE],
    ['a task table', singleTable(JURONG_SOURCE)],
  ])('reads a .docx written by the docx package: %s', async (name, md) => {
    const r = await cli(['import-plan', file(`${name.length}.docx`, await docxOf(md)), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.tasks.map((t: { leadUnit: string }) => t.leadUnit)).toHaveLength(19);
    expect(p.tasks[17]).toMatchObject({
      number: 18,
      title: '巩固农业科技创新成果',
      leadUnit: '市科技局',
      coUnits: ['市农业农村局', '镇江国家农业科技园区'],
    });
    expect(p.indicators).toHaveLength(24);
    expect(p.plan.documentNumber).toBe('句委办〔2022〕79号');
  });

  it('writes each warning to stderr with its line, and still exits 0', async () => {
    const text = JURONG_SOURCE.replace('国际科技合作项目。（责任单位：市科技局、市人才办）', '国际科技合作项目。');
    const line = text.slice(0, text.indexOf('**12. 加强国际')).split('\n').length;
    const r = await cli(['import-plan', file('no-units.md', text), '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`警告：第 ${line} 行：第 12 项任务未找到牵头单位或责任单位\n`);
    expect(JSON.parse(r.stdout).tasks).toHaveLength(19);
  });
});

describe.concurrent('cli errors', () => {
  const gbk = new Uint8Array([0xbe, 0xe4, 0xc8, 0xdd, 0xca, 0xd0]); // 句容市 in GBK
  it.each([
    ['a missing file', ['import-plan', 'no/such/plan.md'], '找不到文件：no/such/plan.md'],
    [
      'an unreadable .docx',
      ['import-plan', file('broken.docx', '这不是 Word 文档')],
      '无法读取 .docx 文件：文件已损坏或不是 Word 文档（.docx）',
    ],
    ['a GBK text file', ['import-plan', file('gbk.txt', gbk)], '文件不是 UTF-8 编码'],
    ['an old .doc', ['import-plan', file('old.doc', 'x')], '不支持旧版 Word 格式（.doc）'],
    ['an unknown command', ['frobnicate'], '未知命令：frobnicate'],
    ['an unknown option', ['import-plan', 'x.md', '--yaml'], '未知选项：--yaml'],
    ['no file', ['import-plan'], '请指定一个方案文件'],
    ['no command', [], '请指定命令'],
  ])('%s: a Chinese message on stderr, exit 2, no stack trace', async (_name, args, message) => {
    const r = await cli(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(r.stdout).toBe('');
  });
});
