/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z),
 * the last one a check character over the first 17 (weights 3^i mod 31). A wrong character typed
 * by a clerk is caught here rather than by the 市场监管 system months later.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters call for. */
export function usccCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i]!, 0);
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Why a code is not a valid 统一社会信用代码, in Chinese; undefined when it is valid. */
export function usccProblem(raw: string): string | undefined {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return `「${raw}」不是 18 位统一社会信用代码（现为 ${code.length} 位）`;
  const bad = [...code].find((c) => !ALPHABET.includes(c));
  if (bad) return `「${raw}」含有统一社会信用代码不使用的字符「${bad}」（不用 I、O、S、V、Z）`;
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return `「${raw}」校验位不符（按 GB 32100 应为「${expected}」），请核对是否有字符录错`;
  return undefined;
}
