/** A seeded pseudo-random generator (mulberry32): the same seed gives the same demo, every time. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max), rounded to `digits` decimals as a clerk would type it. */
  amount(min: number, max: number, digits = 2): number {
    return Number((min + this.next() * (max - min)).toFixed(digits));
  }

  /** One of the items. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A date (YYYY-MM-DD) between two dates inclusive. */
  date(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + this.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** A UTC instant on a day during Beijing office hours (09:00–17:59), as stored timestamps are. */
export function officeHours(prng: Prng, date: string): string {
  const hourUtc = prng.int(1, 9); // 09:00–17:59 in UTC+8
  return `${date}T${String(hourUtc).padStart(2, '0')}:${String(prng.int(0, 59)).padStart(2, '0')}:00.000Z`;
}

/** The date n days after a date. */
export const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
