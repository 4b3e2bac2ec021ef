import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlanText } from './import-plan.ts';

// A plan of another (made-up) county, written the other common way: goals as （一）, tasks as 1、,
// sub-points as （1）, 牵头单位/配合单位 on their own line, phases by month, measures inline.
const text = readFileSync(new URL('../../test-fixtures/importer/county-plan.md', import.meta.url), 'utf8');
const p = importPlanText(text);

describe('importPlanText on another county’s plan', () => {
  it('reads its header from the notice and the title line', () => {
    expect(p.plan).toEqual({
      title: '青石县科技创新三年行动计划（2024—2026年）',
      documentNumber: '青政办发〔2024〕12号',
      issuer: '青石县人民政府办公室',
      issuingDate: '2024-03-05',
      region: '青石县',
      targetYear: 2026,
    });
    expect(p.warnings).toEqual([]);
  });

  it('reads goals numbered （一）, tasks numbered 1、 and their units in every form', () => {
    expect(p.goals.map((g) => g.title)).toEqual(['创新主体不断壮大', '创新投入持续增加']);
    expect(p.tasks.map((t) => [t.number, t.areaNumber, t.title, t.leadUnit, t.coUnits])).toEqual([
      [1, 1, '实施高企培育计划', '县科技局', ['县财政局', '县税务局']],
      [2, 1, '壮大科技型中小企业', '县工信局', ['各乡镇（街道）']],
      [3, 2, '建设县级研发平台', '县科技局', ['县发改委']],
    ]);
    expect(p.tasks[1]?.text).toContain('（2）建立企业服务专员制度。');
  });

  it('reads targets with 以上, 突破, 左右 and 以内', () => {
    expect(p.indicators.map((i) => [i.goal, i.task, i.comparator, i.value, i.unit])).toEqual([
      [1, null, 'gte', 120, '家'],
      [1, null, 'gt', 300, '家'],
      [2, null, 'approx', 3.2, '%'],
      [2, null, 'lte', 5, '%'],
      [null, 1, 'gte', 50, '家'],
      [null, 3, 'gte', 30, '个'],
    ]);
  });

  it('reads phases given by month and measures written inline', () => {
    expect(p.phases.map((ph) => [ph.name, ph.startYear, ph.endYear])).toEqual([
      ['启动阶段', 2024, 2024],
      ['推进阶段', 2024, 2025],
      ['总结阶段', 2026, 2026],
    ]);
    expect(p.measures.map((m) => [m.title, m.text])).toEqual([
      ['加强组织领导', '成立县科技创新工作领导小组。'],
      ['强化资金保障', '县财政每年安排专项资金支持科技创新。'],
    ]);
  });
});
