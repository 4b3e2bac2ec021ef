import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planPackSchema, type PlanPack } from './plan-pack.ts';

const packUrl = new URL('../packs/jurong-2022-79.json', import.meta.url);
const sourceUrl = new URL('../packs/jurong-2022-79.source.md', import.meta.url);
const upstreamUrl = new URL('../../../shared/plans/jurong-2022-79.md', import.meta.url);

const rawSource = readFileSync(sourceUrl, 'utf8');
const pack: PlanPack = planPackSchema.parse(JSON.parse(readFileSync(packUrl, 'utf8')));

/** A line that closes a paragraph ends with one of these; anything else was cut by a page break. */
const PARAGRAPH_END = /[。：；！？）]$/;
const CJK = '\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef';

/**
 * Paragraphs of the plan as a reader sees them: page-break splits joined (a blank line after a
 * line of 20+ characters that stops mid-sentence), headings' # and bold ** stripped.
 */
function paragraphsOf(markdown: string): string[] {
  const out: string[] = [];
  let blankBefore = false;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw.trim() === '') {
      blankBefore = true;
      continue;
    }
    const prev = out.at(-1);
    const isHeading = raw.startsWith('#');
    const prevText = prev?.replace(/\*+$/, '');
    const cutMidSentence =
      prev !== undefined && prevText !== undefined && !prev.startsWith('#') && !PARAGRAPH_END.test(prevText);
    // Short lines (signature, date) are not paragraphs cut by a page break.
    if (blankBefore && cutMidSentence && !isHeading && prev.length >= 20) out[out.length - 1] = prev + raw;
    else out.push(raw);
    blankBefore = false;
  }
  return out.map((p) => p.replace(/^#+\s*/, '').replace(/\*\*/g, ''));
}

/** Spacing between CJK text and digits varies in the source ("2025 年末" vs "2025年末"); compare without it. */
function normalise(text: string): string {
  return text
    .replace(new RegExp(`(?<=[${CJK}])[ \\t]+(?=\\d)`, 'g'), '')
    .replace(new RegExp(`(?<=\\d)[ \\t]+(?=[${CJK}%])`, 'g'), '');
}

const paragraphs = paragraphsOf(rawSource).map(normalise);
const normalisedSource = paragraphs.join('\n');

/** Splits a 责任单位 list on 、 outside parentheses, so 各相关镇（街道、园区） stays whole. */
function splitUnits(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list) {
    if (ch === '（' || ch === '(') depth += 1;
    if (ch === '）' || ch === ')') depth -= 1;
    if (ch === '、' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

/** Task number → its paragraph and 责任单位 list, read from section 二 of the source. */
function tasksInSource(): Map<number, { paragraph: string; units: string[] }> {
  const start = paragraphs.findIndex((p) => p.startsWith('二、'));
  const end = paragraphs.findIndex((p) => p.startsWith('三、'));
  const tasks = new Map<number, { paragraph: string; units: string[] }>();
  for (const paragraph of paragraphs.slice(start, end)) {
    const m = /^(\d+)\.\s*.*（责任单位：(.*)）$/.exec(paragraph);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      tasks.set(Number(m[1]), { paragraph, units: splitUnits(m[2]) });
    }
  }
  return tasks;
}

const allTasks = pack.areas.flatMap((a) => a.tasks);
const unitNames = new Set(pack.units.flatMap((u) => [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]));
const groupsByName = new Map(pack.unitGroups.map((g) => [g.name, g]));

function numbersOf(ind: PlanPack['indicators'][number]): number[] {
  return ind.comparator === 'range' ? [ind.min ?? NaN, ind.max ?? NaN] : [ind.value ?? NaN];
}

function comparatorFromWording(sourceText: string): string {
  const text = normalise(sourceText);
  if (/超|突破/.test(text)) return 'gt';
  if (/左右/.test(text)) return 'approx';
  if (/\d\s*-\s*\d/.test(text)) return 'range';
  return 'gte';
}

describe('Jurong plan pack (句委办〔2022〕79号)', () => {
  it('passes the plan-pack schema with the plan counts of the document', () => {
    expect(pack.plan.code).toBe('jurong-2022-79');
    expect(pack.areas).toHaveLength(6);
    expect(allTasks.map((t) => t.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(pack.goals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5]);
    expect(pack.phases).toHaveLength(3);
    expect(pack.measures.map((m) => m.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the preamble word for word', () => {
    expect(paragraphs).toContain(normalise(pack.plan.preamble));
  });

  it('rebuilds every task paragraph of the source from its number, title, text and units', () => {
    const source = tasksInSource();
    expect([...source.keys()].sort((a, b) => a - b)).toEqual(allTasks.map((t) => t.number));
    for (const task of allTasks) {
      expect(normalisedSource).toContain(normalise(task.title));
      expect(normalisedSource).toContain(normalise(task.text));
      const units = [task.leadUnit, ...task.coUnits];
      expect(source.get(task.number)?.paragraph).toBe(
        normalise(`${task.number}. ${task.title}。${task.text}（责任单位：${units.join('、')}）`),
      );
    }
  });

  it('takes lead and co-units of each task from its 责任单位 list in the written order', () => {
    const source = tasksInSource();
    for (const task of allTasks) {
      expect([task.leadUnit, ...task.coUnits], `task ${task.number}`).toEqual(source.get(task.number)?.units);
    }
  });

  it('quotes every indicator from the source with its number and unit of measure', () => {
    expect(pack.indicators).toHaveLength(24);
    for (const ind of pack.indicators) {
      const quote = normalise(ind.sourceText);
      expect(normalisedSource, ind.code).toContain(quote);
      for (const n of numbersOf(ind)) expect(quote, ind.code).toContain(String(n));
      expect(quote, ind.code).toContain(ind.unit);
    }
  });

  it('derives each indicator comparator from the wording of its quote', () => {
    for (const ind of pack.indicators) {
      expect(ind.comparator, `${ind.code}: ${ind.sourceText}`).toBe(comparatorFromWording(ind.sourceText));
      if (ind.comparator === 'range') expect(ind.value).toBeNull();
    }
  });

  it('ties every indicator to a goal whose text quotes it, or to a task that does', () => {
    for (const ind of pack.indicators) {
      const quote = normalise(ind.sourceText);
      const goal = pack.goals.find((g) => g.number === ind.goal);
      const task = allTasks.find((t) => t.number === ind.task);
      if (goal) expect(normalise(goal.text), ind.code).toContain(quote);
      if (task) expect(normalise(task.text), ind.code).toContain(quote);
    }
  });

  it('keeps goal, phase and measure texts word for word', () => {
    for (const goal of pack.goals) {
      expect(normalisedSource).toContain(normalise(goal.text));
      expect(paragraphs).toContain(normalise(`${goal.number}. ${goal.title}。${goal.text}`));
    }
    const measureHeadings = paragraphs.filter((p) => /^[（(][一二三四五][）)]/.test(p));
    for (const measure of pack.measures) {
      expect(normalisedSource).toContain(normalise(measure.text));
      expect(paragraphs).toContain(normalise(measure.text));
      expect(
        measureHeadings.some((h) => h.replace(/^[（(].[）)]\s*/, '') === measure.title),
        measure.title,
      ).toBe(true);
    }
    for (const phase of pack.phases) {
      expect(normalisedSource).toContain(normalise(phase.text));
      expect(normalisedSource).toContain(
        normalise(`${phase.name}（${phase.startYear}—${phase.endYear} 年）：${phase.text}`),
      );
    }
  });

  it('resolves every unit group member and every task unit to a unit of the tree', () => {
    for (const group of pack.unitGroups) {
      for (const member of group.members) expect(unitNames, `${group.name}: ${member}`).toContain(member);
    }
    for (const task of allTasks) {
      expect(unitNames, `task ${task.number} lead`).toContain(task.leadUnit);
      for (const unit of task.coUnits) {
        const group = groupsByName.get(unit);
        if (group) group.members.forEach((m) => expect(unitNames).toContain(m));
        else expect(unitNames, `task ${task.number}: ${unit}`).toContain(unit);
      }
    }
    for (const ind of pack.indicators) expect(unitNames, ind.code).toContain(ind.reportingUnit);
  });

  it('roots the unit tree at 句容市 with every other unit reachable from it', () => {
    const byCode = new Map(pack.units.map((u) => [u.code, u]));
    const roots = pack.units.filter((u) => u.parent === undefined);
    expect(roots.map((u) => u.name)).toEqual(['句容市']);
    for (const unit of pack.units) {
      let current = unit;
      for (let hops = 0; current.parent !== undefined && hops < pack.units.length; hops += 1) {
        current = byCode.get(current.parent) ?? current;
      }
      expect(current.code, unit.name).toBe('jurong');
    }
  });

  it.skipIf(!existsSync(upstreamUrl))('keeps the repository copy of the plan identical to the shared original', () => {
    expect(rawSource).toBe(readFileSync(upstreamUrl, 'utf8'));
  });
});
