import { ADJUSTMENT_KIND_LABELS, type Adjustment, type AssessmentInputs, type PreviousScores } from './inputs.ts';
import { measureFor, pctText, type WorkingRow } from './measures.ts';
import {
  categoryOf,
  MEASURE_LABELS,
  OTHER_CATEGORY,
  RULE_LABELS,
  type Measure,
  type Rule,
  type SchemeBody,
  type SchemeItem,
} from './scheme.ts';

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
  /** The category of 分类考核 the unit is ranked in; null when the scheme ranks all units together. */
  category: string | null;
  items: ItemScore[];
  /** Sum of item points, scaled to 100 when some items do not apply; null when none applies. */
  base: number | null;
  baseFormula: string;
  adjustments: (Adjustment & { counted: number })[];
  bonus: number;
  deduction: number;
  total: number | null;
  /** Competition rank (1, 1, 3) within the category; null when the unit is not ranked. */
  rank: number | null;
  /** Why a unit with a total is not ranked (too little of the weight applies), in words; else null. */
  unranked: string | null;
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

function base(items: ItemScore[], minShare: number): { base: number | null; formula: string; unranked: string | null } {
  const applicable = items.filter((i) => i.points !== null);
  if (applicable.length === 0)
    return {
      base: null,
      formula: `无适用的考核项（${items.map((i) => MEASURE_LABELS[i.measure]).join('、')}均无计分内容），不参与排名`,
      unranked: null,
    };
  const sum = round2(applicable.reduce((s, i) => s + i.points!, 0));
  const weight = applicable.reduce((s, i) => s + i.weight, 0);
  const terms = applicable.map((i) => i.points).join(' + ');
  if (applicable.length === items.length) return { base: sum, formula: `${terms} = ${sum} 分`, unranked: null };
  const full = items.reduce((s, i) => s + i.weight, 0);
  const share = full > 0 ? weight / full : 0;
  // Scaling one applicable item to 100 would put a unit with a single duty above those assessed on
  // all of them; below the scheme's share of the weight the unit is scored but not ranked.
  const unranked =
    share + 1e-9 < minShare
      ? `适用项权重 ${weight} 分，占全部权重 ${pctText(share)}，低于方案规定的 ${pctText(minShare)}，不参与排名（得分仅供参考）`
      : null;
  // Items that do not apply are left out and the rest scaled to 100 (按适用项折算), so a unit is not marked down for duties it does not have.
  const scaled = round2((sum * 100) / weight);
  return {
    base: scaled,
    formula: `(${terms}) = ${sum} 分，适用项权重 ${weight} 分，折算为百分制：${sum} × 100 ÷ ${weight} = ${scaled} 分${unranked ? `；${unranked}` : ''}`,
    unranked,
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
 * Standard competition ranking (1, 1, 3): units whose totals are equal to the cent share a rank
 * and the next rank skips; units that share a rank are listed in the inputs' unit order. Ranks
 * count within a category (分类考核), categories in the scheme's order. Units without a total,
 * or marked `unranked`, get no rank and come last in their category.
 */
export function rankScores<T extends { total: number | null; category?: string | null; unranked?: string | null }>(
  scores: T[],
  categoryOrder: readonly string[] = [],
): (T & { rank: number | null })[] {
  const rankable = (s: T) => s.total !== null && !s.unranked;
  const cat = (s: T) => {
    const i = categoryOrder.indexOf(s.category ?? '');
    return i < 0 ? categoryOrder.length : i;
  };
  const ordered = scores
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        cat(a.s) - cat(b.s) ||
        Number(rankable(b.s)) - Number(rankable(a.s)) ||
        (b.s.total ?? -Infinity) - (a.s.total ?? -Infinity) ||
        a.i - b.i,
    );
  return ordered.map(({ s }) => {
    if (!rankable(s)) return { ...s, rank: null };
    const above = ordered.filter(
      (o) => rankable(o.s) && (o.s.category ?? null) === (s.category ?? null) && o.s.total! > s.total!,
    );
    return { ...s, rank: above.length + 1 };
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
    const b = base(items, scheme.minApplicableShare);
    const adj = adjust(u.id, scheme, inputs.adjustments);
    const total = b.base === null ? null : round2(b.base + adj.bonus - adj.deduction);
    const category = categoryOf(scheme.categories, u.kind);
    return {
      unitId: u.id,
      unitName: u.name,
      category,
      items,
      base: b.base,
      baseFormula: b.formula,
      ...adj,
      total,
      unranked: b.unranked,
    };
  });
  const order = [...scheme.categories.map((c) => c.name), OTHER_CATEGORY];
  const scores = rankScores(unranked, order).map((s) => {
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
