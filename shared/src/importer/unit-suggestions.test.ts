import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackUnit } from '../plan-pack.ts';
import {
  bigramDice,
  guessUnitKind,
  isAbbreviation,
  matchUnit,
  preselectMapping,
  rankCandidates,
  regionPrefixes,
  suggestGroup,
  suggestUnits,
  variants,
  type TreeUnit,
} from './unit-suggestions.ts';

// Jurong's unit tree as the built-in pack defines it, with codes standing in for ids.
const pack = JSON.parse(readFileSync(new URL('../../packs/jurong-2022-79.json', import.meta.url), 'utf8')) as {
  units: PackUnit[];
};
const tree: TreeUnit[] = pack.units.map((u) => ({
  id: u.code,
  name: u.name,
  fullName: u.fullName ?? null,
  aliases: u.aliases ?? [],
  kind: u.kind,
  parentId: u.parent ?? null,
  disabled: false,
}));
const regions = regionPrefixes(tree);
const best = (name: string, units = tree) => rankCandidates(name, units, regionPrefixes(units))[0];

describe('unit suggestions', () => {
  it('matches a name, an alias and a full name exactly, in that order of strength', () => {
    expect(best('市科技局')).toMatchObject({ unitId: 'kjj', reason: 'exact', score: 1 });
    expect(best('经济开发区')).toMatchObject({ unitId: 'kfq', reason: 'alias' });
    expect(best('句容市科学技术局')).toMatchObject({ unitId: 'kjj', reason: 'fullName' });
  });

  it('matches names that differ only in their 市/县/区 prefix or the region’s name', () => {
    expect(best('县科技局')).toMatchObject({ unitId: 'kjj', reason: 'prefix' });
    expect(best('区财政局')).toMatchObject({ unitId: 'czj', reason: 'prefix' });
    expect(best('句容市财政局')).toMatchObject({ unitId: 'czj', reason: 'fullName' });
    expect(variants('句容市科技局', regions)).toEqual(['句容市科技局', '科技局']);
  });

  it('matches the usual abbreviation of a full name (市科技局 ↔ 句容市科学技术局)', () => {
    const other: TreeUnit[] = [
      { id: 'r', name: '句容市', fullName: null, aliases: [], kind: 'region', parentId: null, disabled: false },
      {
        id: 'k',
        name: '句容市科学技术局',
        fullName: null,
        aliases: [],
        kind: 'department',
        parentId: 'r',
        disabled: false,
      },
      {
        id: 'f',
        name: '句容市发展和改革委员会',
        fullName: null,
        aliases: [],
        kind: 'department',
        parentId: 'r',
        disabled: false,
      },
    ];
    expect(best('市科技局', other)).toMatchObject({ unitId: 'k', reason: 'abbreviation' });
    expect(best('市发改委', other)).toMatchObject({ unitId: 'f', reason: 'abbreviation' });
    expect(isAbbreviation('人社局', '人力资源和社会保障局')).toBe(true);
    expect(isAbbreviation('科技局', '财政局')).toBe(false);
  });

  it('offers similar names last and nothing for unrelated ones', () => {
    expect(matchUnit('市场监督局', { name: '市市场监管局', fullName: null, aliases: [] })).toMatchObject({
      reason: 'similar',
    });
    expect(rankCandidates('市气象局', tree, regions)).toEqual([]);
    expect(bigramDice('科技局', '科技局')).toBe(1);
    expect(bigramDice('科技局', '财政局')).toBe(0);
  });

  it('leaves disabled units out', () => {
    const disabled = tree.map((u) => (u.id === 'kjj' ? { ...u, disabled: true } : u));
    expect(suggestUnits(['市科技局'], disabled)[0]?.candidates.map((c) => c.unitId)).not.toContain('kjj');
  });

  it('proposes 各镇（街道） as every town and street, and 各相关… as designated candidates', () => {
    const all = suggestGroup('各镇（街道）', tree);
    expect(all?.mode).toBe('all');
    expect(all?.memberIds).toHaveLength(11);
    const related = suggestGroup('各相关镇（街道、园区）', tree);
    expect(related?.mode).toBe('designated');
    expect(related?.memberIds).toEqual(expect.arrayContaining(['kfq', 'nykjyq', 'maoshan-scenic', 'xiashu']));
    expect(related?.memberIds).toHaveLength(14);
    expect(suggestGroup('市科技局', tree)).toBeNull();
  });

  it('guesses the kind and parent of a unit to create', () => {
    expect(guessUnitKind('县统计局')).toBe('department');
    expect(guessUnitKind('城关镇')).toBe('town');
    expect(guessUnitKind('东城街道')).toBe('street');
    expect(guessUnitKind('青石县经济开发区')).toBe('park');
    expect(guessUnitKind('县委')).toBe('committee');
    expect(guessUnitKind('青石县人民政府')).toBe('government');
    const [stats, town] = suggestUnits(['市气象局', '城关镇'], tree);
    expect(stats?.create).toEqual({ kind: 'department', parentId: 'gov' });
    expect(town?.create).toEqual({ kind: 'town', parentId: 'jurong' });
  });
});

describe('preselectMapping', () => {
  it('preselects a sure match, else the group, else a unit to create; never a merely similar name', () => {
    const [kjj, towns, similar, unknown] = suggestUnits(['县科技局', '各镇（街道）', '市卫生健康局', '县税务局'], tree);
    expect(preselectMapping(kjj!)).toEqual({ name: '县科技局', action: 'existing', unitId: 'kjj' });
    expect(preselectMapping(towns!)).toMatchObject({ action: 'group', mode: 'all' });
    expect(similar!.candidates[0]).toMatchObject({ unitId: 'wjw', reason: 'similar' });
    expect(preselectMapping(similar!)).toEqual({
      name: '市卫生健康局',
      action: 'create',
      kind: 'department',
      parentId: 'gov',
    });
    expect(preselectMapping(unknown!)).toMatchObject({ action: 'create' });
  });
});
