/**
 * Explicit conversions between units of measure, as powers of ten. A definition names the unit
 * its source is kept in; the factor comes from this table, never from the size of a number
 * (DESIGN.md §13).
 */
const EXPONENTS: Record<string, number> = {
  '元→万元': -4,
  '元→亿元': -8,
  '万元→亿元': -4,
  '亿元→万元': 4,
  '万元→元': 4,
  '亿元→元': 8,
  '平方米→万平方米': -4,
  '万平方米→平方米': 4,
  '人→万人': -4,
  '万人→人': 4,
};

/** Whether a value in `from` can be expressed in `to`. */
export const canConvert = (from: string, to: string): boolean => from === to || `${from}→${to}` in EXPONENTS;

/** Converts a value; throws when the pair is not a known conversion (packs are checked for this on load). */
export function convert(value: number, from: string, to: string): number {
  if (from === to) return value;
  const exp = EXPONENTS[`${from}→${to}`];
  if (exp === undefined) throw new Error(`无法将 ${from} 换算为 ${to}`);
  // Dividing by 10^k is exact where multiplying by 1e-k is not (1234 × 1e-4 = 0.12340000000000001).
  return exp < 0 ? value / 10 ** -exp : value * 10 ** exp;
}
