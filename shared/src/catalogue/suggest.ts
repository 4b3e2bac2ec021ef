import { findCatalogueIndicator, INDICATOR_CATALOGUE, type CatalogueIndicator } from './indicator-catalogue.ts';

/**
 * Plans write the same words in different typefaces: Ｒ＆Ｄ, R＆D, r&d, 百分比 for %, spaces in
 * numbers. Folding full-width forms, case and spaces lets one catalogue word match them all.
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** A unit as written, folded: ％ and 百分比 are %, 个/万人 keeps its slash. */
export function normalizeUnit(unit: string): string {
  const u = normalizeText(unit).replace(/／/g, '/');
  return u === '百分比' || u === '百分点' ? '%' : u;
}

/** The catalogue's standard spelling of a unit for a code, or null when the code is not counted in that unit. */
export function standardUnit(code: string, unit: string): string | null {
  const entry = findCatalogueIndicator(code);
  if (!entry) return null;
  const u = normalizeUnit(unit);
  return entry.units.some((s) => normalizeUnit(s) === u) ? entry.units[0]! : null;
}

export interface CatalogueSuggestion {
  code: string;
  name: string;
  /** Whether the plan's unit of measure is one the code is counted in; false means the values will not be compared. */
  unitMatches: boolean;
  /** Higher is a closer match: matched words' length, plus a bonus when the unit matches. */
  score: number;
}

function matchScore(entry: CatalogueIndicator, name: string): number | null {
  if (entry.exclude?.some((w) => name.includes(normalizeText(w)))) return null;
  let score = 0;
  for (const group of entry.match) {
    const hits = group.map(normalizeText).filter((w) => name.includes(w));
    if (hits.length === 0) return null;
    score += Math.max(...hits.map((w) => w.length));
  }
  return score;
}

/**
 * The catalogue codes a plan's indicator may stand for, best first, from its name and unit of
 * measure as the plan writes them. The office confirms one (or none); nothing is mapped silently.
 * Exported for the plan importer and the office's mapping control.
 */
export function suggestCatalogueCodes(name: string, unit: string): CatalogueSuggestion[] {
  const text = normalizeText(name);
  const out: CatalogueSuggestion[] = [];
  for (const entry of INDICATOR_CATALOGUE) {
    const score = matchScore(entry, text);
    if (score === null) continue;
    const unitMatches = standardUnit(entry.code, unit) !== null;
    out.push({ code: entry.code, name: entry.name, unitMatches, score: score + (unitMatches ? 10 : 0) });
  }
  return out.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

/** The single best code, only when its unit matches too; null when nothing fits well enough to propose. */
export function suggestCatalogueCode(name: string, unit: string): string | null {
  const best = suggestCatalogueCodes(name, unit)[0];
  return best && best.unitMatches ? best.code : null;
}

export interface MappedIndicator {
  catalogueCode: string | null;
  unit: string;
}

/**
 * The key under which values are compared across counties (code and standard unit), or null when
 * the indicator is compared with nothing. Indicators with equal keys are comparable.
 */
export function comparisonKey(m: MappedIndicator): string | null {
  if (m.catalogueCode === null) return null;
  const unit = standardUnit(m.catalogueCode, m.unit);
  return unit === null ? null : `${m.catalogueCode}|${unit}`;
}

/**
 * Whether two counties' indicators may be set side by side: both mapped to the same catalogue
 * code and counted in the same unit of measure (spellings of one unit count as the same).
 */
export function areComparable(a: MappedIndicator, b: MappedIndicator): boolean {
  if (a.catalogueCode === null || a.catalogueCode !== b.catalogueCode) return false;
  const ua = standardUnit(a.catalogueCode, a.unit);
  return ua !== null && ua === standardUnit(b.catalogueCode, b.unit);
}
