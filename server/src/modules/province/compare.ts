import { findCatalogueIndicator } from '@innocity/shared/catalogue/indicator-catalogue';
import { comparisonKey, standardUnit } from '@innocity/shared/catalogue/suggest';

/** One county plan's indicator, as the province view reads it (value as of the chosen date). */
export interface CountyIndicatorValue {
  countyId: string;
  indicatorName: string;
  catalogueCode: string | null;
  unit: string;
  value: number | null;
  light: 'green' | 'yellow' | 'red' | 'grey';
}

export interface ComparisonCell {
  countyId: string;
  indicatorName: string;
  value: number | null;
  light: CountyIndicatorValue['light'];
  /** Competition rank (1,1,3) among counties with a value; null when the county has none. */
  rank: number | null;
}

export interface ComparisonColumn {
  key: string;
  catalogueCode: string;
  name: string;
  unit: string;
  direction: 'up' | 'down';
  cells: ComparisonCell[];
}

/**
 * Competition ranking ("1,1,3"): a county's rank is one more than the number of counties strictly
 * better than it, so ties share a rank and the next rank is skipped. Which way is better comes from
 * the catalogue, never from the county's own plan, so every county is judged the same way.
 */
export function competitionRanks(values: (number | null)[], direction: 'up' | 'down'): (number | null)[] {
  const better = (a: number, b: number) => (direction === 'up' ? a > b : a < b);
  return values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && better(o, v)).length));
}

/**
 * The county × comparable-indicator table: only indicators sharing catalogue code AND unit of
 * measure (comparisonKey) land in one column; a column appears only when at least two counties
 * report that indicator, since a column of one compares nothing.
 */
export function buildComparison(rows: CountyIndicatorValue[]): ComparisonColumn[] {
  const groups = new Map<string, CountyIndicatorValue[]>();
  for (const r of rows) {
    const key = comparisonKey({ catalogueCode: r.catalogueCode, unit: r.unit });
    if (key === null) continue;
    const g = groups.get(key) ?? [];
    // One value per county and key: a plan listing the same indicator twice keeps its first.
    if (!g.some((x) => x.countyId === r.countyId)) g.push(r);
    groups.set(key, g);
  }
  const columns: ComparisonColumn[] = [];
  for (const [key, g] of groups) {
    if (g.length < 2) continue;
    const code = g[0]!.catalogueCode!;
    const cat = findCatalogueIndicator(code)!;
    const ranks = competitionRanks(
      g.map((x) => x.value),
      cat.direction,
    );
    columns.push({
      key,
      catalogueCode: code,
      name: cat.name,
      unit: standardUnit(code, g[0]!.unit)!,
      direction: cat.direction,
      cells: g.map((x, i) => ({
        countyId: x.countyId,
        indicatorName: x.indicatorName,
        value: x.value,
        light: x.light,
        rank: ranks[i]!,
      })),
    });
  }
  return columns.sort((a, b) => a.key.localeCompare(b.key));
}
