import { describe, expect, it } from 'vitest';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { importPlanText } from './import-plan.ts';
import { adoptUnreadNumber } from './unread-numbers.ts';

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('未识别的数字', () => {
  it('lists every figure with a unit that did not become a target, with its line and task', () => {
    const p = importPlanText(JURONG_SOURCE);
    expect(p.warnings).toEqual([]);
    expect((p.unreadNumbers ?? []).map((u) => [u.task, u.value, u.unit, u.source.line])).toEqual([
      [7, 5, '公里', lineOf(JURONG_SOURCE, '宝华 5 公里')],
      [10, 15, '家', lineOf(JURONG_SOURCE, '15 家孵化基地')],
    ]);
    const all = [...p.indicators.map((i) => i.source.start), ...(p.unreadNumbers ?? []).map((u) => u.source.start)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('lists a quarterly milestone’s figure instead of making it a target of its own', () => {
    const text =
      '某县2024年重点任务清单\n\n一、培育高企\n\n目标：新增高新技术企业40家。\n\n二季度：组织申报培训2场；\n\n责任单位：县科技局';
    const p = importPlanText(text);
    expect(p.indicators.map((i) => [i.value, i.unit])).toEqual([[40, '家']]);
    expect(p.unreadNumbers?.map((u) => [u.task, u.value, u.unit, u.source.line])).toEqual([[1, 2, '场', 7]]);
  });

  it('turns one into a target of its task in one step, comparator, value and unit prefilled', () => {
    const p = importPlanText(JURONG_SOURCE);
    const q = adoptUnreadNumber(p, 1);
    expect(q.indicators).toHaveLength(p.indicators.length + 1);
    expect(q.indicators.at(-1)).toMatchObject({ task: 10, goal: null, comparator: 'gte', value: 15, unit: '家' });
    expect(q.indicators.at(-1)?.targetYear).toBe(p.plan.targetYear);
    expect(q.unreadNumbers?.map((u) => u.value)).toEqual([5]);
    expect(q.goals).toEqual(p.goals);
  });

  it('ties a figure outside goals and tasks to 总体目标, creating it once', () => {
    const text = JURONG_SOURCE.replace('实现科研投入高质量增长。', '实现科研投入高质量增长，现有孵化器12家。');
    const p = importPlanText(text);
    const i = (p.unreadNumbers ?? []).findIndex((u) => u.value === 12);
    expect(p.unreadNumbers?.[i]).toMatchObject({
      task: null,
      unit: '家',
      source: { line: lineOf(text, '现有孵化器') },
    });
    const q = adoptUnreadNumber(p, i);
    const overall = q.goals.filter((g) => g.title === '总体目标');
    expect(overall).toHaveLength(1);
    expect(q.indicators.at(-1)).toMatchObject({ goal: overall[0]?.number, task: null, value: 12 });
  });
});
