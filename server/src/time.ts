/** The current instant as ISO-8601 UTC text, the form every timestamp is stored in. */
export const nowIso = () => new Date().toISOString();

/** A stored UTC instant as local wall-clock time, e.g. 2025年9月25日 14:05. */
export function formatLocalTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

/** The zone every date without a time is read in unless the deployment configures another (DESIGN §13). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** How far the zone's wall clock is ahead of UTC at the instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) -
    (instant - (instant % 1000))
  );
}

/** The UTC instant (ISO text) at which the local calendar day after `isoDate` begins: "on or before isoDate" means before it. */
export function endOfLocalDayUtc(isoDate: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d + 1);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  // Across a DST change the offset at the guess differs from the offset at the answer.
  instant = wall - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant. */
export function localDateOf(iso: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const t = Date.parse(iso);
  return new Date(t + zoneOffsetMs(t, timeZone)).toISOString().slice(0, 10);
}
