import { ADJUSTMENT_KIND_LABELS, type Adjustment, type AssessmentInputs, type PreviousScores } from './inputs.ts';
import { measureFor, pctText, type WorkingRow } from './measures.ts';
import { MEASURE_LABELS, RULE_LABELS, type Measure, type Rule, type SchemeBody, type SchemeItem } from './scheme.ts';

/** Points to two decimals, half away from zero; the epsilon keeps 0.125 from becoming 0.12 through binary noise. */
export const round2 = (n: number) => (Math.sign(n) * Math.round(Math.abs(n) * 100 + 1e-9)) / 100;

export interface ItemScore {
  itemId: string;
  name: string;
  measure: Measure;
  weight: number;
  /** The measure, 0–1, or null when the item does not apply to the unit. */
  value: number | null;
  points: number | null;
  measureFormula: string;
  ruleFormula: string;
  rows: WorkingRow[];
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  items: ItemScore[];
  /** Sum of item points, scaled to 100 when some items do not apply; null when none applies. */
  base: number | null;
  baseFormula: string;
  adjustments: (Adjustment & { counted: number })[];
  bonus: number;
  deduction: number;
  total: number | null;
  rank: number | null;
  previous: { total: number | null; rank: number | null } | null;
  /** total − previous total; positive is better. */
  deltaTotal: number | null;
  /** previous rank − rank; positive means the unit moved up. */
  deltaRank: number | null;
}

export interface ScoreSet {
  asOf: string;
  year: number;
  schemeName: string;
  previousLabel: string | null;
  scores: UnitScore[];
}

/** The share of the weight a measure earns under the rule, with the rule's workings in words. */
export function applyRule(rule: Rule, value: number): { share: number; formula: string } {
  if (rule.kind === 'linear') {
    const raw = (value - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
    const share = Math.min(1, Math.max(0, raw));
    return {
      share,
      formula: `${RULE_LABELS.linear}：(${pctText(value)} − ${pctText(rule.zeroAt)}) ÷ (${pctText(rule.fullAt)} − ${pctText(rule.zeroAt)})，取 0–1 之间 = ${pctText(share)}`,
    };
  }
  const band = rule.bands.find((b) => value + 1e-9 >= b.min) ?? { min: 0, share: 0 };
  return {
    share: band.share,
    formula: `${RULE_LABELS.bands}：${pctText(value)} 达到 ≥ ${pctText(band.min)} 档，得分比例 ${pctText(band.share)}`,
  };
}

function scoreItem(item: SchemeItem, unitId: string, inputs: AssessmentInputs): ItemScore {
  const m = measureFor(item.measure, unitId, inputs, item.credits);
  const common = {
    itemId: item.id,
    name: item.name,
    measure: item.measure,
    weight: item.weight,
    value: m.value,
    measureFormula: m.formula,
    rows: m.rows,
  };
  if (m.value === null) return { ...common, points: null, ruleFormula: '不适用，不计入本项权重' };
  const { share, formula } = applyRule(item.rule, m.value);
  const points = round2(item.weight * share);
  return { ...common, points, ruleFormula: `${formula}；${item.weight} 分 × ${pctText(share)} = ${points} 分` };
}

function base(items: ItemScore[]): { base: number | null; formula: string } {
  const applicable = items.filter((i) => i.points !== null);
  if (applicable.length === 0)
    return {
      base: null,
      formula: `无适用的考核项（${items.map((i) => MEASURE_LABELS[i.measure]).join('、')}均无计分内容），不参与排名`,
    };
  const sum = round2(applicable.reduce((s, i) => s + i.points!, 0));
  const weight = applicable.reduce((s, i) => s + i.weight, 0);
  const terms = applicable.map((i) => i.points).join(' + ');
  if (applicable.length === items.length) return { base: sum, formula: `${terms} = ${sum} 分` };
  // Items that do not apply are left out and the rest scaled to 100 (按适用项折算), so a unit is not marked down for duties it does not have.
  const scaled = round2((sum * 100) / weight);
  return {
    base: scaled,
    formula: `(${terms}) = ${sum} 分，适用项权重 ${weight} 分，折算为百分制：${sum} × 100 ÷ ${weight} = ${scaled} 分`,
  };
}

function adjust(
  unitId: string,
  scheme: SchemeBody,
  all: Adjustment[],
): Pick<UnitScore, 'adjustments' | 'bonus' | 'deduction'> {
  const own = all
    .filter((a) => a.unitId === unitId)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  let bonusLeft = scheme.maxBonus;
  let deductionLeft = scheme.maxDeduction;
  // Caps apply in date order, so an entry beyond the cap shows that it counted for less (or nothing).
  const adjustments = own.map((a) => {
    const left = a.kind === 'bonus' ? bonusLeft : deductionLeft;
    const counted = round2(Math.min(a.points, left));
    if (a.kind === 'bonus') bonusLeft = round2(bonusLeft - counted);
    else deductionLeft = round2(deductionLeft - counted);
    return { ...a, counted };
  });
  const sum = (kind: Adjustment['kind']) =>
    round2(adjustments.filter((a) => a.kind === kind).reduce((s, a) => s + a.counted, 0));
  return { adjustments, bonus: sum('bonus'), deduction: sum('deduction') };
}

/**
 * Standard competition ranking (1, 2, 2, 4): units whose totals are equal to the cent share a
 * rank and the next rank skips; units that share a rank are listed in the inputs' unit order.
 * Units without a total are not ranked and come last.
 */
export function rankScores<T extends { total: number | null }>(scores: T[]): (T & { rank: number | null })[] {
  const ordered = scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (b.s.total ?? -Infinity) - (a.s.total ?? -Infinity) || a.i - b.i);
  return ordered.map(({ s }) => {
    if (s.total === null) return { ...s, rank: null };
    const first = ordered.findIndex((o) => o.s.total === s.total);
    return { ...s, rank: first + 1 };
  });
}

/** Scores every unit of the inputs under the scheme: items, scaling, capped adjustments, rank, change since the previous set. Pure. */
export function computeScores(
  scheme: SchemeBody,
  inputs: AssessmentInputs,
  previous: PreviousScores | null = null,
): ScoreSet {
  const unranked = inputs.units.map((u) => {
    const items = scheme.items.map((item) => scoreItem(item, u.id, inputs));
    const b = base(items);
    const adj = adjust(u.id, scheme, inputs.adjustments);
    const total = b.base === null ? null : round2(b.base + adj.bonus - adj.deduction);
    return { unitId: u.id, unitName: u.name, items, base: b.base, baseFormula: b.formula, ...adj, total };
  });
  const scores = rankScores(unranked).map((s) => {
    const prev = previous?.scores.find((p) => p.unitId === s.unitId) ?? null;
    const deltaTotal = prev?.total != null && s.total !== null ? round2(s.total - prev.total) : null;
    const deltaRank = prev?.rank != null && s.rank !== null ? prev.rank - s.rank : null;
    return { ...s, previous: prev ? { total: prev.total, rank: prev.rank } : null, deltaTotal, deltaRank };
  });
  return {
    asOf: inputs.asOf,
    year: inputs.year,
    schemeName: scheme.name,
    previousLabel: previous?.label ?? null,
    scores,
  };
}

/** The total in words, for workings and exports: base ± adjustments = total. */
export function totalFormula(s: UnitScore): string {
  if (s.total === null) return s.baseFormula;
  const parts = [`基础分 ${s.base}`];
  if (s.bonus) parts.push(`+ ${ADJUSTMENT_KIND_LABELS.bonus} ${s.bonus}`);
  if (s.deduction) parts.push(`− ${ADJUSTMENT_KIND_LABELS.deduction} ${s.deduction}`);
  return `${parts.join(' ')} = ${s.total} 分`;
}
