import { describe, expect, it } from 'vitest';
import { importPlanText } from './import-plan.ts';

// The general rules added for the held-out fixtures 21–25, each on a text of its own.
const tasksOf = (text: string) =>
  importPlanText(text).tasks.map((t) => [t.title, t.leadUnit, t.coUnits, t.dueDate ?? null, t.dueText ?? null]);
const targetsOf = (text: string) => importPlanText(text).indicators.map((i) => [i.name, i.value, i.unit]);

describe('rules for forms first met on held-out plans', () => {
  it('reads 第X条 under 第X章 as tasks, a 总体目标 chapter as goals, and no task in a 附则', () => {
    const text = [
      '白沙县支持科技创新若干措施',
      '第一章 总体目标',
      '第一条 到2026年，全县高新技术企业达到60家。',
      '第二章 支持企业创新',
      '第二条 支持企业研发。每年支持企业研发项目30项。（责任单位：县科技局、县财政局）',
      '第三条 培育创新人才。引进科技人才20名。（责任单位：县人社局）',
      '第三章 附则',
      '第四条 本措施由县科技局负责解释。',
    ].join('\n\n');
    const p = importPlanText(text);
    expect(p.tasks.map((t) => [t.number, t.title, t.leadUnit])).toEqual([
      [2, '支持企业研发', '县科技局'],
      [3, '培育创新人才', '县人社局'],
    ]);
    expect(p.indicators.map((i) => [i.name, i.value, i.goal, i.task])).toEqual([
      ['全县高新技术企业', 60, 1, null],
      ['每年支持企业研发项目', 30, null, 2],
      ['科技人才', 20, null, 3],
    ]);
  });

  it('takes the unit marked （牵头） in a 责任单位 cell as the lead, wherever it stands', () => {
    const text = [
      '白沙县2025年重点任务清单',
      '| 序号 | 重点任务 | 责任单位 | 时间节点 |',
      '| ---- | -------- | -------- | -------- |',
      '| 1 | 建设孵化器2家 | 县发改局、县科技局（牵头） | 2025年9月底前 |',
    ].join('\n');
    expect(tasksOf(text)).toEqual([['建设孵化器2家', '县科技局', ['县发改局'], '2025-09-30', '2025年9月底前']]);
  });

  it('reads 完成时限 written as a field line of a task, and keeps it out of the units', () => {
    const text = [
      '白沙县2024年科技重点工作任务',
      '1.推进校地合作',
      '工作内容：签订合作协议10项。',
      '责任单位：县科技局（牵头），县教育局',
      '完成时限：2024年11月底',
      '2.加强科普宣传',
      '工作内容：开展科普活动。',
      '责任单位：县科协',
      '完成时限：长期坚持',
    ].join('\n\n');
    expect(tasksOf(text)).toEqual([
      ['推进校地合作', '县科技局', ['县教育局'], '2024-11-30', '2024年11月底'],
      ['加强科普宣传', '县科协', [], null, '长期坚持'],
    ]);
  });

  it('skips sums a policy pays, keeps counts after 资助 and 推动, and ①② stay out of names', () => {
    const text = [
      '白沙县科技工作要点（2025年）',
      '一、工作目标',
      '①建设科技示范基地3处；②推动2家企业上市。',
      '二、重点任务',
      '1、支持研发。对新认定的研发机构给予奖励30万元，每年资助科技项目20项。（责任单位：县科技局）',
    ].join('\n\n');
    // The task's targets come first; the 30万元 奖励 is none.
    expect(targetsOf(text)).toEqual([
      ['每年资助科技项目', 20, '项'],
      ['科技示范基地', 3, '处'],
      ['企业上市', 2, '家'],
    ]);
  });
});
