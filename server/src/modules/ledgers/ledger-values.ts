import {
  naturalKeyOf,
  parseLedgerValues,
  validityOf,
  type LedgerValues,
  type ValueIssue,
} from '@innocity/shared/ledger-type';
import type { LedgerTypeRecord } from './ledger-type.repo.ts';

/** A row's values parsed against its type, with what is derived from them. */
export interface CheckedValues {
  values: LedgerValues;
  naturalKey: string;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * Parses raw values against the type (required, types, allowed values) and derives natural key
 * and validity; a validity that ends before it starts is a problem of the end field.
 */
export function checkValues(
  type: LedgerTypeRecord,
  raw: Record<string, unknown>,
): { ok: true; row: CheckedValues } | { ok: false; issues: ValueIssue[] } {
  const { values, issues } = parseLedgerValues(type, raw);
  if (issues.length > 0) return { ok: false, issues };
  return deriveChecked(type, values);
}

/** Natural key and validity of values already parsed; a validity that ends before it starts is a problem of the end field. */
export function deriveChecked(
  type: LedgerTypeRecord,
  values: LedgerValues,
): { ok: true; row: CheckedValues } | { ok: false; issues: ValueIssue[] } {
  const { validFrom, validTo } = validityOf(type.validity, values);
  if (validFrom !== null && validTo !== null && validTo < validFrom) {
    const key = type.validity.validTo ?? type.validity.validFrom ?? '';
    const label = type.fields.find((f) => f.key === key)?.label ?? key;
    return { ok: false, issues: [{ key, message: `${label}：${validTo} 早于起始日期 ${validFrom}` }] };
  }
  return { ok: true, row: { values, naturalKey: naturalKeyOf(type, values), validFrom, validTo } };
}

/** The natural key spelled for a message: 证书编号=GR2023…，企业名称=… */
export function describeKey(type: LedgerTypeRecord, values: LedgerValues): string {
  return type.naturalKey
    .map((k) => `${type.fields.find((f) => f.key === k)?.label ?? k}=${String(values[k] ?? '')}`)
    .join('，');
}

/** True when two rows hold the same values (key order does not matter). */
export function sameValues(a: LedgerValues, b: LedgerValues): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}
