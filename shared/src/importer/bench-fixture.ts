import { chineseNumeral } from './proposal-summary.ts';

/** Characters on one page of a government document (GB/T 9704-2012: 22 lines of 28 characters). */
export const CHARS_PER_PAGE = 22 * 28;

/** Pages a text would fill when printed as a government document. */
export function pageCount(text: string): number {
  return Math.ceil(text.replace(/\s/g, '').length / CHARS_PER_PAGE);
}

const BODY_START = /^[#*\s]*一、/;
const TASKS_HEADING = /^[#*\s]*二、/;
const NEXT_HEADING = /^[#*\s]*三、/;
const TASK_LINE = /^(\**\s*)(\d{1,3})\./;
const AREA_LINE = /^([#\s]*\**\s*[（(])([一二三四五六七八九十]+)([)）])/;
const CN_VALUE: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/**
 * A long plan for `npm run bench`: the letterhead once, then the body of a plan (sections 一 to 四)
 * `copies` times with its areas and tasks numbered on, then the signature. Jurong's plan fills
 * about 15 pages, so 15 copies make about 200.
 */
export function buildBenchPlan(source: string, copies = 15): string {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => BODY_START.test(l));
  const filled = lines.map((l, i) => (l.trim() ? i : -1)).filter((i) => i >= 0);
  const signature = filled[filled.length - 2] ?? lines.length;
  if (start === -1) return source;
  const body = lines.slice(start, signature);
  const taskCount = body.filter(inTasks(body)).filter((l) => TASK_LINE.test(l)).length;
  const areaCount = body.filter(inTasks(body)).filter((l) => AREA_LINE.test(l)).length;
  const out = [...lines.slice(0, start)];
  for (let k = 0; k < copies; k++) out.push(...renumber(body, k * taskCount, k * areaCount));
  return [...out, ...lines.slice(signature)].join('\n');
}

/** A filter that is true for the lines of the tasks section (between the 二、 and 三、 headings). */
function inTasks(body: string[]): (line: string, index: number) => boolean {
  const from = body.findIndex((l) => TASKS_HEADING.test(l));
  const to = body.findIndex((l) => NEXT_HEADING.test(l));
  return (_line, i) => from !== -1 && i > from && (to === -1 || i < to);
}

function renumber(body: string[], taskOffset: number, areaOffset: number): string[] {
  const tasks = inTasks(body);
  return body.map((line, i) => {
    if (!tasks(line, i)) return line;
    const task = TASK_LINE.exec(line);
    if (task) return line.replace(TASK_LINE, `${task[1] ?? ''}${Number(task[2]) + taskOffset}.`);
    const area = AREA_LINE.exec(line);
    const n = area ? (CN_VALUE[area[2] ?? ''] ?? 0) : 0;
    if (area && n > 0)
      return line.replace(AREA_LINE, `${area[1] ?? ''}${chineseNumeral(n + areaOffset)}${area[3] ?? ''}`);
    return line;
  });
}
