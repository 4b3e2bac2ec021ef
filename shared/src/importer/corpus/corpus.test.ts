import { describe, expect, it } from 'vitest';
import { importPlanText } from '../import-plan.ts';
import { loadCorpus, pooled, precision, recall, scoreFixture, sum } from './score.ts';

// The floor under the accuracy benchmark (npm run bench -- importer-accuracy): just under what the
// importer reaches today, so that a change that loses tasks, units or targets on any county's form fails.
const OVERALL_FLOOR = 0.97;
const FIXTURE_FLOOR = 0.9;

const fixtures = loadCorpus();
const scores = fixtures.map((f) => scoreFixture(f.name, importPlanText(f.text), f.gold));

describe('the corpus of other counties’ plans', () => {
  it('holds at least 15 hand-labelled fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    for (const f of fixtures) expect(f.gold.tasks.length + f.gold.targets.length).toBeGreaterThan(0);
  });

  it('is read with overall precision and recall above the floor', () => {
    const all = pooled(scores);
    expect(precision(all)).toBeGreaterThanOrEqual(OVERALL_FLOOR);
    expect(recall(all)).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  it('reads every 完成期限 of a task table as the task’s due date', () => {
    const due = sum(scores.map((s) => s.dueDates));
    expect(due.gold).toBeGreaterThanOrEqual(10);
    expect([precision(due), recall(due)]).toEqual([1, 1]);
  });

  it('takes the plan’s own 文号 and title, not a cited document’s or the web page’s', () => {
    const labelled = fixtures.filter((f) => f.gold.header);
    expect(labelled.length).toBeGreaterThanOrEqual(2);
    for (const f of labelled) {
      const { plan } = importPlanText(f.text);
      expect(plan, f.name).toMatchObject(f.gold.header ?? {});
    }
  });

  it('keeps a 牵头县领导 column as a note in the task, never as a unit', () => {
    const f = fixtures.find((x) => x.name.startsWith('17-'));
    const p = importPlanText(f?.text ?? '');
    expect(p.tasks[0]?.text).toContain('牵头县领导：张伟');
    expect(p.unitNames).not.toContain('张伟');
  });

  it.each(scores.map((s) => [s.name, s] as const))('%s is read above the per-fixture floor', (_, s) => {
    const c = pooled([s]);
    expect(Math.min(precision(c), recall(c))).toBeGreaterThanOrEqual(FIXTURE_FLOOR);
  });
});
