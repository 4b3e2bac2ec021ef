import { describe, expect, it } from 'vitest';
import type { AssessmentInputs, TimelinessFact, WorkItemFact } from './inputs.ts';
import { DEFAULT_CREDITS, checkScheme, type SchemeBody } from './scheme.ts';
import { computeScores, rankScores } from './score.ts';

const scheme: SchemeBody = {
  name: '2025年度考核方案',
  items: [
    {
      id: 'tasks',
      name: '任务完成',
      measure: 'task_completion',
      weight: 40,
      rule: { kind: 'linear', zeroAt: 0, fullAt: 1 },
      credits: DEFAULT_CREDITS,
    },
    {
      id: 'ind',
      name: '指标进展',
      measure: 'indicator_progress',
      weight: 40,
      rule: { kind: 'linear', zeroAt: 0.2, fullAt: 0.9 },
      credits: DEFAULT_CREDITS,
    },
    {
      id: 'rep',
      name: '报送质量',
      measure: 'reporting_timeliness',
      weight: 20,
      rule: {
        kind: 'bands',
        bands: [
          { min: 0.95, share: 1 },
          { min: 0.8, share: 0.85 },
          { min: 0.6, share: 0.7 },
          { min: 0, share: 0.4 },
        ],
      },
      credits: DEFAULT_CREDITS,
    },
  ],
  maxBonus: 5,
  maxDeduction: 10,
  categories: [],
  minApplicableShare: 0.5,
};

const wi = (id: string, leadUnitId: string, o: Partial<WorkItemFact>): WorkItemFact => ({
  id,
  title: `事项${id}`,
  leadUnitId,
  year: 2025,
  dueDate: '2025-06-30',
  status: 'open',
  progress: 0,
  doneDate: null,
  taskNumber: 1,
  ...o,
});
const ind = (id: string, unit: string, light: 'green' | 'yellow' | 'red' | 'grey', status = 'on_schedule') => ({
  id,
  name: `指标${id}`,
  reportingUnitId: unit,
  status,
  statusLabel: status,
  light,
  valueText: '1',
  targetText: '≥ 1',
});
const tl = (
  roundId: string,
  unitId: string,
  timeliness: TimelinessFact['timeliness'],
  completeness = 1,
  changesAfterAcceptance = 0,
): TimelinessFact => ({
  roundId,
  unitId,
  timeliness,
  completeness,
  changesAfterAcceptance,
  lateDays: timeliness === 'late' ? 3 : null,
});

const inputs: AssessmentInputs = {
  asOf: '2025-09-25',
  year: 2025,
  units: [
    { id: 'A', name: '市科技局' },
    { id: 'B', name: '市发改委' },
    { id: 'C', name: '华阳街道' },
    { id: 'D', name: '下蜀镇' },
    { id: 'E', name: '市财政局' },
  ],
  workItems: [
    wi('w1', 'A', { status: 'done', doneDate: '2025-06-20' }), // on time: 1
    wi('w2', 'A', { status: 'done', doneDate: '2025-07-15' }), // late: 0.8
    wi('w3', 'A', { progress: 60, dueDate: '2025-08-31' }), // overdue: 0.6 × 0.5 = 0.3
    wi('w4', 'A', { progress: 90, dueDate: '2025-12-31' }), // not yet due: not counted
    wi('w5', 'A', { status: 'cancelled' }), // struck off: never counted
    wi('w6', 'A', { year: 2024, dueDate: '2024-12-31' }), // another year
    wi('w7', 'B', { status: 'done', doneDate: '2025-09-01', dueDate: '2025-09-30' }), // 1
    wi('w8', 'B', { status: 'done', doneDate: '2025-10-05', dueDate: '2025-09-20', progress: 100 }), // done after the as-of date: overdue then, 1 × 0.5
    wi('w9', 'C', { dueDate: '2025-09-10' }), // 0
    wi('w10', 'C', { status: 'done', doneDate: '2025-05-01' }), // 1
  ],
  indicators: [
    ind('i1', 'A', 'green'),
    ind('i2', 'A', 'yellow'),
    ind('i3', 'A', 'red'),
    ind('i4', 'A', 'grey', 'no_data'),
    ind('i5', 'A', 'grey', 'no_baseline'), // the office's gap: not counted
    ind('i6', 'B', 'green'),
    ind('i7', 'B', 'green'),
    ind('i8', 'D', 'yellow'),
  ],
  rounds: [
    { id: 'r0', title: '2024年第四季度', periodId: '2024Q4', cutoffDate: '2024-12-25' },
    { id: 'r1', title: '2025年第一季度', periodId: '2025Q1', cutoffDate: '2025-03-25' },
    { id: 'r2', title: '2025年第二季度', periodId: '2025Q2', cutoffDate: '2025-06-25' },
    { id: 'r3', title: '2025年第三季度', periodId: '2025Q3', cutoffDate: '2025-09-25' },
    { id: 'r4', title: '2025年第四季度', periodId: '2025Q4', cutoffDate: '2025-12-25' },
  ],
  timeliness: [
    tl('r0', 'A', 'missing'),
    tl('r1', 'A', 'on_time'),
    tl('r2', 'A', 'on_time', 1, 1),
    tl('r3', 'A', 'late'),
    tl('r1', 'B', 'on_time'),
    tl('r2', 'B', 'on_time'),
    tl('r3', 'B', 'on_time'),
    tl('r4', 'B', 'missing'),
    tl('r1', 'C', 'on_time'),
    tl('r2', 'C', 'late', 0.5),
    tl('r3', 'C', 'missing'),
    tl('r1', 'D', 'on_time'),
    tl('r2', 'D', 'on_time'),
    tl('r3', 'D', 'on_time', 0.8),
    tl('r3', 'E', 'pending'),
  ],
  adjustments: [
    {
      id: 'a1',
      unitId: 'A',
      kind: 'bonus',
      points: 3,
      reason: '获评省级创新型示范单位',
      evidence: '苏科发〔2025〕12号',
      date: '2025-05-01',
    },
    {
      id: 'a2',
      unitId: 'A',
      kind: 'bonus',
      points: 4,
      reason: '新增国家级孵化器',
      evidence: '国科火字〔2025〕88号',
      date: '2025-08-01',
    },
    {
      id: 'a3',
      unitId: 'C',
      kind: 'deduction',
      points: 2,
      reason: '督查发现台账不实',
      evidence: '督查通报第3期',
      date: '2025-07-10',
    },
    {
      id: 'a4',
      unitId: 'D',
      kind: 'deduction',
      points: 2.14,
      reason: '数据报送差错',
      evidence: '办公室核查记录',
      date: '2025-09-01',
    },
  ],
};

const previous = {
  label: '2025年第二季度',
  scores: [
    { unitId: 'B', total: 85, rank: 1 },
    { unitId: 'A', total: 66, rank: 2 },
    { unitId: 'C', total: 50, rank: 3 },
    { unitId: 'D', total: 60, rank: 4 },
  ],
};

describe('assessment scores', () => {
  const set = computeScores(scheme, inputs, previous);
  const of = (id: string) => set.scores.find((s) => s.unitId === id)!;
  const points = (id: string) => of(id).items.map((i) => i.points);

  it('scores each item by hand-computed measures and rules', () => {
    // A: tasks (1 + 0.8 + 0.3) / 3 = 0.7 → 28; indicators (1 + 0.6 + 0.2 + 0) / 4 = 0.45 → (0.45 − 0.2) / 0.7 × 40 = 14.29;
    //    reporting (1 + 0.9 + 0.6) / 3 = 0.8333 → band ≥ 80% → 0.85 × 20 = 17.
    expect(points('A')).toEqual([28, 14.29, 17]);
    // B: tasks (1 + 0.5) / 2 = 0.75 → 30; indicators 1 → capped at full → 40; reporting 1 → 20.
    expect(points('B')).toEqual([30, 40, 20]);
    // C: tasks (0 + 1) / 2 → 20; no indicators; reporting (1 + 0.3 + 0) / 3 = 0.4333 → lowest band 0.4 × 20 = 8.
    expect(points('C')).toEqual([20, null, 8]);
    // D: no work items; indicators 0.6 → (0.6 − 0.2) / 0.7 × 40 = 22.86; reporting (1 + 1 + 0.8) / 3 = 0.9333 → 0.85 × 20 = 17.
    expect(points('D')).toEqual([null, 22.86, 17]);
    expect(points('E')).toEqual([null, null, null]);
  });

  it('scales units with items that do not apply, caps bonuses and subtracts deductions', () => {
    expect(of('A')).toMatchObject({ base: 59.29, bonus: 5, deduction: 0, total: 64.29 });
    expect(of('A').adjustments.map((a) => a.counted)).toEqual([3, 2]); // the second bonus hits the cap of 5
    expect(of('B')).toMatchObject({ base: 90, total: 90 });
    expect(of('C')).toMatchObject({ base: 46.67, deduction: 2, total: 44.67 }); // 28 × 100 ÷ 60
    expect(of('D')).toMatchObject({ base: 66.43, deduction: 2.14, total: 64.29 }); // 39.86 × 100 ÷ 60
    expect(of('E')).toMatchObject({ base: null, total: null, rank: null });
  });

  it('ranks with shared ranks for equal totals, listing tied units in the given order, unscored units last', () => {
    expect(set.scores.map((s) => [s.unitId, s.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['D', 2],
      ['C', 4],
      ['E', null],
    ]);
  });

  it('gives the change since the previous score set', () => {
    expect(set.previousLabel).toBe('2025年第二季度');
    expect([of('B').deltaTotal, of('B').deltaRank]).toEqual([5, 0]);
    expect([of('A').deltaTotal, of('A').deltaRank]).toEqual([-1.71, 0]);
    expect([of('D').deltaTotal, of('D').deltaRank]).toEqual([4.29, 2]);
    expect([of('C').deltaTotal, of('C').deltaRank]).toEqual([-5.33, -1]);
    expect(of('E').previous).toBeNull();
  });

  it('shows its workings: what was counted, what was not, and why', () => {
    const tasks = of('A').items[0]!;
    expect(tasks.rows.map((r) => [r.refId, r.credit])).toEqual([
      ['w1', 1],
      ['w2', 0.8],
      ['w3', 0.3],
      ['w4', null],
    ]);
    expect(tasks.rows[3]!.note).toContain('未到完成时限');
    expect(tasks.measureFormula).toBe('3 项工作事项得分合计 2.1 ÷ 3 = 70%');
    expect(of('A').items[1]!.rows.find((r) => r.refId === 'i5')!.note).toContain('不计分');
    expect(of('A').items[2]!.rows.map((r) => r.refId)).toEqual(['r1', 'r2', 'r3']);
    expect(of('C').baseFormula).toContain('28 × 100 ÷ 60 = 46.67');
  });

  it('gives byte-identical results for the same inputs, and the same points whatever the order of the facts', () => {
    const shuffled = {
      ...inputs,
      workItems: [...inputs.workItems].reverse(),
      indicators: [...inputs.indicators].reverse(),
      timeliness: [...inputs.timeliness].reverse(),
      adjustments: [...inputs.adjustments].reverse(),
    };
    const numbers = (x: typeof set) =>
      x.scores.map((s) => [s.unitId, s.items.map((i) => i.points), s.base, s.bonus, s.deduction, s.total, s.rank]);
    expect(numbers(computeScores(scheme, shuffled, previous))).toEqual(numbers(set));
    expect(JSON.stringify(computeScores(scheme, structuredClone(inputs), previous))).toBe(JSON.stringify(set));
  });

  it('ranks 1, 2, 2, 4 and leaves units without a total unranked', () => {
    const ranked = rankScores([{ total: 80 }, { total: 90 }, { total: null }, { total: 80 }, { total: 70 }]);
    expect(ranked.map((r) => [r.total, r.rank])).toEqual([
      [90, 1],
      [80, 2],
      [80, 2],
      [70, 4],
      [null, null],
    ]);
  });
});

describe('fair assessment: 分类考核 and the minimum applicable weight', () => {
  // Six units; F and G have only the reporting item (20 of 100 points) and report perfectly.
  const fair: AssessmentInputs = {
    ...inputs,
    units: [
      { id: 'A', name: '市科技局', kind: 'department' },
      { id: 'B', name: '市发改委', kind: 'department' },
      { id: 'C', name: '华阳街道', kind: 'street' },
      { id: 'D', name: '下蜀镇', kind: 'town' },
      { id: 'F', name: '市档案馆', kind: 'department' },
      { id: 'G', name: '句容经济开发区', kind: 'park' },
    ],
    timeliness: [
      ...inputs.timeliness,
      ...['r1', 'r2', 'r3'].flatMap((r) => [tl(r, 'F', 'on_time'), tl(r, 'G', 'on_time')]),
    ],
  };

  it('does not rank a unit on one small item scaled to 100', () => {
    // F: reporting 1 → 20 points, 20 × 100 ÷ 20 = 100, but 20 ÷ 100 = 20% < 50%: scored, not ranked.
    const set = computeScores(scheme, fair);
    const f = set.scores.find((s) => s.unitId === 'F')!;
    expect(f).toMatchObject({ base: 100, total: 100, rank: null });
    expect(f.unranked).toBe('适用项权重 20 分，占全部权重 20%，低于方案规定的 50%，不参与排名（得分仅供参考）');
    expect(f.baseFormula).toContain('不参与排名');
    // C has 60 of 100 (tasks 40 + reporting 20): 60% ≥ 50%, ranked. Without categories, B 90 first,
    // A and D tied at 64.29 share 2nd, C 4th; F, G unranked.
    expect(set.scores.map((s) => [s.unitId, s.rank])).toEqual([
      ['B', 1],
      ['A', 2],
      ['D', 2],
      ['C', 4],
      ['F', null],
      ['G', null],
    ]);
    // The share is the scheme's: at 0.2 F and G (100 each) rank first together, and B third (1, 1, 3).
    const loose = computeScores({ ...scheme, minApplicableShare: 0.2 }, fair);
    expect(loose.scores.slice(0, 3).map((s) => [s.unitId, s.rank])).toEqual([
      ['F', 1],
      ['G', 1],
      ['B', 3],
    ]);
  });

  it('ranks within the categories the scheme sets, in the scheme’s order', () => {
    const categories = [
      { name: '部门', kinds: ['department' as const] },
      { name: '镇（街道）', kinds: ['town' as const, 'street' as const] },
    ];
    const set = computeScores({ ...scheme, categories, minApplicableShare: 0.2 }, fair);
    expect(set.scores.map((s) => [s.category, s.unitId, s.rank])).toEqual([
      // 部门: F 100, B 90, A 64.29.
      ['部门', 'F', 1],
      ['部门', 'B', 2],
      ['部门', 'A', 3],
      // 镇（街道）: D 64.29, C 44.67.
      ['镇（街道）', 'D', 1],
      ['镇（街道）', 'C', 2],
      // A park, in no category of this scheme: ranked on its own under 其他单位.
      ['其他单位', 'G', 1],
    ]);
  });

  it('refuses a unit kind in two categories', () => {
    const issues = checkScheme({
      ...scheme,
      categories: [
        { name: '部门', kinds: ['department'] },
        { name: '园区', kinds: ['park', 'department'] },
      ],
    });
    expect(issues).toEqual([
      { path: 'categories.1.kinds', message: '同一类单位不能同时属于「部门」和「园区」两个考核类别' },
    ]);
  });
});

describe('scheme validation', () => {
  it('accepts the scheme above', () => {
    expect(checkScheme(scheme)).toEqual([]);
  });

  it('names each item when the weights do not add up to 100', () => {
    const bad = { ...scheme, items: scheme.items.map((i) => (i.id === 'rep' ? { ...i, weight: 15 } : i)) };
    expect(checkScheme(bad).map((i) => i.message)).toEqual([
      '各考核项权重合计应为 100 分，当前为 95 分（任务完成 40、指标进展 40、报送质量 15）',
    ]);
  });

  it('names the item whose rule is incomplete', () => {
    const items = [
      { ...scheme.items[0]!, rule: { kind: 'linear' as const, zeroAt: 0.8, fullAt: 0.5 } },
      scheme.items[1]!,
      {
        ...scheme.items[2]!,
        rule: {
          kind: 'bands' as const,
          bands: [
            { min: 0.9, share: 1 },
            { min: 0.6, share: 0.6 },
          ],
        },
      },
    ];
    expect(checkScheme({ ...scheme, items }).map((i) => i.message)).toEqual([
      '考核项「任务完成」的满分线（50%）须高于零分线（80%）',
      '考核项「报送质量」的分档须包含最低档（下限 0%），否则部分单位无档可依',
    ]);
  });

  it('refuses bands out of order, duplicate names and an empty scheme', () => {
    const bands = {
      kind: 'bands' as const,
      bands: [
        { min: 0.5, share: 0.5 },
        { min: 0.8, share: 1 },
        { min: 0, share: 0 },
      ],
    };
    const items = [{ ...scheme.items[0]!, rule: bands }, { ...scheme.items[1]!, name: '任务完成' }, scheme.items[2]!];
    const messages = checkScheme({ ...scheme, items }).map((i) => i.message);
    expect(messages).toContain('考核项「任务完成」第 2 档的下限须低于上一档（按下限从高到低排列）');
    expect(messages).toContain('考核项「任务完成」第 2 档的得分比例不能高于上一档');
    expect(messages).toContain('考核项名称「任务完成」重复');
    expect(checkScheme({ ...scheme, items: [] })[0]!.message).toBe('考核方案至少需要一个考核项');
  });
});
