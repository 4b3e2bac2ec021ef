import { describe, expect, it } from 'vitest';
import { dueLabel, normalizeDue } from './due-date.ts';
import { packTaskSchema } from './plan-pack.ts';

describe('normalizeDue', () => {
  it.each([
    ['2025-06-30', '2025-06-30', null],
    ['2025年底', '2025-12-31', '2025年底'],
    ['2025年末前完成', '2025-12-31', '2025年末前完成'],
    ['2024年6月底前', '2024-06-30', '2024年6月底前'],
    ['2024年2月', '2024-02-29', '2024年2月'],
    ['2023年9月30日前', '2023-09-30', '2023年9月30日前'],
    ['2025年上半年', '2025-06-30', '2025年上半年'],
    ['2025年第三季度', '2025-09-30', '2025年第三季度'],
    ['2023—2025年', '2025-12-31', '2023—2025年'],
    ['2025.6', '2025-06-30', '2025.6'],
    ['长期坚持', null, '长期坚持'],
    ['持续推进', null, '持续推进'],
    ['2024年起长期坚持', null, '2024年起长期坚持'],
  ])('reads %s as the date %s, keeping the phrase %s', (phrase, date, text) => {
    expect(normalizeDue(phrase)).toEqual({ ok: true, date, text });
  });

  it('takes no input as no deadline and an impossible date as an error', () => {
    expect(normalizeDue('  ')).toEqual({ ok: true, date: null, text: null });
    expect(normalizeDue(null, '长期坚持')).toEqual({ ok: true, date: null, text: '长期坚持' });
    expect(normalizeDue('2025-02-30')).toEqual({ ok: false, message: '完成期限“2025-02-30”不是有效日期' });
    expect(normalizeDue('2024年13月底')).toEqual({ ok: false, message: '完成期限“2024年13月底”不是有效日期' });
  });

  it('labels a date with its phrase', () => {
    expect(dueLabel('2025-12-31', '2025年底')).toBe('2025-12-31（2025年底）');
    expect(dueLabel(null, '长期坚持')).toBe('长期坚持');
    expect(dueLabel(null, null)).toBe('');
  });
});

describe('pack task dueDate', () => {
  const task = { number: 1, title: '任务', text: '任务内容', leadUnit: '县科技局', coUnits: [] };

  it('normalizes a phrase to a date and keeps the phrase; no field is no deadline', () => {
    expect(packTaskSchema.parse({ ...task, dueDate: '2025年底' })).toMatchObject({
      dueDate: '2025-12-31',
      dueText: '2025年底',
    });
    expect(packTaskSchema.parse({ ...task, dueDate: '持续推进' })).toMatchObject({
      dueDate: null,
      dueText: '持续推进',
    });
    expect(packTaskSchema.parse(task)).toMatchObject({ dueDate: null, dueText: null });
  });

  it('refuses an impossible date at the dueDate field', () => {
    const r = packTaskSchema.safeParse({ ...task, dueDate: '2025-13-01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['dueDate', '完成期限“2025-13-01”不是有效日期'],
    ]);
  });
});
