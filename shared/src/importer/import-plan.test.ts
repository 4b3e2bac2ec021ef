import { describe, expect, it } from 'vitest';
import {
  EXPECTED_TARGETS,
  EXPECTED_TASKS,
  JURONG_SOURCE,
  targetKey,
} from '../../test-fixtures/importer/jurong-expected.ts';
import { importPlanText } from './import-plan.ts';
import { planProposalSchema } from './proposal.ts';

const proposal = importPlanText(JURONG_SOURCE);
const slice = (s: { start: number; end: number }): string => JURONG_SOURCE.slice(s.start, s.end);

describe('importPlanText on Jurong’s plan', () => {
  it('proposes a proposal that its own schema accepts', () => {
    expect(() => planProposalSchema.parse(proposal)).not.toThrow();
  });

  it('reads the title, document number, issuing date, region and target year', () => {
    expect(proposal.plan).toEqual({
      title: '句容市争创省创新型示范市建设方案',
      documentNumber: '句委办〔2022〕79号',
      issuer: '中共句容市委办公室',
      issuingDate: '2022-12-22',
      region: '句容市',
      targetYear: 2025,
    });
  });

  it('gives no warning', () => {
    expect(proposal.warnings).toEqual([]);
  });

  it('finds the 5 goals, 6 areas, 3 phases with their years and 5 measures', () => {
    expect(proposal.goals.map((g) => [g.number, g.title])).toEqual([
      [1, '科技创新载体持续壮大'],
      [2, '科技创新主体日益活跃'],
      [3, '科技创新环境不断优化'],
      [4, '科技创新惠民步伐加快'],
      [5, '科技创新投入显著提高'],
    ]);
    expect(proposal.areas.map((a) => [a.number, a.title])).toEqual([
      [1, '推动主导产业跨越升级'],
      [2, '加强区域创新策源'],
      [3, '加快创新载体优化升级'],
      [4, '推进合作协同创新'],
      [5, '优化科技创新生态'],
      [6, '答好乡村振兴民生答卷'],
    ]);
    expect(proposal.phases.map((p) => [p.number, p.name, p.startYear, p.endYear])).toEqual([
      [1, '组织创建', 2022, 2024],
      [2, '实施攻坚', 2023, 2025],
      [3, '巩固提升', 2024, 2025],
    ]);
    expect(proposal.measures.map((m) => m.title)).toEqual([
      '加强组织领导协调',
      '加快方案组织实施',
      '优化政策支持体系',
      '加大财政资金投入',
      '强化监督考核机制',
    ]);
    expect(proposal.measures[0]?.text).toMatch(/^加强党对创新型示范市建设工作的全面领导/);
    expect(proposal.phases[1]?.text).toContain('分解任务指标'); // joined across the page break
  });

  it('finds exactly the 19 tasks in order', () => {
    expect(proposal.tasks.map((t) => t.number)).toEqual(EXPECTED_TASKS.map((t) => t.number));
  });

  it.each(EXPECTED_TASKS)('task $number: title, area, lead unit and co-units', (e) => {
    const task = proposal.tasks.find((t) => t.number === e.number);
    expect(task).toMatchObject({ title: e.title, areaNumber: e.area, leadUnit: e.lead, coUnits: e.co });
    expect(task?.text).not.toMatch(/责任单位|^\d/);
  });

  it('joins a task cut by a page break and keeps its whole text', () => {
    const t18 = proposal.tasks.find((t) => t.number === 18);
    expect(t18?.text).toContain('创新载体。到2025年末，培育市级及以上农业科技型企业40家');
    expect(slice(t18?.source ?? { start: 0, end: 0 })).toMatch(
      /^18\. 巩固农业科技创新成果。[\s\S]*镇江国家农业科技园区）$/,
    );
  });

  it('lists every unit and unit group it met once, groups kept whole', () => {
    expect(proposal.unitNames).toHaveLength(21);
    expect(proposal.unitNames).toEqual(
      expect.arrayContaining(['各镇（街道）', '各相关镇（街道）', '各相关镇（街道、园区）', '镇江国家农业科技园区']),
    );
  });

  it('finds exactly the 24 quantitative targets, all due at the end of 2025', () => {
    expect(proposal.indicators.map(targetKey).sort()).toEqual(EXPECTED_TARGETS.map(targetKey).sort());
    for (const ind of proposal.indicators) expect([ind.targetYear, ind.targetDate]).toEqual([2025, '2025-12-31']);
  });

  it.each(EXPECTED_TARGETS)('target $what: $comparator $value $min–$max $unit', (e) => {
    const found = proposal.indicators.filter((i) => targetKey(i) === targetKey(e));
    expect(found).toHaveLength(1);
    const ind = found[0];
    // The highlighted source holds the figure and the sentence holds the source.
    expect(slice(ind?.source ?? { start: 0, end: 0 }).replace(/\s/g, '')).toContain(
      `${e.value ?? `${e.min}-${e.max}`}${e.unit}`,
    );
    expect(ind?.sentence.replace(/\s/g, '')).toContain(slice(ind?.source ?? { start: 0, end: 0 }).replace(/\s/g, ''));
  });

  it('names targets by the words that state them', () => {
    const names = proposal.indicators.map((i) => i.name);
    expect(names).toEqual(
      expect.arrayContaining([
        '专业孵化器',
        '市级以上科技孵化载体',
        '市级以上研发平台',
        '在孵企业',
        '每万人高价值发明专利拥有量',
        '潜在独角兽企业',
        '新型研发机构',
        '市级及以上农业科技型企业',
      ]),
    );
  });

  it('merges task 18’s repeat of the 72% contribution rate into goal 4’s indicator', () => {
    const rate = proposal.indicators.filter((i) => i.value === 72);
    expect(rate).toHaveLength(1);
    expect(rate[0]).toMatchObject({ goal: 4, task: 18, comparator: 'gte', unit: '%' });
    expect(rate[0]?.alsoStatedAt).toHaveLength(1);
    expect(slice(rate[0]?.alsoStatedAt[0] ?? { start: 0, end: 0 })).toContain('72%');
  });

  it('takes no target from existing counts, distances, road names, years or "4+1+1"', () => {
    const values = proposal.indicators.map((i) => i.value);
    for (const v of [1, 4, 5, 6, 122, 312, 2022, 2023, 2024, 2025]) expect(values).not.toContain(v);
    expect(proposal.indicators.filter((i) => i.task === 10 || i.task === 7)).toEqual([]);
    expect(proposal.indicators.filter((i) => i.value === 15 && i.unit === '家')).toEqual([]);
  });

  it('points every source at the line it came from', () => {
    const lines = JURONG_SOURCE.split('\n');
    for (const item of [
      ...proposal.tasks,
      ...proposal.goals,
      ...proposal.indicators,
      ...proposal.phases,
      ...proposal.measures,
    ]) {
      const { start, line } = item.source;
      expect(lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0)).toBeLessThanOrEqual(start);
      expect(lines[line - 1]?.length).toBeGreaterThan(0);
    }
  });
});
