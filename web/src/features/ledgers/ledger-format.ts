import type { LedgerField } from '@innocity/shared/ledger-type';
import { formatDateZh, formatNumber } from '@innocity/shared/format';

/** A field's Chinese header with its unit of measure: "孵化面积（万平方米）". */
export const fieldHeader = (f: { label: string; unit?: string }) => (f.unit ? `${f.label}（${f.unit}）` : f.label);

/** A ledger value as a table cell shows it: dates in Chinese, 是/否, numbers to four decimals. */
export function ledgerCell(f: LedgerField, v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (f.type === 'date' && typeof v === 'string') return formatDateZh(v);
  if (f.type === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return formatNumber(v, 4);
  return String(v);
}
