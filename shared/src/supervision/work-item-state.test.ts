import { describe, expect, it } from 'vitest';
import { daysBetween, isLagging, workItemLight, workItemState, type StateInput } from './work-item-state.ts';

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
