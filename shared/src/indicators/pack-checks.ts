import type { z } from 'zod';
import type { PackDataElement } from './data-element.ts';
import { elementsOf, ledgerOf, type IndicatorDefinition } from './definition.ts';
import { canConvert } from './units.ts';

/** What the checks read of a pack; structural, so plan-pack.ts can call them without a cycle. */
export interface PackForChecks {
  plan: { baselineYear: number; targetYear: number };
  units: { name: string; fullName?: string | undefined; aliases: string[] }[];
  dataElements: PackDataElement[];
  indicators: { code: string; unit: string; definition?: IndicatorDefinition | undefined }[];
  ledgerTypes: { code: string; name: string; fields: { key: string; type: string; unit?: string | undefined }[] }[];
}

type Issue = (message: string, path: (string | number)[]) => void;

/** Element codes are unique, reporting units exist, and validation rules name real elements of the same unit. */
function checkElements(pack: PackForChecks, issue: Issue): Map<string, PackDataElement> {
  const unitNames = new Set(pack.units.flatMap((u) => [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]));
  const byCode = new Map<string, PackDataElement>();
  pack.dataElements.forEach((e, i) => {
    if (byCode.has(e.code)) issue(`数据元编码重复：${e.code}`, ['dataElements', i, 'code']);
    byCode.set(e.code, e);
    if (!unitNames.has(e.reportingUnit))
      issue(`数据元报送单位不在单位树中：${e.reportingUnit}`, ['dataElements', i, 'reportingUnit']);
  });
  pack.dataElements.forEach((e, i) => {
    const whole = e.validation.partOf === undefined ? undefined : byCode.get(e.validation.partOf);
    if (e.validation.partOf !== undefined && !whole)
      issue(`partOf 指向的数据元不存在：${e.validation.partOf}`, ['dataElements', i, 'validation', 'partOf']);
    if (whole && whole.unit !== e.unit)
      issue(`「${e.name}」与其整体「${whole.name}」计量单位不同`, ['dataElements', i, 'validation', 'partOf']);
    e.validation.requiredWith.forEach((c, j) => {
      if (!byCode.has(c))
        issue(`requiredWith 指向的数据元不存在：${c}`, ['dataElements', i, 'validation', 'requiredWith', j]);
    });
  });
  return byCode;
}

/** A ledger definition names a real ledger type, real filter fields, and a numeric field in a convertible unit. */
function checkLedgerDefinition(
  d: IndicatorDefinition,
  unit: string,
  pack: PackForChecks,
  path: (string | number)[],
  issue: Issue,
): void {
  const code = ledgerOf(d);
  const type = pack.ledgerTypes.find((t) => t.code === code);
  if (!type) return issue(`台账类型不存在：${code}`, [...path, 'ledger']);
  if ('filter' in d)
    for (const key of Object.keys(d.filter ?? {}))
      if (!type.fields.some((f) => f.key === key))
        issue(`台账「${type.name}」没有字段 ${key}`, [...path, 'filter', key]);
  if (!('field' in d) || d.field === undefined) return;
  const field = type.fields.find((f) => f.key === d.field);
  if (!field || (field.type !== 'integer' && field.type !== 'decimal'))
    return issue(`台账「${type.name}」没有数值字段 ${d.field}`, [...path, 'field']);
  // The conversion is written in the definition, never inferred: it must agree with the field's own unit.
  const from = ('fromUnit' in d ? d.fromUnit : undefined) ?? unit;
  if (field.unit !== undefined && field.unit !== from)
    issue(`台账字段 ${d.field} 的单位为 ${field.unit}，定义须写明 fromUnit: "${field.unit}"`, [...path, 'fromUnit']);
  else if (!canConvert(from, unit))
    issue(`台账字段 ${d.field} 的单位 ${from} 无法换算为指标单位 ${unit}`, [...path, 'fromUnit']);
}

/** An element definition names real elements whose units fit the indicator's. */
function checkElementDefinition(
  d: IndicatorDefinition,
  unit: string,
  elements: Map<string, PackDataElement>,
  path: (string | number)[],
  issue: Issue,
): void {
  const missing = elementsOf(d).filter((c) => !elements.has(c));
  if (missing.length > 0) return issue(`指标引用的数据元不存在：${missing.join('、')}`, path);
  const el = (c: string) => elements.get(c)!;
  if (d.kind === 'ratio') {
    if (!canConvert(el(d.numerator).unit, el(d.denominator).unit))
      issue(`分子与分母的计量单位无法换算：${el(d.numerator).unit} / ${el(d.denominator).unit}`, path);
    if (el(d.numerator).periodicity !== el(d.denominator).periodicity) issue('分子与分母的报送周期不同', path);
  }
  if (d.kind === 'per_capita' && !canConvert(el(d.population).unit, '人'))
    issue(`人口数据元的单位应为 人 或 万人：${el(d.population).unit}`, path);
  if (d.kind === 'average_growth' && el(d.element).periodicity !== 'year') issue('年均增长率只能基于年度数据元', path);
  if (d.kind === 'reported_level' && !canConvert(el(d.element).unit, unit))
    issue(`数据元单位 ${el(d.element).unit} 无法换算为指标单位 ${unit}`, path);
}

/** Cross-checks of data elements and indicator definitions against the rest of the pack. */
export function checkIndicatorDefinitions(pack: PackForChecks, ctx: z.RefinementCtx): void {
  const issue: Issue = (message, path) => ctx.addIssue({ code: 'custom', message, path });
  const elements = checkElements(pack, issue);
  pack.indicators.forEach((ind, i) => {
    const d = ind.definition;
    if (!d) return;
    const path = ['indicators', i, 'definition'];
    if (ledgerOf(d) !== undefined) checkLedgerDefinition(d, ind.unit, pack, path, issue);
    else checkElementDefinition(d, ind.unit, elements, path, issue);
  });
}
