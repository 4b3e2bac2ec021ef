import type { PlanProposal, ProposalIndicator } from './proposal.ts';

const OVERALL = '总体目标';

/**
 * Makes the `index`th 未识别的数字 a target: comparator, value, unit, year and place as the importer
 * read them, tied to its task or goal — a figure outside both goes to the plan-level goal 总体目标,
 * created when the plan has none. The figure leaves the list.
 */
export function adoptUnreadNumber(p: PlanProposal, index: number): PlanProposal {
  const list = p.unreadNumbers ?? [];
  const n = list[index];
  if (!n) return p;
  let goals = p.goals;
  let goal = n.task === null ? n.goal : null;
  if (n.task === null && (goal === null || !goals.some((g) => g.number === goal))) {
    const existing = goals.find((g) => g.title === OVERALL);
    goal = existing?.number ?? Math.max(0, ...goals.map((g) => g.number)) + 1;
    if (!existing) goals = [...goals, { number: goal, title: OVERALL, text: n.sentence, source: n.source }];
  }
  const year = n.targetYear ?? p.plan.targetYear ?? new Date().getFullYear();
  const indicator: ProposalIndicator = {
    name: n.name,
    comparator: n.comparator,
    value: n.value,
    min: null,
    max: null,
    unit: n.unit,
    targetYear: year,
    targetDate: `${year}-12-31`,
    goal,
    task: n.task,
    sentence: n.sentence,
    source: n.source,
    alsoStatedAt: [],
  };
  return {
    ...p,
    goals,
    indicators: [...p.indicators, indicator],
    unreadNumbers: list.filter((_, i) => i !== index),
  };
}
