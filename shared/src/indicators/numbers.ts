/**
 * Numbers for workings, rounded for display only (stored values keep their precision):
 * at most `digits` decimals, trailing zeros dropped, no thousands separators so formulas read cleanly.
 */
export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toFixed(digits));
  // Very small non-zero values would print as 0; keep two significant digits instead.
  if (rounded === 0 && n !== 0) return Number(n.toPrecision(2)).toString();
  return (Object.is(rounded, -0) ? 0 : rounded).toString();
}

/** A ratio as a percentage with one decimal: 1.025 → "102.5%". */
export const pct = (ratio: number, digits = 1): string => `${fmt(ratio * 100, digits)}%`;

/** A value with its unit of measure: "152 家", "2.8%". */
export const withUnit = (n: number, unit: string, digits = 2): string =>
  unit === '%' ? `${fmt(n, digits)}%` : `${fmt(n, digits)} ${unit}`;
