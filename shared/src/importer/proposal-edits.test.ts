import { describe, expect, it } from 'vitest';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { importPlanText } from './import-plan.ts';
import { addItem, deleteItem, mergeItems, proposalUnitNames, splitTask, updateItem } from './proposal-edits.ts';
import { planProposalSchema } from './proposal.ts';

const proposal = importPlanText(JURONG_SOURCE);
const numbers = (p: typeof proposal) => p.tasks.map((t) => t.number);
const consecutive = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const taskOf = (p: typeof proposal, title: string) => p.tasks.find((t) => t.title === title)!;

describe('proposal edits', () => {
  it('merges two tasks into the first: texts joined, units pooled, indicators follow, numbers closed up', () => {
    const t8 = proposal.tasks[7]!;
    const t9 = proposal.tasks[8]!;
    const p = mergeItems(proposal, 'tasks', [8, 7]);
    expect(p.tasks).toHaveLength(18);
    expect(numbers(p)).toEqual(consecutive(18));
    const merged = p.tasks[7]!;
    expect(merged.title).toBe(t8.title);
    expect(merged.text).toBe(`${t8.text}\n${t9.text}`);
    expect(merged.leadUnit).toBe(t8.leadUnit);
    expect(merged.coUnits).toEqual([...new Set([...t8.coUnits, ...t9.coUnits])]);
    expect(merged.source.start).toBe(Math.min(t8.source.start, t9.source.start));
    expect(merged.source.end).toBe(Math.max(t8.source.end, t9.source.end));
    const before = proposal.indicators.filter((i) => i.task === 8 || i.task === 9).length;
    expect(p.indicators.filter((i) => i.task === 8)).toHaveLength(before);
    // Task 18's indicators now belong to task 17.
    const t18 = proposal.indicators.filter((i) => i.task === 18).length;
    expect(p.indicators.filter((i) => i.task === 17)).toHaveLength(t18);
    expect(() => planProposalSchema.parse(p)).not.toThrow();
  });

  it('splits a task where the office says, each half pointing at its own part of the source', () => {
    const t1 = proposal.tasks[0]!;
    const at = t1.text.indexOf('2025年末');
    const p = splitTask(proposal, 0, at, JURONG_SOURCE);
    expect(p.tasks).toHaveLength(20);
    expect(numbers(p)).toEqual(consecutive(20));
    const [a, b] = p.tasks;
    expect(a!.text.endsWith('体系。')).toBe(true);
    expect(b!.text.startsWith('2025年末')).toBe(true);
    expect(b!.title).toBe(`${t1.title}（拆分）`);
    expect([b!.leadUnit, b!.coUnits]).toEqual([t1.leadUnit, t1.coUnits]);
    expect(JURONG_SOURCE.slice(b!.source.start, b!.source.end)).toContain('2025年末');
    expect(a!.source.end).toBe(b!.source.start);
    // The targets stated in the second half (100 projects, 400 亿元) move with it; later tasks shift by one.
    expect(p.indicators.filter((i) => i.task === 2).length).toBeGreaterThan(0);
    expect(p.indicators.filter((i) => i.task === 19)).toHaveLength(
      proposal.indicators.filter((i) => i.task === 18).length,
    );
  });

  it('adds a blank task after another, in its area, and renumbers those after it', () => {
    const p = addItem(proposal, 'tasks', 2);
    expect(p.tasks[3]).toMatchObject({ number: 4, areaNumber: 1, title: '', leadUnit: null });
    expect(p.tasks[3]!.source.start).toBe(p.tasks[3]!.source.end);
    expect(p.tasks[4]!.title).toBe(proposal.tasks[3]!.title);
    expect(numbers(p)).toEqual(consecutive(20));
  });

  it('deletes a task with its indicators', () => {
    const withTargets = proposal.indicators.filter((i) => i.task === 9).length;
    expect(withTargets).toBeGreaterThan(0);
    const p = deleteItem(proposal, 'tasks', 8);
    expect(p.tasks).toHaveLength(18);
    expect(p.indicators).toHaveLength(proposal.indicators.length - withTargets);
    expect(numbers(p)).toEqual(consecutive(18));
  });

  it('moves a task to another area and keeps tasks ordered by area', () => {
    const p = updateItem(proposal, 'tasks', 0, { areaNumber: 2 });
    const moved = taskOf(p, proposal.tasks[0]!.title);
    expect(moved.areaNumber).toBe(2);
    expect(moved.number).toBe(3);
    expect(p.tasks.map((t) => t.areaNumber)).toEqual([...p.tasks.map((t) => t.areaNumber)].sort((a, b) => a - b));
  });

  it('merges areas (tasks move to the first) and refuses to delete an area that still has tasks', () => {
    expect(deleteItem(proposal, 'areas', 0)).toBe(proposal);
    const p = mergeItems(proposal, 'areas', [0, 1]);
    expect(p.areas).toHaveLength(5);
    expect(p.tasks.filter((t) => t.areaNumber === 1)).toHaveLength(5);
    expect(p.areas.map((a) => a.number)).toEqual(consecutive(5));
  });

  it('deletes a goal with its indicators, and merges phases over both year ranges', () => {
    const goal1 = proposal.indicators.filter((i) => i.goal === 1).length;
    const p = deleteItem(proposal, 'goals', 0);
    expect(p.goals.map((g) => g.number)).toEqual(consecutive(4));
    expect(p.indicators).toHaveLength(proposal.indicators.length - goal1);
    const phases = mergeItems(proposal, 'phases', [0, 2]);
    expect(phases.phases[0]).toMatchObject({ startYear: 2022, endYear: 2025 });
  });

  it('lists the unit names the tasks use, after an edit', () => {
    const p = updateItem(proposal, 'tasks', 16, { leadUnit: '市知识产权局' });
    expect(proposalUnitNames(p)).toContain('市知识产权局');
    expect(p.unitNames).toContain('市知识产权局');
  });
});
