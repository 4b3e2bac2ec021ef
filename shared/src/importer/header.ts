import { chineseNumber } from './numbering.ts';
import type { Paragraph } from './paragraphs.ts';

/** The plan's identity as its document states it. */
export interface PlanHeader {
  title: string | null;
  titleAt: Paragraph | null;
  documentNumber: string | null;
  issuer: string | null;
  issuingDate: string | null;
  region: string | null;
}

// A title may end with its years: "…三年行动计划（2024—2026年）".
const GENRE = /(?:方案|规划|计划|意见|纲要|办法|行动|实施细则|要点|清单|分工|分解表|措施)(?:（[^）]*）)?$/;
const DOC_NUMBER = /(?:文\s*号\s*)?([\u4e00-\u9fa5]{1,10}?)[〔[［【（](\d{4})[〕\]］】）]第?(\d{1,4})号/;
const ISSUER = /(?:办公室|办公厅|委员会|人民政府|政府|局|委|厅|部)$/;
const CN_DIGIT: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** Reads title, document number, issuer, issuing date and region from the plan's standalone lines. */
export function readHeader(lines: Paragraph[]): PlanHeader {
  const titleAt = lines.find((p) => isTitle(p.span.text)) ?? null;
  const title = titleAt?.span.text ?? titleFromNotice(lines);
  // The plan's own number stands on its own line or in a page's 文号 field; one cited in prose
  // ("根据《…》（国科发农〔2023〕76号）") is another document's.
  const numberLine = lines
    .filter((p) => p.span.text.length <= 40 || /文\s*号/.test(p.span.text))
    .map((p) => DOC_NUMBER.exec(p.span.text))
    .find((m) => m !== null && !/[《（(]$/.test(m.input.slice(0, m.index)));
  const documentNumber = numberLine ? `${numberLine[1]}〔${numberLine[2]}〕${numberLine[3]}号` : null;
  const dated = lines
    .map((p, i) => ({ i, date: dateOf(p.span.text) ?? dateOf(imprintOf(p.span.text)?.date ?? '') }))
    .filter((d) => d.date !== null);
  const issued = dated.find((d) => lines[d.i]?.span.text.endsWith('印发')) ?? dated[dated.length - 1];
  const issuer = issuerOf(lines, issued?.i);
  return { title, titleAt, documentNumber, issuer, issuingDate: issued?.date ?? null, region: regionOf(title, issuer) };
}

function isTitle(text: string): boolean {
  return text.length <= 60 && GENRE.test(text) && !/^(?:关于|印发)|通知|[，。；：]/.test(text);
}

/** "关于印发《X》的通知" names the plan when no line carries the title alone. */
function titleFromNotice(lines: Paragraph[]): string | null {
  for (const p of lines) {
    const m = /关于印发(.+?)的通知/.exec(p.span.text) ?? /《([^》]+)》/.exec(p.span.text);
    if (m?.[1]) return m[1].replace(/[《》]/g, '');
  }
  return null;
}

/** "2022年12月22日印发" or "二〇二二年十二月二十二日" as YYYY-MM-DD. */
function dateOf(text: string): string | null {
  const m =
    /^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日(?:印发|发布)?$/.exec(
      text,
    );
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const year = /^\d+$/.test(m[1]) ? m[1] : [...m[1]].map((c) => CN_DIGIT[c] ?? '0').join('');
  const month = /^\d+$/.test(m[2]) ? Number(m[2]) : chineseNumber(m[2]);
  const day = /^\d+$/.test(m[3]) ? Number(m[3]) : chineseNumber(m[3]);
  if (!month || !day || month > 12 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The offices that sign above the date — all of them, in order, for a joint issue (两办联合发文:
 * "中共X县委办公室" over "X县人民政府办公室") — else the letterhead ("中共句容市委办公室文件", or two
 * offices on one line), else a 版记 line "中共X县委办公室 X县人民政府办公室 2024年3月1日印发".
 */
function issuerOf(lines: Paragraph[], dateIndex: number | undefined): string | null {
  const signers: string[] = [];
  for (let i = (dateIndex ?? 0) - 1; dateIndex !== undefined && i >= 0 && signers.length < 4; i--) {
    const text = lines[i]?.span.text ?? '';
    if (!isSigner(text)) break;
    signers.unshift(...offices(text));
  }
  if (signers.length > 0) return signers.join(' ');
  const head = lines.find((p) => /文件$/.test(p.span.text) && p.span.text.length <= 40);
  if (head) return offices(head.span.text.replace(/文件$/, '')).join(' ');
  for (const p of lines) {
    const imprint = imprintOf(p.span.text);
    if (imprint) return imprint.issuers.join(' ');
  }
  return null;
}

/** A 版记 line "中共X县委办公室 X县人民政府办公室 2024年3月1日印发": its offices and its date. */
function imprintOf(text: string): { issuers: string[]; date: string } | null {
  const m = /^(.{4,60}?)\s*((?:\d{4}|[〇零一二三四五六七八九]{4})年\S{1,3}月\S{1,3}日印发)$/.exec(text);
  if (!m?.[1] || !m[2] || !isSigner(m[1])) return null;
  return { issuers: offices(m[1]), date: m[2] };
}

/** A line that is an office's name: ends like one, short, no punctuation or numbering of the body. */
function isSigner(text: string): boolean {
  return text.length <= 60 && ISSUER.test(text) && !/[，。；：:、（）()《》]/.test(text) && !/^\d/.test(text);
}

/**
 * Two offices written on one line ("中共X县委办公室 X县人民政府办公室"; the spaces are gone once the
 * line is cleaned) split where one office's name ends and what follows is an office's name too.
 */
function offices(text: string): string[] {
  const out: string[] = [];
  let rest = text.replace(/[\s\u3000]+/g, '');
  for (;;) {
    const cut = [...rest.matchAll(/办公室|办公厅|委员会|人民政府|局/g)]
      .map((m) => m.index + m[0].length)
      .find((at) => {
        const tail = rest.slice(at);
        return tail.length >= 5 && ISSUER.test(tail) && !/^(?:办公|委员会|局)/.test(tail);
      });
    if (cut === undefined) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return [...out, rest];
}

/** The county or city a plan is for: the place name its title opens with. */
function regionOf(title: string | null, issuer: string | null): string | null {
  const fromTitle = title ? /^(?:中共)?(?:关于)?([\u4e00-\u9fa5]{1,8}?[市县区旗])/.exec(title)?.[1] : undefined;
  if (fromTitle) return fromTitle;
  const fromIssuer = issuer ? /^(?:中共)?([\u4e00-\u9fa5]{1,8}?[市县区旗])/.exec(issuer)?.[1] : undefined;
  return fromIssuer ?? null;
}
