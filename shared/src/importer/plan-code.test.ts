import { describe, expect, it } from 'vitest';
import { freePlanCode } from './plan-code.ts';

describe('freePlanCode', () => {
  it('keeps the proposed code when no plan has it', () => {
    expect(freePlanCode('plan-2024-12', ['jurong-2022-79'])).toBe('plan-2024-12');
  });
  it('adds the first free suffix when the code is taken', () => {
    expect(freePlanCode('plan-2022-79', ['plan-2022-79'])).toBe('plan-2022-79-2');
    expect(freePlanCode('plan-2022-79', ['plan-2022-79', 'plan-2022-79-2'])).toBe('plan-2022-79-3');
  });
  it('makes an empty or non-ASCII proposal into a valid code', () => {
    expect(freePlanCode('', [])).toBe('plan');
    expect(freePlanCode('  Plan 2025  ', [])).toBe('plan-2025');
    expect(freePlanCode('方案', ['plan'])).toBe('plan-2');
  });
});
