import { describe, expect, it } from 'vitest';
import { buildComparison, competitionRanks, type CountyIndicatorValue } from './compare.ts';

const row = (countyId: string, code: string | null, unit: string, value: number | null): CountyIndicatorValue => ({
  countyId,
  indicatorName: `${countyId}的指标`,
  catalogueCode: code,
  unit,
  value,
  light: 'green',
});

describe('competitionRanks', () => {
  it('gives ties one rank and skips the next (1,1,3), more is better', () => {
    expect(competitionRanks([3.1, 2.5, 3.1, 1.0], 'up')).toEqual([1, 3, 1, 4]);
  });
  it('ranks the smallest first when less is better, and leaves counties without a value unranked', () => {
    expect(competitionRanks([0.4, null, 0.3, 0.4], 'down')).toEqual([2, null, 1, 2]);
  });
});

describe('buildComparison', () => {
  it('puts only same code AND same unit side by side, ranked by the catalogue direction', () => {
    const cols = buildComparison([
      // R&D intensity in % for three counties: 3.2 and 3.2 tie for first, 2.9 is third.
      row('丹阳', 'rd-intensity', '%', 3.2),
      row('扬中', 'rd-intensity', '％', 3.2),
      row('溧阳', 'rd-intensity', '%', 2.9),
      // Energy per GDP (less is better) for two counties.
      row('丹阳', 'energy-per-gdp', '吨标准煤/万元', 0.5),
      row('溧阳', 'energy-per-gdp', '吨标准煤/万元', 0.42),
      // High-tech enterprises: one county counts them in a unit the catalogue does not know.
      row('丹阳', 'high-tech-enterprises', '家', 120),
      row('扬中', 'high-tech-enterprises', '亿元', 80),
      // Unmapped indicators are compared with nothing.
      row('扬中', null, '%', 1),
      row('溧阳', null, '%', 2),
    ]);
    expect(cols.map((c) => c.catalogueCode)).toEqual(['energy-per-gdp', 'rd-intensity']);
    const energy = cols[0]!;
    expect(energy.direction).toBe('down');
    expect(energy.cells.map((c) => [c.countyId, c.rank])).toEqual([
      ['丹阳', 2],
      ['溧阳', 1],
    ]);
    const rd = cols[1]!;
    expect(rd.unit).toBe('%');
    expect(rd.cells.map((c) => [c.countyId, c.value, c.rank])).toEqual([
      ['丹阳', 3.2, 1],
      ['扬中', 3.2, 1],
      ['溧阳', 2.9, 3],
    ]);
  });
});
