import { describe, expect, it } from 'vitest';
import { usccCheckChar, usccProblem } from './uscc.ts';

describe('统一社会信用代码 check character (GB 32100)', () => {
  // Published codes (a company's, a state organ's, and a common validator's test code).
  it.each(['91440300708461136T', '11100000000013127D', '91310110666007217T'])('accepts %s', (code) => {
    expect(usccProblem(code)).toBeUndefined();
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(usccProblem(' 91310110666007217t ')).toBeUndefined();
  });

  it('names a mistyped character by the check character it breaks', () => {
    // One digit of 91440300708461136T mistyped.
    const typo = '91440300708461137T';
    expect(usccProblem(typo)).toBe(
      `「${typo}」校验位不符（按 GB 32100 应为「${usccCheckChar(typo.slice(0, 17))}」），请核对是否有字符录错`,
    );
    // An early pilot-area code that does not follow the standard is refused too.
    expect(usccProblem('91350211M00013FA1N')).toContain('校验位不符');
  });

  it('refuses a wrong length and letters the code does not use', () => {
    expect(usccProblem('9111000010000386')).toBe('「9111000010000386」不是 18 位统一社会信用代码（现为 16 位）');
    expect(usccProblem('9111000010000386OX')).toContain('不使用的字符「O」');
  });
});
