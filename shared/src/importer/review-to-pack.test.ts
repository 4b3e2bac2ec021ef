import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { UnitMapping } from '../api/plan-imports.ts';
import type { PackUnit } from '../plan-pack.ts';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { importPlanText } from './import-plan.ts';
import { updateItem } from './proposal-edits.ts';
import { parseReviewedProposal, reviewToPack, type CodedUnit } from './review-to-pack.ts';
import { preselectMapping, suggestUnits } from './unit-suggestions.ts';

const pack = JSON.parse(readFileSync(new URL('../../packs/jurong-2022-79.json', import.meta.url), 'utf8')) as {
  units: PackUnit[];
};
const tree: CodedUnit[] = pack.units.map((u) => ({
  id: `id-${u.code}`,
  code: u.code,
  name: u.name,
  fullName: u.fullName ?? null,
  aliases: u.aliases ?? [],
  kind: u.kind,
  parentId: u.parent ? `id-${u.parent}` : null,
  disabled: false,
}));
const proposal = importPlanText(JURONG_SOURCE);
const settings = { code: 'jurong-import', baselineYear: 2021 };

/** The mapping the review screen preselects. */
const suggestedMapping = (names: string[]): UnitMapping[] => suggestUnits(names, tree).map(preselectMapping);
const code = (i: number) => `new-${i}`;

describe('reviewToPack', () => {
  it('turns Jurong’s proposal and the suggested mapping into a pack with 19 tasks and 24 indicators', () => {
    const result = reviewToPack(proposal, { settings, units: suggestedMapping(proposal.unitNames) }, tree, code);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.pack.plan.code).toBe('jurong-import');
    expect(result.pack.areas.flatMap((a) => a.tasks)).toHaveLength(19);
    expect(result.pack.indicators).toHaveLength(24);
    expect(result.pack.unitGroups.map((g) => [g.name, g.mode])).toEqual([
      ['各相关镇（街道）', 'designated'],
      ['各相关镇（街道、园区）', 'designated'],
      ['各镇（街道）', 'all'],
    ]);
    expect(result.created).toEqual([]);
  });

  it('renames names mapped to an existing unit and adds units to create under their parent', () => {
    let p = updateItem(proposal, 'tasks', 0, { leadUnit: '县科技局' });
    p = updateItem(p, 'tasks', 1, { leadUnit: '市知识产权局' });
    const units = suggestedMapping(p.unitNames);
    expect(units.find((m) => m.name === '县科技局')).toMatchObject({ action: 'existing', unitId: 'id-kjj' });
    expect(units.find((m) => m.name === '市知识产权局')).toMatchObject({
      action: 'create',
      kind: 'department',
      parentId: 'id-gov',
    });
    const result = reviewToPack(p, { settings, units }, tree, code);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.pack.areas[0]?.tasks[0]?.leadUnit).toBe('市科技局');
    expect(result.created).toEqual([
      { code: 'new-0', name: '市知识产权局', aliases: [], kind: 'department', parent: 'gov' },
    ]);
  });

  it('keeps a unit once when two spellings of it are mapped to it', () => {
    const p = updateItem(proposal, 'tasks', 1, {
      leadUnit: '句容市科学技术局',
      coUnits: ['市科技局', '市发改委', '县发改委'],
    });
    const result = reviewToPack(p, { settings, units: suggestedMapping(p.unitNames) }, tree, code);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.pack.areas[0]?.tasks[1]).toMatchObject({ leadUnit: '市科技局', coUnits: ['市发改委'] });
  });

  it('reports unmapped names, a missing lead unit and a unit to create that exists already', () => {
    const p = updateItem(proposal, 'tasks', 2, { leadUnit: null });
    const units = suggestedMapping(p.unitNames).filter((m) => m.name !== '市发改委');
    units.push({ name: '市科技局', action: 'create', kind: 'department', parentId: null });
    const result = reviewToPack(p, { settings, units: units.slice(1) }, tree, code);
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toContainEqual({ path: 'units', message: '单位“市发改委”尚未对应到单位树，请在“对应单位”一步选择' });
    expect(issues).toContainEqual({
      path: 'proposal.tasks.2.leadUnit',
      message: '任务 3「紧盯数字时代智慧科技前沿」：请填写牵头单位',
    });
    expect(issues.find((i) => /^units\.\d+\.name$/.test(i.path))?.message).toBe(
      '单位“市科技局”：单位树中已有同名单位，请选择“已有单位”',
    );
  });

  it('names the item and field of what the pack schema refuses', () => {
    let p = updateItem(proposal, 'tasks', 3, { title: '' });
    p = updateItem(p, 'indicators', 0, { unit: '' });
    p = updateItem(p, 'phases', 1, { startYear: 2026, endYear: 2024 });
    const result = reviewToPack(
      p,
      { settings: { code: 'Bad Code', baselineYear: 2021 }, units: suggestedMapping(p.unitNames) },
      tree,
      code,
    );
    const issues = result.ok ? [] : result.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'settings.code', message: '方案编码：只能包含小写字母、数字和连字符' },
        { path: 'proposal.tasks.3.title', message: '任务 4的标题：不能为空' },
        { path: 'proposal.indicators.0.unit', message: '指标 1「专业孵化器」的计量单位：不能为空' },
        { path: 'proposal.phases.1.endYear', message: '阶段 2「实施攻坚」的结束年份：阶段起始年份不能晚于结束年份' },
      ]),
    );
  });

  it('reports an area left without tasks and a task in an area that does not exist', () => {
    const moved = proposal.tasks.map((t) => (t.areaNumber === 4 ? { ...t, areaNumber: 9 } : t));
    const result = reviewToPack(
      { ...proposal, tasks: moved },
      { settings, units: suggestedMapping(proposal.unitNames) },
      tree,
      code,
    );
    const issues = result.ok ? [] : result.issues;
    expect(issues[0]).toEqual({
      path: 'proposal.tasks.10.areaNumber',
      message: '任务 11「创新产学研合作模式」：所属领域不存在',
    });
  });

  it('reads a malformed proposal’s problems by item, in Chinese', () => {
    const raw = { ...proposal, tasks: proposal.tasks.map((t, i) => (i === 1 ? { ...t, title: 42 } : t)) };
    const result = parseReviewedProposal(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues).toEqual([
      { path: 'proposal.tasks.1.title', message: '任务 2的标题：须为文本' },
    ]);
  });
});
