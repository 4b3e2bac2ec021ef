/**
 * Variants of Jurong's plan text that real documents resemble: each must import to the same tasks
 * and targets. Built from the source with plain string edits, independent of the importer.
 */

const PARAGRAPH_END = /[。：；！？）]$/;
const UNITS_CLAUSE = /（责任单位：((?:[^（）]|（[^（）]*）)*)）/g;

/** Every full-width mark written half-width, as text typed on an English keyboard comes out. */
export function halfWidth(md: string): string {
  const map: Record<string, string> = {
    '（': '(', '）': ')', '：': ':', '；': ';', '，': ',', '。': '.', '、': ',', '“': '"', '”': '"',
    '〔': '[', '〕': ']', '—': '-', '！': '!', '？': '?',
  };
  return md.replace(/[（）：；，。、“”〔〕—！？]/g, (c) => map[c] ?? c);
}

/** No Markdown at all: what a plain-text export gives. */
export function withoutMarkdown(md: string): string {
  return md.replace(/^#+\s*/gm, '').replace(/\*\*/g, '');
}

/** Splits a unit list on 、 outside brackets. */
export function splitUnits(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '（') depth++;
    if (ch === '）') depth--;
    if (ch === '、' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  return [...out, cur];
}

/** Rewrites each task's "（责任单位：A、B、C）" in one of the forms other plans use, in turn. */
export function leadMarkers(md: string): string {
  let i = 0;
  return md.replace(UNITS_CLAUSE, (_all, list: string) => {
    const [lead = '', ...co] = splitUnits(list);
    const form = i++ % 5;
    if (form === 0) return `（牵头单位：${lead}；责任单位：${co.join('、')}）`;
    if (form === 1) return `\n\n牵头单位：${lead}；配合单位：${co.join('、')}。`;
    if (form === 2) return `（牵头单位：${lead}；责任单位：${[lead, ...co].join('、')}）`;
    if (form === 3) return `（牵头单位：${lead}，配合单位：${co.join('、')}）`;
    return `（责任单位：${lead}（牵头）、${co.join('、')}）`;
  });
}

/** "以下任务均需市科技局配合，不再一一列出" instead of naming 市科技局 as a co-unit in each task. */
export function blanketCoUnit(md: string): string {
  const withSentence = md.replace('重点推进以下工作：', '重点推进以下工作：\n\n以下任务均需市科技局配合，不再一一列出。');
  return withSentence.replace(UNITS_CLAUSE, (_all, list: string) => {
    const [lead = '', ...co] = splitUnits(list);
    return `（责任单位：${[lead, ...co.filter((u) => u !== '市科技局')].join('、')}）`;
  });
}

/** Page breaks (page numbers, form feeds, blank lines) cutting sentences, numbers, titles and unit lists. */
export function pageBroken(md: string): string {
  const cuts: [string, string][] = [
    ['孵化总面积突破 ', '120 万平方米'],
    ['在孵企业达 4', '50 家以上'],
    ['年均增长率超过 ', '15%'],
    ['（责任单位：市科技局、市发改委、', '市工信局）'],
    ['**18. 巩固农业', '科技创新成果。**'],
    ['市人社局、各相关镇（街道、', '园区））'],
    ['全方位合作发展。', '（责任单位：市科技局、市人才办）'],
    ['建立调度机制，', '纳入目标考核'],
    ['争取到 2025 年引进 ', '1-2 家新型研发机构'],
    ['统筹推进全市科技创新与发展重大布局、', '重要任务'],
  ];
  const breaks = ['\n\n— 7 —\n\n', '\n\f\n', '\n\n\n\n', '\n- 12 -\n\n', '\n\n第 9 页\n\n'];
  let out = md;
  cuts.forEach(([before, after], i) => {
    if (!out.includes(before + after)) throw new Error(`cut point not found: ${before}|${after}`);
    out = out.replace(before + after, before + (breaks[i % breaks.length] ?? '\n\n') + after);
  });
  return out;
}

interface TaskBlock {
  number: number;
  title: string;
  body: string;
  units: string[];
}

/** Paragraphs as a reader sees them: lines cut by a page break joined, Markdown kept. */
export function paragraphs(md: string): string[] {
  const out: string[] = [];
  for (const raw of md.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const prev = out[out.length - 1];
    const cut = prev !== undefined && !prev.startsWith('#') && !PARAGRAPH_END.test(prev.replace(/\*+$/, '')) && prev.length >= 20;
    if (cut && !/^#|^\**\d+\./.test(line)) out[out.length - 1] = prev + line;
    else out.push(line);
  }
  return out;
}

function taskOf(paragraph: string): TaskBlock | null {
  const m = /^(\d+)\.\s*(.+?)。(.*)（责任单位：((?:[^（）]|（[^（）]*）)*)）$/s.exec(paragraph.replace(/\*\*/g, ''));
  if (!m) return null;
  return { number: Number(m[1]), title: m[2] ?? '', body: (m[3] ?? '').trim(), units: splitUnits(m[4] ?? '') };
}

/** The tasks section as per-area tables: 序号 | 任务 | 牵头单位 | 配合单位, under each area heading. */
export function perAreaTables(md: string): string {
  return rewriteTasks(md, (areas) =>
    areas.flatMap(({ heading, tasks }) => [
      heading,
      '',
      '| 序号 | 任务 | 牵头单位 | 配合单位 |',
      '| --- | --- | --- | --- |',
      ...tasks.map((t) => `| ${t.number} | **${t.title}。**${t.body} | ${t.units[0]} | ${t.units.slice(1).join('、')} |`),
      '',
    ]),
  );
}

/** One table for all tasks, the area named on each area's first row only (a merged cell). */
export function singleTable(md: string): string {
  return rewriteTasks(md, (areas) => [
    '| 序号 | 重点领域 | 任务名称 | 任务内容 | 责任单位 |',
    '|:-:|---|---|---|---|',
    ...areas.flatMap(({ heading, tasks }) =>
      tasks.map((t, i) => `| ${t.number} | ${i === 0 ? heading.replace(/[#*]/g, '').trim() : ''} | ${t.title} | ${t.body} | ${t.units.join('、')} |`),
    ),
    '',
  ]);
}

/** Replaces the paragraphs between the tasks heading and the phases heading with generated lines. */
function rewriteTasks(md: string, render: (areas: { heading: string; tasks: TaskBlock[] }[]) => string[]): string {
  const paras = paragraphs(md);
  const start = paras.findIndex((p) => p.includes('二、重点领域与任务'));
  const end = paras.findIndex((p) => p.includes('三、年度任务与进度安排'));
  const areas: { heading: string; tasks: TaskBlock[] }[] = [];
  const intro: string[] = [];
  for (const p of paras.slice(start + 1, end)) {
    const task = taskOf(p);
    if (task) areas[areas.length - 1]?.tasks.push(task);
    else if (/^#*\s*\**\s*[（(][一二三四五六][)）]/.test(p)) areas.push({ heading: p, tasks: [] });
    else intro.push(p);
  }
  const lines = [...paras.slice(0, start + 1), ...intro, '', ...render(areas), ...paras.slice(end)];
  return lines.join('\n\n').replace(/\n\n(\|)/g, '\n$1');
}
