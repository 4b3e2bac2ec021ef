import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  parsePeriod,
  periodContaining,
  periodEndDate,
  periodLabel,
  periodStartDate,
  previousPeriod,
} from './period.ts';

describe('ISO periods', () => {
  it('parses years, quarters and months', () => {
    expect(parsePeriod('2024')).toEqual({ kind: 'year', year: 2024 });
    expect(parsePeriod('2024Q3')).toEqual({ kind: 'quarter', year: 2024, quarter: 3 });
    expect(parsePeriod('202409')).toEqual({ kind: 'month', year: 2024, month: 9 });
  });

  it('rejects what is not a period id', () => {
    for (const bad of ['2024Q5', '2024Q0', '202413', '202400', '24', '2024-09', '2024q3', ''])
      expect(parsePeriod(bad), bad).toBeUndefined();
  });

  it('gives the last day of each period, leap years included', () => {
    expect(periodEndDate('2024')).toBe('2024-12-31');
    expect(periodEndDate('2024Q1')).toBe('2024-03-31');
    expect(periodEndDate('2024Q3')).toBe('2024-09-30');
    expect(periodEndDate('202402')).toBe('2024-02-29');
    expect(periodEndDate('202302')).toBe('2023-02-28');
    expect(periodStartDate('2024Q3')).toBe('2024-07-01');
  });

  it('steps back one period of the same kind across year ends', () => {
    expect(previousPeriod('2024')).toBe('2023');
    expect(previousPeriod('2024Q1')).toBe('2023Q4');
    expect(previousPeriod('2024Q3')).toBe('2024Q2');
    expect(previousPeriod('202401')).toBe('202312');
    expect(previousPeriod('202410')).toBe('202409');
  });

  it('orders periods by end date, the year after its December and fourth quarter', () => {
    const sorted = ['2024', '2023Q4', '202312', '2023', '2024Q1'].sort(comparePeriods);
    expect(sorted).toEqual(['202312', '2023Q4', '2023', '2024Q1', '2024']);
  });

  it('names periods in Chinese and finds the period containing a date', () => {
    expect(periodLabel('2024')).toBe('2024年');
    expect(periodLabel('2024Q3')).toBe('2024年第三季度');
    expect(periodLabel('202409')).toBe('2024年9月');
    expect(periodContaining('quarter', '2024-08-15')).toBe('2024Q3');
    expect(periodContaining('month', '2024-08-15')).toBe('202408');
    expect(periodContaining('year', '2024-08-15')).toBe('2024');
  });
});
