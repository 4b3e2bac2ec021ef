import type { ElementValidation } from './data-element.ts';
import { fmt, withUnit } from './numbers.ts';
import { PERIODICITY_LABELS, parsePeriod, periodLabel, previousPeriod, type Periodicity } from './period.ts';

/** What validation needs to know of an element. */
export interface ElementRule {
  code: string;
  name: string;
  unit: string;
  periodicity: Periodicity;
  validation: ElementValidation;
}

/** One value being entered. */
export interface ValueEntry {
  element: string;
  period: string;
  unitId: string;
  value: number;
  note?: string | null;
}

/**
 * Values known for the checks: stored current versions overlaid with the batch being entered.
 * Without a unit, the figure for the whole region (the sum over reporting units).
 */
export type ValueLookup = (element: string, period: string, unitId?: string) => number | undefined;

export interface ValueIssue {
  /** Index of the entry in the batch. */
  index: number;
  field: 'period' | 'value' | 'note';
  message: string;
}

type Check = (
  e: ValueEntry,
  rule: ElementRule,
  rules: ReadonlyMap<string, ElementRule>,
  lookup: ValueLookup,
  batch: readonly ValueEntry[],
) => [ValueIssue['field'], string] | undefined;

const named = (rule: ElementRule, period: string) => `「${rule.name}」${periodLabel(period)}`;

const checkPeriodicity: Check = (e, rule) => {
  const kind = parsePeriod(e.period)?.kind;
  if (kind === rule.periodicity) return undefined;
  return [
    'period',
    `「${rule.name}」按${PERIODICITY_LABELS[rule.periodicity]}报送，统计期 ${e.period} 不是${PERIODICITY_LABELS[rule.periodicity]}`,
  ];
};

const checkRatio: Check = (e, rule) => {
  if (!rule.validation.ratio || (e.value >= 0 && e.value <= 100)) return undefined;
  return ['value', `${named(rule, e.period)}是比率，应在 0–100 之间，填报值为 ${fmt(e.value, 4)}`];
};

const checkPartOfWhole: Check = (e, rule, rules, lookup) => {
  const wholeCode = rule.validation.partOf;
  const whole = wholeCode ? rules.get(wholeCode) : undefined;
  const wholeValue = wholeCode ? lookup(wholeCode, e.period) : undefined;
  const partValue = lookup(rule.code, e.period) ?? e.value;
  if (!whole || wholeValue === undefined || partValue <= wholeValue) return undefined;
  return [
    'value',
    `${named(rule, e.period)}（${withUnit(partValue, rule.unit, 4)}）不能超过${named(whole, e.period)}（${withUnit(wholeValue, whole.unit, 4)}）`,
  ];
};

const checkWholeOfParts: Check = (e, rule, rules, lookup, batch) => {
  const total = lookup(rule.code, e.period);
  for (const part of rules.values()) {
    if (part.validation.partOf !== rule.code || total === undefined) continue;
    // A part entered in the same batch reports the clash itself, once.
    if (batch.some((b) => b.element === part.code && b.period === e.period)) continue;
    const partValue = lookup(part.code, e.period);
    if (partValue !== undefined && partValue > total) {
      return [
        'value',
        `${named(rule, e.period)}（${withUnit(total, rule.unit, 4)}）不能小于其组成部分${named(part, e.period)}（${withUnit(partValue, part.unit, 4)}）`,
      ];
    }
  }
  return undefined;
};

const checkCompanions: Check = (e, rule, rules, lookup) => {
  const missing = rule.validation.requiredWith.filter((c) => lookup(c, e.period) === undefined);
  if (missing.length === 0) return undefined;
  const names = missing.map((c) => `「${rules.get(c)?.name ?? c}」`).join('、');
  return ['value', `填报${named(rule, e.period)}时须同时填报同期的${names}`];
};

const checkJump: Check = (e, rule, _rules, lookup) => {
  const threshold = rule.validation.jumpThreshold;
  if (threshold === undefined || (e.note ?? '').trim() !== '') return undefined;
  const prev = lookup(rule.code, previousPeriod(e.period), e.unitId);
  if (prev === undefined || prev === 0) return undefined;
  const change = ((e.value - prev) / Math.abs(prev)) * 100;
  if (Math.abs(change) <= threshold) return undefined;
  return [
    'note',
    `${named(rule, e.period)}较上期（${withUnit(prev, rule.unit, 4)}）变动 ${fmt(change, 1)}%，超过 ${fmt(threshold)}% 的阈值，请在备注中说明原因`,
  ];
};

const CHECKS: Check[] = [checkRatio, checkPartOfWhole, checkWholeOfParts, checkCompanions, checkJump];

/**
 * Checks a batch of entries against their elements' rules; every problem is reported, each a
 * Chinese message naming the element and the period. An unknown element is the caller's 404.
 */
export function validateEntries(
  entries: readonly ValueEntry[],
  rules: ReadonlyMap<string, ElementRule>,
  lookup: ValueLookup,
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  entries.forEach((e, index) => {
    const rule = rules.get(e.element);
    if (!rule) return;
    const periodProblem = checkPeriodicity(e, rule, rules, lookup, entries);
    if (periodProblem) {
      issues.push({ index, field: periodProblem[0], message: periodProblem[1] });
      return;
    }
    for (const check of CHECKS) {
      const problem = check(e, rule, rules, lookup, entries);
      if (problem) issues.push({ index, field: problem[0], message: problem[1] });
    }
  });
  return issues;
}
