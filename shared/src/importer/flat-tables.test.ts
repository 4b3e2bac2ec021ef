import { describe, expect, it } from 'vitest';
import { unflattenTables } from './flat-tables.ts';
import { importPlanText } from './import-plan.ts';
import { dueDateOf } from './tables.ts';

describe('unflattenTables', () => {
  it('rewrites a table flattened with spaces, a task cell broken over two lines', () => {
    const text = [
      '序号 重点工作任务 主要责任单位 协同配合单位 完成期限',
      '1 新增企业10家 县科技局 县财政局、县税务局 2023年12月',
      '2 推动研发活动全覆盖，',
      '占比达到60%',
      '县工信局 县统计局 2023年11月',
      '',
      '其他说明。',
    ].join('\n');
    expect(unflattenTables(text).split('\n')).toEqual([
      '| 序号 | 重点工作任务 | 主要责任单位 | 协同配合单位 | 完成期限 |',
      '| --- | --- | --- | --- | --- |',
      '| 1 | 新增企业10家 | 县科技局 | 县财政局、县税务局 | 2023年12月 |',
      '| 2 | 推动研发活动全覆盖，占比达到60% | 县工信局 | 县统计局 | 2023年11月 |',
      '',
      '其他说明。',
    ]);
  });

  it('rewrites a table flattened one cell a line, a unit list broken after 、', () => {
    const text =
      '序号\n任务内容\n牵头单位\n配合单位\n1\n建成中试基地2个\n县经信局\n县科技局、\n县财政局\n2\n举办活动5场\n县科协\n县教育局';
    expect(unflattenTables(text).split('\n').slice(2)).toEqual([
      '| 1 | 建成中试基地2个 | 县经信局 | 县科技局、县财政局 |',
      '| 2 | 举办活动5场 | 县科协 | 县教育局 |',
    ]);
  });

  it('leaves prose and real lists alone', () => {
    const text = '一、重点任务\n\n1 个别情况另行通知。\n\n序号不是表头，这是一句话。';
    expect(unflattenTables(text)).toBe(text);
  });

  it('gives the rewritten text as the proposal’s sourceText, sources pointing into it', () => {
    const p = importPlanText(
      '某县2024年任务分解表\n\n序号 工作任务 责任单位\n1 建成平台3个 县科技局\n2 引进人才20人 县人社局',
    );
    expect(p.tasks.map((t) => [t.title, t.leadUnit])).toEqual([
      ['建成平台3个', '县科技局'],
      ['引进人才20人', '县人社局'],
    ]);
    const src = p.sourceText ?? '';
    const t2 = p.tasks[1]?.source;
    expect(src.slice(t2?.start, t2?.end)).toContain('引进人才20人');
    expect(p.indicators.map((i) => [i.value, i.unit, i.targetYear])).toEqual([
      [3, '个', 2024],
      [20, '人', 2024],
    ]);
  });
});

describe('dueDateOf', () => {
  it.each([
    ['2024年12月底', '2024-12-31'],
    ['2024年2月', '2024-02-29'],
    ['2023年9月30日前', '2023-09-30'],
    ['2025年底', '2025-12-31'],
    ['长期坚持', null],
    ['2024年13月', null],
  ])('reads %s as %s', (cell, date) => {
    expect(dueDateOf(cell)).toBe(date);
  });
});
