import { describe, expect, it } from 'vitest';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { importPlanText } from './import-plan.ts';

/** 1-based line of the first occurrence of a string. */
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('importPlanText warnings', () => {
  it('warns, with its line, about a numbered task without units, and keeps the task', () => {
    const text = JURONG_SOURCE.replace(
      '吸引创新要素跨境流动。加强培育和推荐省级及以上各类国际科技合作项目。（责任单位：市科技局、市人才办）',
      '吸引创新要素跨境流动。加强培育和推荐省级及以上各类国际科技合作项目。',
    );
    const p = importPlanText(text);
    expect(p.tasks).toHaveLength(19);
    expect(p.tasks.find((t) => t.number === 12)).toMatchObject({ leadUnit: null, coUnits: [] });
    expect(p.warnings).toEqual([
      {
        message: '第 12 项任务未找到牵头单位或责任单位',
        source: expect.objectContaining({ line: lineOf(text, '**12. 加强国际') }),
      },
    ]);
  });

  it('warns about a target-like figure whose unit it cannot read, with its position', () => {
    const sentence = '到2025年，全市技术合同成交额达到30亿美元。';
    const text = JURONG_SOURCE.replace('实现城市管理智能化。（责任单位', `实现城市管理智能化。${sentence}（责任单位`);
    const p = importPlanText(text);
    expect(p.warnings).toHaveLength(1);
    const w = p.warnings[0];
    expect(w?.message).toBe('目标值缺少可识别的计量单位：“全市技术合同成交额达到30亿美元”');
    expect(w?.source.line).toBe(lineOf(text, sentence));
    expect(text.slice(w?.source.start, w?.source.end)).toBe('全市技术合同成交额达到30亿美元');
    expect(p.indicators).toHaveLength(24);
  });

  it('keeps a target stated outside the goals and tasks as a plan-level indicator under 总体目标', () => {
    const text = JURONG_SOURCE.replace(
      '实现科研投入高质量增长。',
      '实现科研投入高质量增长，财政科技支出每年增长不低于10%。',
    );
    const p = importPlanText(text);
    expect(p.warnings).toEqual([]);
    const overall = p.goals.find((g) => g.title === '总体目标');
    expect(overall?.number).toBe(Math.max(...p.goals.map((g) => g.number)));
    const ind = p.indicators.find((i) => i.goal === overall?.number);
    expect(ind).toMatchObject({ name: '财政科技支出每年增长', comparator: 'gte', value: 10, unit: '%', task: null });
    expect(ind?.source.line).toBe(lineOf(text, '财政科技支出每年增长'));
    // Without such a target the plan gets no made-up goal.
    expect(importPlanText(JURONG_SOURCE).goals.map((g) => g.title)).not.toContain('总体目标');
  });

  it('warns when task numbers skip or repeat, and renumbers repeats', () => {
    const text = JURONG_SOURCE.replace('**9. 健全创新创业服务机构。**', '**8. 健全创新创业服务机构。**').replace(
      '**13. 实施',
      '**14. 实施',
    );
    const p = importPlanText(text);
    expect(p.tasks.map((t) => t.number).slice(7, 14)).toEqual([8, 9, 10, 11, 12, 14, 15]);
    expect(p.warnings.map((w) => w.message)).toEqual([
      '任务序号 8 重复或倒序，已按顺序改为第 9 项',
      '任务序号不连续：第 12 项之后是第 14 项',
      '任务序号 14 重复或倒序，已按顺序改为第 15 项',
    ]);
  });

  it('warns about a table it cannot read as a task table', () => {
    const text = JURONG_SOURCE.replace(
      '重点推进以下工作：',
      '重点推进以下工作：\n\n| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n',
    );
    expect(importPlanText(text).warnings.map((w) => w.message)).toEqual([
      '表格未能识别为任务表（缺少“任务”或“内容”列），其内容未导入',
    ]);
  });

  it('warns about a phase without years and a document without number or date', () => {
    const text = JURONG_SOURCE.replace('（2022—2024 年）', '')
      .replace('句委办〔2022〕79号', '')
      .replace('2022年12月22日印发', '');
    const messages = importPlanText(text).warnings.map((w) => w.message);
    expect(messages).toEqual(['未找到文号（如“句委办〔2022〕79号”）', '未找到印发日期', '第 1 个阶段未找到起止年份']);
  });

  it('warns about a document with no numbered tasks', () => {
    const p = importPlanText('某县创新方案\n\n这是一段没有任务的文字。');
    expect(p.tasks).toEqual([]);
    expect(p.warnings.map((w) => w.message)).toContain('未找到编号的重点任务');
  });
});
