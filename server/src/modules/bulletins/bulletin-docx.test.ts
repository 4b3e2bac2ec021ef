import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBulletinDocx } from './bulletin-docx.ts';
import { draftBulletin } from './bulletin-draft.ts';
import { jurongQ3Facts, jurongWording } from './bulletin.fixture.ts';

// Opens the generated .docx and checks the GB/T 9704-2012 layout in its XML.

let files: Record<string, string>;
let paragraphs: string[];
const textOf = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const paragraph = (text: string) => {
  const found = paragraphs.find((p) => textOf(p) === text);
  if (!found) throw new Error(`no paragraph reading ${text}`);
  return found;
};
const fontOf = (p: string) => /<w:rFonts [^>]*w:eastAsia="([^"]+)"/.exec(p)?.[1];
const sizeOf = (p: string) => /<w:r>.*?<w:sz w:val="(\d+)"\/>/.exec(p)?.[1];

beforeAll(async () => {
  const content = draftBulletin(jurongQ3Facts(), '2025-10-10', jurongWording());
  const zip = unzipSync(new Uint8Array(await renderBulletinDocx(content, 3)));
  files = Object.fromEntries(Object.entries(zip).map(([k, v]) => [k, strFromU8(v)]));
  paragraphs = files['word/document.xml']!.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g) ?? [];
});

describe('the bulletin as a Word document (GB/T 9704-2012)', () => {
  it('is A4 with margins top 37, bottom 35, left 28, right 26 mm', () => {
    const doc = files['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(doc)![1]!;
    expect(margin).toContain('w:top="2098"');
    expect(margin).toContain('w:bottom="1984"');
    expect(margin).toContain('w:left="1587"');
    expect(margin).toContain('w:right="1474"');
  });

  it('lays the body on a line-and-character grid of 22 lines and 28 characters', () => {
    // 225 mm ÷ 22 lines = 579 twips; 156 mm ÷ 28 characters = 15.79 pt, 0.205 pt under 3号 = −841/4096 pt.
    expect(files['word/document.xml']).toContain(
      '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"/>',
    );
    expect(files['word/styles.xml']).toMatch(
      /<w:style w:type="paragraph" w:styleId="Normal" w:default="1">.*<w:sz w:val="32"\/>.*?<\/w:style>/,
    );
  });

  it('sets the title in 2号方正小标宋简体, centred', () => {
    const title = paragraph('关于2025年第三季度创新型示范市建设工作推进情况的通报');
    expect(fontOf(title)).toBe('方正小标宋简体');
    expect(sizeOf(title)).toBe('44');
    expect(title).toContain('<w:jc w:val="center"/>');
  });

  it('sets the body in 3号仿宋_GB2312 with a two-character first-line indent', () => {
    const body = paragraphs.find((p) => textOf(p).startsWith('为深入推进《句容市争创省创新型示范市建设方案》'))!;
    expect(fontOf(body)).toBe('仿宋_GB2312');
    expect(sizeOf(body)).toBe('32');
    expect(body).toMatch(/<w:ind w:firstLine="632"\/>/);
  });

  it('sets first-level headings 一、 in 黑体 and second-level （一） in 楷体_GB2312, both 3号', () => {
    const h1 = paragraph('一、总体情况');
    expect([fontOf(h1), sizeOf(h1)]).toEqual(['黑体', '32']);
    const h2 = paragraph('（一）进展较好的指标');
    expect([fontOf(h2), sizeOf(h2)]).toEqual(['楷体_GB2312', '32']);
    expect(paragraphs.some((p) => textOf(p) === '六、下一步工作要求')).toBe(true);
    expect(paragraphs.some((p) => textOf(p).startsWith('一是'))).toBe(true);
  });

  it('prints the red 版头 with the issue number above a red rule', () => {
    const issuer = paragraph('句容市科技创新委员会办公室');
    expect(issuer).toContain('<w:color w:val="FF0000"/>');
    expect(fontOf(issuer)).toBe('方正小标宋简体');
    const issue = paragraph('第3期');
    expect(issue).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
  });

  it('numbers pages "— 1 —" in 4号宋体 at the outside edge: odd pages right, even pages left', () => {
    expect(files['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const rels = files['word/document.xml']!;
    const footer = (type: string) => {
      const id = new RegExp(`<w:footerReference w:type="${type}" r:id="(rId\\d+)"/>`).exec(rels)![1];
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(files['word/_rels/document.xml.rels']!)![1];
      return files[`word/${target}`]!;
    };
    for (const [type, side] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const xml = footer(type);
      expect(xml).toContain(`<w:jc w:val="${side}"/>`);
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(xml).toContain('>— </w:t>');
      expect(xml).toContain('> —</w:t>');
      expect(fontOf(xml)).toBe('宋体');
      expect(sizeOf(xml)).toBe('28');
    }
  });

  it('signs with the date in Arabic numerals and ends with the 版记 between rules', () => {
    expect(paragraphs.some((p) => textOf(p) === '2025年10月10日')).toBe(true);
    const cc = paragraph('抄送：市委办公室，市人民政府办公室，市委考核办。');
    expect(sizeOf(cc)).toBe('28');
    expect(paragraphs.some((p) => textOf(p) === '句容市科技创新委员会办公室2025年10月10日印发')).toBe(true);
    expect(files['word/document.xml']).toContain('<w:tblpPr');
  });

  it('puts the annex tables in the same file, each as 附件N on its own page', () => {
    for (const n of [1, 2, 3])
      expect(paragraphs.some((p) => textOf(p) === `附件${n}` && p.includes('<w:br w:type="page"/>'))).toBe(true);
    expect(paragraphs.some((p) => textOf(p) === '2025年第三季度目标指标进展情况表')).toBe(true);
    expect((files['word/document.xml']!.match(/<w:tbl>/g) ?? []).length).toBe(4); // three annexes and the 版记
  });

  it('gives the same bytes for the same content', async () => {
    const content = draftBulletin(jurongQ3Facts(), '2025-10-10', jurongWording());
    const [a, b] = await Promise.all([renderBulletinDocx(content, 3), renderBulletinDocx(content, 3)]);
    expect(a.equals(b)).toBe(true);
  });
});
