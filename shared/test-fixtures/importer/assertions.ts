import { expect } from 'vitest';
import type { PlanProposal } from '../../src/importer/proposal.ts';
import { EXPECTED_TARGETS, EXPECTED_TASKS, targetKey } from './jurong-expected.ts';

/** The 19 tasks with their titles and units; `coUnitsAsSet` when a variant changes their order. */
export function expectJurongTasks(p: PlanProposal, options: { extraCoUnit?: string } = {}): void {
  expect(p.tasks.map((t) => t.number)).toEqual(EXPECTED_TASKS.map((t) => t.number));
  for (const e of EXPECTED_TASKS) {
    const task = p.tasks.find((t) => t.number === e.number);
    const extra = options.extraCoUnit;
    if (extra) {
      const co = e.lead === extra || e.co.includes(extra) ? e.co : [...e.co, extra];
      expect(task, `task ${e.number}`).toMatchObject({ title: e.title, areaNumber: e.area, leadUnit: e.lead });
      expect([...(task?.coUnits ?? [])].sort(), `task ${e.number}`).toEqual([...co].sort());
    } else {
      expect(task, `task ${e.number}`).toMatchObject({ title: e.title, areaNumber: e.area, leadUnit: e.lead, coUnits: e.co });
    }
  }
}

/** The 24 targets as a multiset of (goal, task, comparator, value, min, max, unit). */
export function expectJurongTargets(p: PlanProposal): void {
  expect(p.indicators.map(targetKey).sort()).toEqual(EXPECTED_TARGETS.map(targetKey).sort());
  expect(new Set(p.indicators.map((i) => i.targetDate))).toEqual(new Set(['2025-12-31']));
}

/** Everything the plan holds besides tasks and targets, and no warning. */
export function expectJurongFrame(p: PlanProposal): void {
  expect(p.plan).toMatchObject({ title: '句容市争创省创新型示范市建设方案', documentNumber: '句委办〔2022〕79号', issuingDate: '2022-12-22', region: '句容市', targetYear: 2025 });
  expect([p.goals.length, p.areas.length, p.phases.length, p.measures.length]).toEqual([5, 6, 3, 5]);
  expect(p.phases.map((ph) => [ph.startYear, ph.endYear])).toEqual([[2022, 2024], [2023, 2025], [2024, 2025]]);
  expect(p.warnings).toEqual([]);
}
