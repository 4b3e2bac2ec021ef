import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../config.ts';
import { renderBulletinDocx } from './bulletin-docx.ts';
import { draftBulletin } from './bulletin-draft.ts';
import { findSoffice, renderPdf } from './bulletin-pdf.ts';
import { jurongQ3Facts, jurongWording } from './bulletin.fixture.ts';

// Renders the bulletin to PDF with LibreOffice and the shipped fontconfig, then to an image of
// page 1 that a person looks at (test-results/bulletins/). Skipped only when LibreOffice is absent.

const OUT = path.join(ROOT_DIR, 'test-results/bulletins');
const has = (tool: string) => {
  try {
    execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Whether fontconfig knows a family (fonts-arphic-ukai gives AR PL UKai; `npm test` installs it). */
const hasFont = (family: string) => {
  try {
    return execFileSync('fc-list', [':', 'family']).toString().includes(family);
  } catch {
    return false;
  }
};

describe.skipIf(!findSoffice())('the bulletin as a PDF', () => {
  let pdfFile: string;
  beforeAll(async () => {
    const content = draftBulletin(jurongQ3Facts(), '2025-10-10', jurongWording());
    const pdf = await renderPdf(await renderBulletinDocx(content, 3, 'libreoffice'));
    fs.mkdirSync(OUT, { recursive: true });
    pdfFile = path.join(OUT, 'bulletin-2025Q3.pdf');
    fs.writeFileSync(pdfFile, pdf);
  }, 120_000);

  it('is an A4 PDF', () => {
    const head = fs.readFileSync(pdfFile).subarray(0, 5).toString();
    expect(head).toBe('%PDF-');
    if (has('pdfinfo'))
      expect(execFileSync('pdfinfo', [pdfFile]).toString()).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it.skipIf(!has('pdffonts'))('embeds the Chinese fonts that fontconfig mapped the 公文 faces to', () => {
    const lines = execFileSync('pdffonts', [pdfFile]).toString().trim().split('\n').slice(2);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line, line).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    const names = lines.join('\n');
    expect(names).toMatch(/NotoSerifCJK/); // 仿宋_GB2312, 方正小标宋简体, 楷体_GB2312, 宋体
    expect(names).toMatch(/NotoSansCJK/); // 黑体
  });

  it.skipIf(!has('pdffonts') || !hasFont('AR PL UKai'))(
    'sets the （一） headings in a Kai face, as GB/T 9704 asks',
    () => {
      expect(execFileSync('pdffonts', [pdfFile]).toString()).toMatch(/UKai/); // 楷体_GB2312 → AR PL UKai CN
    },
  );

  it.skipIf(!has('pdftotext'))('reads as the bulletin: 版头, issue, title, page numbers, 版记', () => {
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString();
    for (const words of ['句容市科技创新委员会办公室', '第3期', '推进情况的通报', '一、总体情况', '印发'])
      expect(text).toContain(words);
    expect(text).toMatch(/附件\s?1/);
    expect(text).toMatch(/—\s?1\s?—/);
  });

  it.skipIf(!has('pdftotext'))(
    "keeps the comma after a full 28-character line that is not a paragraph's first",
    async () => {
      const content = draftBulletin(jurongQ3Facts(), '2025-10-10', jurongWording());
      const x26 = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄'; // the first line: 26 after the indent
      const x28 = '宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳';
      content.blocks = [{ kind: 'paragraph', text: `${x26}${x28}，后面的文字。` }];
      content.annexes = [];
      const pdf = await renderPdf(await renderBulletinDocx(content, 3, 'libreoffice'));
      const file = path.join(OUT, 'bulletin-hanging-comma.pdf');
      fs.writeFileSync(file, pdf);
      expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('调阳，');
    },
    120_000,
  );

  it.skipIf(!has('pdftoppm'))('renders page 1 to an image for a person to look at', () => {
    const prefix = path.join(OUT, 'bulletin-2025Q3-page');
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
    expect(fs.statSync(`${prefix}.png`).size).toBeGreaterThan(20_000);
  });
});
