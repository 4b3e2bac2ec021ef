import { asOfCutoff, dateIn } from '@innocity/shared/indicators/calendar';

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

/** The UTC instant (ISO text) at which the local calendar day after `isoDate` begins: "on or before isoDate" means before it. */
export const endOfLocalDayUtc = (isoDate: string, timeZone: string = DEFAULT_TIME_ZONE): string =>
  asOfCutoff(isoDate, timeZone);

/** The local calendar date (YYYY-MM-DD) of a UTC instant. */
export const localDateOf = (iso: string, timeZone: string = DEFAULT_TIME_ZONE): string => dateIn(iso, timeZone);
