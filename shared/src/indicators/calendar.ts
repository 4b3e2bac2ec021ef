import { z } from 'zod';
import { periodContaining, periodEndDate, previousPeriod, type Periodicity } from './period.ts';

const DAY_MS = 86_400_000;

/** A calendar date YYYY-MM-DD that exists (2024-02-30 does not). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
  }, '日期不存在');

const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The date n days later (or earlier, for negative n). */
export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * DAY_MS);

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * A date as a position on the year axis: the end of year Y is exactly Y, so baselines and
 * milestones (all at year ends) sit on whole numbers. 2024-06-30 → 2023 + 182/366.
 */
export function yearPosition(date: string): number {
  const year = Number(date.slice(0, 4));
  const dayOfYear = (toUtc(date) - Date.UTC(year, 0, 1)) / DAY_MS + 1;
  return year - 1 + dayOfYear / (isLeap(year) ? 366 : 365);
}

// Building an Intl.DateTimeFormat costs tens of microseconds, formatting with one a few: the
// engine asks for zone dates thousands of times a request, so each zone's formatters are kept.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat) {
  let f = cache.get(timeZone);
  if (!f) cache.set(timeZone, (f = make()));
  return f;
}

/** Minutes that a time zone is ahead of UTC at an instant. */
function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const parts = cached(
    offsetFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The first UTC instant after the as-of day ends in the deployment's zone: a value counts
 * for "as of 2024-06-30" when it was recorded strictly before this (2024-06-30T16:00Z in Beijing).
 */
export function asOfCutoff(date: string, timeZone: string): string {
  const nextMidnightWall = toUtc(addDays(date, 1));
  const guess = nextMidnightWall - zoneOffsetMinutes(nextMidnightWall, timeZone) * 60_000;
  // Across a DST change the offset at the guess differs from the offset at the answer.
  return new Date(nextMidnightWall - zoneOffsetMinutes(guess, timeZone) * 60_000).toISOString();
}

/** A zone's date of an instant, YYYY-MM-DD. */
const dateAt = (timeZone: string, at: Date): string =>
  cached(
    dateFormats,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(at);

/**
 * Today's date per zone, kept for the quarter hour of UTC it was computed in. Exact, not an expiry:
 * every zone's offset today (and every daylight-saving switch) is a whole number of quarter hours
 * (+05:45, +08:00, −03:30 …), so a zone's midnight falls on a quarter-hour boundary of UTC and the
 * date cannot change inside one. Formatting costs a few percent of a cached cockpit answer.
 */
const todays = new Map<string, { quarter: number; date: string }>();
const QUARTER_HOUR_MS = 900_000;

/** Today's date in the deployment's zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, now?: Date): string {
  // An instant given by the caller may be historical (local mean time offsets): formatted as is.
  if (now) return dateAt(timeZone, now);
  const ms = Date.now();
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  const kept = todays.get(timeZone);
  if (kept && kept.quarter === quarter) return kept.date;
  const date = dateAt(timeZone, new Date(ms));
  todays.set(timeZone, { quarter, date });
  return date;
}

/** The date of a UTC instant in the deployment's zone (when was this recorded, in Beijing time). */
export const dateIn = (iso: string, timeZone: string): string => dateAt(timeZone, new Date(iso));

/**
 * The latest period whose figure is due by the as-of date: its end plus the reporting lag has
 * passed. An element reported yearly with a 120-day lag owes 2023's figure from 2024-04-30 on.
 */
export function latestDuePeriod(periodicity: Periodicity, lagDays: number, asOf: string): string {
  let period = periodContaining(periodicity, asOf);
  while (addDays(periodEndDate(period), lagDays) >= asOf) period = previousPeriod(period);
  return period;
}

/** The day a period's figure is due. */
export const periodDueDate = (period: string, lagDays: number): string => addDays(periodEndDate(period), lagDays);
