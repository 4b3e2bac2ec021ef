import { describe, expect, it } from 'vitest';
import { formatDateZh, formatNumber, formatTarget } from './format.ts';

describe('formatting for Chinese readers', () => {
  it('writes targets with their comparator and unit', () => {
    expect(formatTarget({ comparator: 'gte', value: 180, min: null, max: null, unit: '家' })).toBe('≥ 180 家');
    expect(formatTarget({ comparator: 'gt', value: 120, min: null, max: null, unit: '万平方米' })).toBe(
      '> 120 万平方米',
    );
    expect(formatTarget({ comparator: 'range', value: null, min: 3, max: 5, unit: '个' })).toBe('3–5 个');
    expect(formatTarget({ comparator: 'gte', value: 2.8, min: null, max: null, unit: '%' })).toBe('≥ 2.8%');
    expect(formatTarget({ comparator: 'approx', value: 100, min: null, max: null, unit: '项' })).toBe('≈ 100 项');
  });

  it('writes dates as 2025年9月25日', () => {
    expect(formatDateZh('2025-09-25')).toBe('2025年9月25日');
    expect(formatDateZh('2022-12-22T08:00:00Z')).toBe('2022年12月22日');
  });

  it('groups thousands and keeps at most two decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(2.8)).toBe('2.8');
  });
});
