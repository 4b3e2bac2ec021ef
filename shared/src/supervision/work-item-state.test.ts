import { describe, expect, it } from 'vitest';
import { byUrgency, daysBetween, isLagging, workItemLight, workItemState, type StateInput } from './work-item-state.ts';

const item = (over: Partial<StateInput> = {}): StateInput => ({
  status: 'open',
  progress: 50,
  startDate: '2025-01-01',
  dueDate: '2025-12-31',
  ...over,
});

describe('work item state and light', () => {
  it('counts days between dates', () => {
    expect(daysBetween('2025-09-25', '2025-10-02')).toBe(7);
    expect(daysBetween('2025-10-02', '2025-09-25')).toBe(-7);
  });

  it.each([
    [item({ progress: 0 }), '2025-03-01', 'not_started'],
    [item({ progress: 10 }), '2025-03-01', 'in_progress'],
    [item({ progress: 90 }), '2026-01-01', 'overdue'],
    [item({ status: 'done' }), '2026-01-01', 'done'],
    [item({ status: 'cancelled' }), '2026-01-01', 'cancelled'],
  ] as const)('derives %o on %s as %s', (input, today, state) => {
    expect(workItemState(input, today)).toBe(state);
  });

  it('is not overdue on its due date, only the day after', () => {
    expect(workItemState(item({ dueDate: '2025-09-25' }), '2025-09-25')).toBe('in_progress');
    expect(workItemState(item({ dueDate: '2025-09-25' }), '2025-09-26')).toBe('overdue');
  });

  it('turns yellow within the configured days of the due date, green before', () => {
    const i = item({ dueDate: '2025-09-30', startDate: '2025-09-01', progress: 90 });
    expect(workItemLight(i, '2025-09-23')).toBe('yellow');
    expect(workItemLight(i, '2025-09-22')).toBe('green');
    expect(workItemLight(i, '2025-09-20', 10)).toBe('yellow');
  });

  it('turns yellow when progress lags the time elapsed, red when overdue', () => {
    expect(isLagging(item({ progress: 20 }), '2025-07-01')).toBe(true);
    expect(workItemLight(item({ progress: 20 }), '2025-07-01')).toBe('yellow');
    expect(workItemLight(item({ progress: 45 }), '2025-07-01')).toBe('green');
    expect(workItemLight(item(), '2026-01-02')).toBe('red');
    expect(workItemLight(item({ status: 'cancelled' }), '2026-01-02')).toBeNull();
  });
});

describe('urgency order of the board', () => {
  it('puts overdue and red first, then yellow, then due soonest, completed and struck-off last', () => {
    const rows = [
      { id: 'done-early', state: 'done', light: 'green', dueDate: '2023-03-31' },
      { id: 'green-late', state: 'in_progress', light: 'green', dueDate: '2026-12-31' },
      { id: 'green-soon', state: 'not_started', light: 'green', dueDate: '2026-06-30' },
      { id: 'cancelled', state: 'cancelled', light: null, dueDate: '2022-01-01' },
      { id: 'yellow', state: 'in_progress', light: 'yellow', dueDate: '2026-12-01' },
      { id: 'overdue-late', state: 'overdue', light: 'red', dueDate: '2025-09-30' },
      { id: 'overdue-early', state: 'overdue', light: 'red', dueDate: '2025-03-31' },
    ] as const;
    expect([...rows].sort(byUrgency).map((r) => r.id)).toEqual([
      'overdue-early',
      'overdue-late',
      'yellow',
      'green-soon',
      'green-late',
      'done-early',
      'cancelled',
    ]);
  });
});
