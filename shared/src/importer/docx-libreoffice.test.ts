import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docxToText } from './docx-text.ts';
import { importPlanDocx } from './import-plan.ts';

// Saved by LibreOffice (`soffice --headless --convert-to docx lo-plan.fodt`, both committed): a text
// box (written as mc:AlternateContent, a wps Choice and a VML Fallback), a tracked insertion and
// deletion, an automatic numbered list and a table — none of them written by our own builder.
const docx = readFileSync(new URL('../../test-fixtures/importer/lo/lo-plan.docx', import.meta.url));

describe('a .docx saved by LibreOffice', () => {
  it('reads a text box once, with the paragraph that anchors it', async () => {
    const text = await docxToText(docx);
    expect(text.match(/文本框里的说明只读一次/g)).toHaveLength(1);
    expect(text).toContain('本段附有文本框。');
  });

  it('reads tracked changes as the text now stands: insertions kept, deletions left out', async () => {
    const text = await docxToText(docx);
    expect(text).toContain('到2026年，高新技术企业达到120家。');
    expect(text).not.toContain('已删除的旧目标');
  });

  it('imports its numbered tasks, table row and targets', async () => {
    const p = await importPlanDocx(docx);
    expect(p.plan).toMatchObject({ title: '溪口县科技创新行动方案（2024—2026年）', targetYear: 2026 });
    expect(p.plan.documentNumber).toBe('溪政办〔2024〕7号');
    expect(p.tasks.map((t) => [t.number, t.title, t.leadUnit, t.coUnits])).toEqual([
      [1, '建设研发平台', '县科技局', ['县工信局']],
      [2, '引进科技人才', '县人社局', []],
      [3, '举办科技活动周活动10场', '县科协', []],
    ]);
    expect(p.indicators.map((i) => [i.value, i.unit, i.targetYear])).toEqual([
      [5, '个', 2026],
      [40, '人', 2026],
      [10, '场', 2026],
      [120, '家', 2026],
    ]);
  });
});
