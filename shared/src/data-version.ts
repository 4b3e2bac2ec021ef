import { formatDateZh } from './format.ts';

/**
 * A data version as people read it: the date the figures stand at and which version of that day's
 * figures it is — 2025年10月20日的数据（第2版）— instead of the fingerprint the system compares.
 */
export function dataVersionLabel(asOf: string, ordinal: number): string {
  return `${formatDateZh(asOf)}的数据（第${ordinal}版）`;
}

/**
 * Numbers each distinct data version per as-of date, in the order they first appeared: the first
 * set of figures for 2025-10-20 is 第1版, figures changed since then 第2版. Input in creation order.
 */
export function numberDataVersions(rows: { asOf: string; dataVersion: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  const perDay = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.asOf}|${r.dataVersion}`;
    if (out.has(key)) continue;
    const n = (perDay.get(r.asOf) ?? 0) + 1;
    perDay.set(r.asOf, n);
    out.set(key, n);
  }
  return out;
}
