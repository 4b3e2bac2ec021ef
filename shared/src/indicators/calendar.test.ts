import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, asOfCutoff, isoDateSchema, latestDuePeriod, todayIn, yearPosition } from './calendar.ts';

describe('calendar', () => {
  it('puts year ends on whole numbers of the year axis', () => {
    expect(yearPosition('2021-12-31')).toBe(2021);
    expect(yearPosition('2022-01-01')).toBeCloseTo(2021 + 1 / 365, 12);
    // 2024 is a leap year: 31+29+31+30+31+30 = 182 days to 30 June.
    expect(yearPosition('2024-06-30')).toBeCloseTo(2023 + 182 / 366, 12);
  });

  it('ends an as-of day at midnight in the deployment zone', () => {
    expect(asOfCutoff('2024-06-30', 'Asia/Shanghai')).toBe('2024-06-30T16:00:00.000Z');
    expect(asOfCutoff('2024-06-30', 'UTC')).toBe('2024-07-01T00:00:00.000Z');
    // New York is on daylight time (UTC−4) in July.
    expect(asOfCutoff('2024-06-30', 'America/New_York')).toBe('2024-07-01T04:00:00.000Z');
    expect(asOfCutoff('2024-12-31', 'Asia/Shanghai')).toBe('2024-12-31T16:00:00.000Z');
  });

  it("gives today's date in the deployment zone, not the server's", () => {
    expect(todayIn('Asia/Shanghai', new Date('2024-06-30T16:30:00Z'))).toBe('2024-07-01');
    expect(todayIn('UTC', new Date('2024-06-30T16:30:00Z'))).toBe('2024-06-30');
  });

  describe("today's date kept between calls", () => {
    afterEach(() => vi.useRealTimers());
    const at = (iso: string) => vi.setSystemTime(new Date(iso));

    it("turns at the zone's midnight, to the millisecond, whatever the offset", () => {
      vi.useFakeTimers();
      at('2024-06-30T15:59:59.999Z');
      expect(todayIn('Asia/Shanghai')).toBe('2024-06-30');
      at('2024-06-30T16:00:00.000Z');
      expect(todayIn('Asia/Shanghai')).toBe('2024-07-01');
      // Kathmandu is UTC+05:45: its midnight is 18:15 UTC, inside an hour of UTC.
      at('2024-06-30T18:14:59.999Z');
      expect(todayIn('Asia/Kathmandu')).toBe('2024-06-30');
      at('2024-06-30T18:15:00.000Z');
      expect(todayIn('Asia/Kathmandu')).toBe('2024-07-01');
      // Newfoundland (UTC−02:30 in summer) and a day back in time (a clock set back) too.
      at('2024-07-01T02:29:59.999Z');
      expect(todayIn('America/St_Johns')).toBe('2024-06-30');
      at('2024-07-01T02:30:00.000Z');
      expect(todayIn('America/St_Johns')).toBe('2024-07-01');
      at('2024-06-29T02:30:00.000Z');
      expect(todayIn('America/St_Johns')).toBe('2024-06-29');
      expect(todayIn('Asia/Shanghai')).toBe('2024-06-29');
    });
  });

  it('owes a yearly figure once its end plus the lag has passed', () => {
    // 2023-12-31 + 120 days = 2024-04-29 (31 + 29 + 31 + 29).
    expect(addDays('2023-12-31', 120)).toBe('2024-04-29');
    expect(latestDuePeriod('year', 120, '2024-04-29')).toBe('2022');
    expect(latestDuePeriod('year', 120, '2024-04-30')).toBe('2023');
    // 2024Q2 ends 06-30, due 07-30; 2024Q3 is not due until 10-30.
    expect(latestDuePeriod('quarter', 30, '2024-08-15')).toBe('2024Q2');
    expect(latestDuePeriod('month', 15, '2024-03-10')).toBe('202401');
  });

  it('accepts only dates that exist', () => {
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(isoDateSchema.safeParse('2023-02-29').success).toBe(false);
    expect(isoDateSchema.safeParse('2024-6-30').success).toBe(false);
  });
});
