import { describe, expect, it } from 'vitest';
import { expectJurongFrame, expectJurongTargets, expectJurongTasks } from '../../test-fixtures/importer/assertions.ts';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import {
  blanketCoUnit,
  halfWidth,
  leadMarkers,
  pageBroken,
  perAreaTables,
  singleTable,
  withoutMarkdown,
} from '../../test-fixtures/importer/variants.ts';
import { importPlanText } from './import-plan.ts';

const variants: [string, string][] = [
  ['all punctuation half-width', halfWidth(JURONG_SOURCE)],
  ['no Markdown markup at all', withoutMarkdown(JURONG_SOURCE)],
  ['sentences, numbers, titles and unit lists cut by page breaks', pageBroken(JURONG_SOURCE)],
  ['牵头单位/责任单位/配合单位 markers in five forms', leadMarkers(JURONG_SOURCE)],
  ['task tables per area (序号 | 任务 | 牵头单位 | 配合单位)', perAreaTables(JURONG_SOURCE)],
  [
    'one task table with a merged area column (序号 | 重点领域 | 任务名称 | 任务内容 | 责任单位)',
    singleTable(JURONG_SOURCE),
  ],
  [
    'half-width, without Markdown and cut by page breaks at once',
    withoutMarkdown(halfWidth(pageBroken(JURONG_SOURCE))),
  ],
  ['half-width unit markers without Markdown', withoutMarkdown(halfWidth(leadMarkers(JURONG_SOURCE)))],
  ['half-width task tables', halfWidth(singleTable(JURONG_SOURCE))],
];

describe('importPlanText on variants of Jurong’s plan', () => {
  it.each(variants)('%s: the same 19 tasks, 24 targets and frame, no warning', (_name, text) => {
    const p = importPlanText(text);
    expectJurongTasks(p);
    expectJurongTargets(p);
    expectJurongFrame(p);
  });

  it('adds the units of "以下任务均需市科技局配合，不再一一列出" to every later task', () => {
    const text = blanketCoUnit(JURONG_SOURCE);
    expect(text).not.toMatch(/、市科技局[、）]/);
    const p = importPlanText(text);
    expectJurongTasks(p, { extraCoUnit: '市科技局' });
    expectJurongTargets(p);
    expectJurongFrame(p);
    expect(p.tasks.find((t) => t.number === 17)?.coUnits).toEqual(['各镇（街道）', '市科技局']);
  });

  it('adds blanket co-units only to the tasks after the sentence', () => {
    const text = JURONG_SOURCE.replace(
      '**13. 实施“科技招商”专项行动。**',
      '以下任务均需市统计局配合，不再一一列出。\n\n**13. 实施“科技招商”专项行动。**',
    );
    const p = importPlanText(text);
    const has = p.tasks.filter((t) => t.coUnits.includes('市统计局')).map((t) => t.number);
    expect(has).toEqual([13, 14, 15, 16, 17, 18, 19]);
    expect(p.warnings).toEqual([]);
  });

  it('reads each task table row’s source as the row itself', () => {
    const text = singleTable(JURONG_SOURCE);
    const p = importPlanText(text);
    const t9 = p.tasks.find((t) => t.number === 9);
    expect(text.slice(t9?.source.start, t9?.source.end)).toMatch(
      /^\| 9 \| +\| 健全创新创业服务机构 \|.*\| 市科技局、各镇（街道） \|$/,
    );
  });
});
