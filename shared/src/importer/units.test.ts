import { describe, expect, it } from 'vitest';
import { canonicalUnitName, findBlanketUnits, findUnitsClauses, splitUnitList } from './units.ts';

describe('splitUnitList', () => {
  it('splits on 、 and commas but keeps unit groups whole', () => {
    expect(splitUnitList('市科技局、市发改委，各相关镇（街道、园区）、各镇（街道）')).toEqual([
      '市科技局',
      '市发改委',
      '各相关镇（街道、园区）',
      '各镇（街道）',
    ]);
  });

  it('spells a group one way whatever brackets and commas it was typed with', () => {
    expect(splitUnitList('市科技局,各相关镇(街道,园区)')).toEqual(['市科技局', '各相关镇（街道、园区）']);
    expect(canonicalUnitName(' 市财政局等 ')).toBe('市财政局');
  });
});

describe('findUnitsClauses', () => {
  const one = (text: string) => {
    const found = findUnitsClauses(text);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it.each([
    ['（责任单位：市科技局、市发改委、各镇（街道））', '市科技局', ['市发改委', '各镇（街道）']],
    ['（牵头单位：市科技局；责任单位：市发改委、市工信局）', '市科技局', ['市发改委', '市工信局']],
    ['（牵头单位：市科技局；责任单位：市科技局、市发改委）', '市科技局', ['市发改委']],
    [
      '牵头单位：市发改委；配合单位：市科技局、各相关镇（街道、园区）',
      '市发改委',
      ['市科技局', '各相关镇（街道、园区）'],
    ],
    ['（牵头单位：市科技局，配合单位：市财政局）', '市科技局', ['市财政局']],
    ['（责任单位：市发改委、市科技局（牵头）、市财政局）', '市科技局', ['市发改委', '市财政局']],
    ['（牵头部门：县工信局、县科技局；配合部门：各乡镇）', '县工信局', ['县科技局', '各乡镇']],
  ])('reads %s', (text, lead, co) => {
    expect(one(text)).toMatchObject({ lead, coUnits: co, from: 0, to: text.length });
  });

  it('finds the clause at the end of a task and its exact range', () => {
    const text = '加快引进高技术企业。（责任单位：市科技局、市商务局）';
    const c = one(text);
    expect(text.slice(c?.from, c?.to)).toBe('（责任单位：市科技局、市商务局）');
  });
});

describe('findBlanketUnits', () => {
  it('reads the units named for all later tasks', () => {
    expect(findBlanketUnits('以下任务均需市科技局配合，不再一一列出。')?.units).toEqual(['市科技局']);
    expect(findBlanketUnits('以下各项任务均需市财政局、各镇（街道）配合，不再一一列出。')?.units).toEqual([
      '市财政局',
      '各镇（街道）',
    ]);
    expect(findBlanketUnits('以下工作要求如下。')).toBeNull();
  });
});

describe('findUnitsClauses: units named by a verb after them', () => {
  it.each([
    ['（县科技局牵头，县财政局、县税务局配合）', '县科技局', ['县财政局', '县税务局']],
    ['（县科技局、县住建局按职责分工负责）', '县科技局', ['县住建局']],
    ['（县农业农村局负责）', '县农业农村局', []],
  ])('%s', (clause, lead, coUnits) => {
    const text = `选派科技特派员60名。${clause}`;
    expect(findUnitsClauses(text)).toEqual([{ lead, coUnits, from: text.indexOf('（'), to: text.length }]);
  });

  it('leaves a bracket that is no units clause alone', () => {
    expect(findUnitsClauses('建设孵化器（含众创空间）并负责运营。')).toEqual([]);
    expect(findUnitsClauses('（以上任务由各地结合实际推进，确保按期完成并负责到底）')).toEqual([]);
  });
});
