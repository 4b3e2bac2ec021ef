import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  figureCell,
  formatDateTimeZh,
  parseDateText,
  formatDateZh,
  formatFigure,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatTarget,
  planPrecision,
  withChineseDates,
  scaleAmount,
} from './format.ts';

const target = (comparator: 'gte' | 'gt' | 'approx', value: number, unit: string) =>
  formatTarget({ comparator, value, min: null, max: null, unit });

describe('formatting for Chinese readers', () => {
  it('writes targets with their comparator and unit', () => {
    expect(target('gte', 180, '家')).toBe('≥ 180 家');
    expect(target('gt', 120, '万平方米')).toBe('> 120 万平方米');
    expect(formatTarget({ comparator: 'range', value: null, min: 3, max: 5, unit: '个' })).toBe('3–5 个');
    expect(target('gte', 2.8, '%')).toBe('≥ 2.8%');
    expect(target('approx', 100, '项')).toBe('≈ 100 项');
  });

  it('scales targets in money the way values are scaled', () => {
    expect(target('gt', 10, '亿元')).toBe('> 10 亿元');
    expect(target('gte', 8600, '万元')).toBe('≥ 8600 万元');
    expect(target('gte', 123456, '万元')).toBe('≥ 12.35 亿元');
    expect(formatTarget({ comparator: 'range', value: null, min: 5000, max: 20000, unit: '万元' })).toBe('0.5–2 亿元');
  });

  it('writes dates as 2025年9月25日', () => {
    expect(formatDateZh('2025-09-25')).toBe('2025年9月25日');
    expect(formatDateZh('2022-12-22T08:00:00Z')).toBe('2022年12月22日');
    expect(withChineseDates('2022-01-01 至 2025-09-30 累计记录数 = 12 项（目标 2025-12-31）')).toBe(
      '2022年1月1日 至 2025年9月30日 累计记录数 = 12 项（目标 2025年12月31日）',
    );
    expect(withChineseDates('第 2025-09 期 ÷ 3')).toBe('第 2025-09 期 ÷ 3');
  });

  it('groups thousands from five digits on and keeps at most two decimals', () => {
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(8600)).toBe('8600');
    expect(formatNumber(2.8)).toBe('2.8');
    expect(formatNumber(3, 2, 1)).toBe('3.0');
  });

  it('scales amounts into 万元 and 亿元, never down', () => {
    expect(formatQuantity(123456, '万元')).toBe('12.35 亿元');
    expect(formatQuantity(8600, '万元')).toBe('8600 万元');
    expect(formatQuantity(86000, '元')).toBe('8.6 万元');
    expect(formatQuantity(250_000_000, '元')).toBe('2.5 亿元');
    expect(formatQuantity(0.86, '亿元')).toBe('0.86 亿元');
    expect(formatQuantity(-20000, '万元')).toBe('-2 亿元');
    expect(scaleAmount(12, '家')).toEqual({ value: 12, unit: '家' });
  });

  it('shows counts in 万 only where the plan words them so', () => {
    expect(formatQuantity(123456, '人')).toBe('123,456 人');
    expect(formatQuantity(123456, '人次', { wan: true })).toBe('12.35 万人次');
    expect(formatQuantity(8600, '人次', { wan: true })).toBe('8600 人次');
    expect(formatQuantity(126.4, '万平方米', { wan: true })).toBe('126.4 万平方米');
  });

  it('writes percentages with the precision the plan writes its target with', () => {
    expect(decimalsOf(3.5)).toBe(1);
    expect(decimalsOf(65)).toBe(0);
    expect(decimalsOf(2.85)).toBe(2);
    expect(planPrecision({ value: 3.5, min: null, max: null })).toBe(1);
    expect(planPrecision({ value: null, min: 3, max: 5.5 })).toBe(1);
    expect(planPrecision({ value: null, min: null, max: null })).toBeUndefined();
    expect(formatPercent(3.2149, 1)).toBe('3.2%');
    expect(formatPercent(3, 1)).toBe('3.0%');
    expect(formatPercent(64.4, 0)).toBe('64%');
    expect(formatPercent(2.6549)).toBe('2.65%');
    expect(formatQuantity(64.4, '%', { precision: 0 })).toBe('64%');
  });
});

describe('one display rule for figures', () => {
  const gte = (value: number) => ({ comparator: 'gte' as const, value, min: null, max: null });

  it('shows the precision the value was reported with, not the target’s', () => {
    // The cases: 44.50% against ≥ 45% read "45%"; 2.58% read "2.6%".
    expect(formatFigure(44.5, '%', gte(45))).toBe('44.5%');
    expect(formatFigure(2.58, '%', gte(2.6))).toBe('2.58%');
    expect(formatFigure(152, '家', gte(180))).toBe('152 家');
    // A computed ratio stops at two decimals.
    expect(formatFigure(2.5812345, '%', gte(2.8))).toBe('2.58%');
  });

  it('never rounds a value onto a target it misses, or off one it meets', () => {
    expect(formatFigure(69.996, '%', gte(70))).toBe('69.996%');
    expect(formatFigure(70.004, '%', { comparator: 'lte', value: 70, min: null, max: null })).toBe('70.004%');
    expect(formatFigure(69.9999999, '%', gte(70))).toBe('69.9999999%');
    // Rounding that crosses nothing is kept: 69.994 → 69.99.
    expect(formatFigure(69.994, '%', gte(70))).toBe('69.99%');
    // In 亿元 the target scales with the value: 123 499 万元 against ≥ 12.35 亿元 is not 12.35.
    expect(formatFigure(123499, '万元', gte(123500))).toBe('12.3499 亿元');
  });

  it('gives Excel the number itself with a format that shows the same text', () => {
    expect(figureCell(44.5, '%', gte(45))).toEqual({ value: 44.5, numFmt: '0.0"%"' });
    expect(figureCell(69.996, '%', gte(70))).toEqual({ value: 69.996, numFmt: '0.000"%"' });
    expect(figureCell(152, '家')).toEqual({ value: 152, numFmt: '0" 家"' });
    expect(figureCell(123456, '万元')).toEqual({ value: 12.3456, numFmt: '0.00" 亿元"' });
  });
});

describe('one date format for people', () => {
  it('reads the dates people type: 2025年9月30日, 2025-09-30, 2025/9/30', () => {
    expect(parseDateText('2025年9月30日')).toBe('2025-09-30');
    expect(parseDateText('2025-09-30')).toBe('2025-09-30');
    expect(parseDateText('2025/9/30')).toBe('2025-09-30');
    expect(parseDateText(' 2025/09/3 ')).toBe('2025-09-03');
    expect(parseDateText('2025/2/30')).toBeNull();
    expect(parseDateText('30/9/2025')).toBeNull();
  });

  it('writes an instant with its time in the deployment’s zone', () => {
    expect(formatDateTimeZh('2025-10-14T06:30:00.000Z', 'Asia/Shanghai')).toBe('2025年10月14日 14:30');
    expect(formatDateTimeZh('2025-12-31T16:05:00.000Z', 'Asia/Shanghai')).toBe('2026年1月1日 00:05');
  });
});
