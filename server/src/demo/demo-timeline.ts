import type { DemoContext, DemoSeeder } from './seed-demo.ts';

/**
 * One dated event of the demo's history. Work items carry no history of their own (their state is
 * today's), and rounds, scores and bulletins read that state when they are made: so every event
 * runs in date order, and a round opened in March 2025 sees only the items decided by then.
 */
export interface Moment {
  /** The UTC instant the event starts; its steps may carry later instants. */
  at: string;
  /** Does the event; what it sets in motion (each unit's reporting after a round opens) comes back as later moments. */
  run: () => Promise<Moment[] | void>;
}

/** The dated events a module contributes to the history. */
export type MomentSource = (c: DemoContext) => Promise<Moment[]>;

/** Runs every source's moments in date order (ties keep the sources' order). */
export function timelineSeeder(sources: MomentSource[]): DemoSeeder {
  return async (c) => {
    const moments: Moment[] = [];
    // One source after another: each draws from the shared generator in a fixed order.
    for (const source of sources) moments.push(...(await source(c)));
    // Earliest first; of equal instants, the one scheduled first.
    const queue = moments.map((m, seq) => ({ ...m, seq }));
    let seq = queue.length;
    const earliest = (a: { at: string; seq: number }, b: { at: string; seq: number }) =>
      a.at.localeCompare(b.at) || a.seq - b.seq;
    while (queue.length > 0) {
      queue.sort(earliest);
      const next = queue.shift()!;
      for (const m of (await next.run()) ?? []) queue.push({ ...m, seq: seq++ });
    }
  };
}

/** A number in [0, 1) fixed by a text: an item's pace is the same whichever order it is met in. */
export function hashShare(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h / 4294967296;
}

/** A Beijing local date and time (HH:MM) as the UTC instant stored. */
export const beijing = (date: string, time = '09:30') => new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();

/** The instant n hours after another. */
export const plusHours = (iso: string, n: number) => new Date(Date.parse(iso) + n * 3_600_000).toISOString();

/** The lookups every seeder needs: a unit's id by name, a task's id by number. */
export async function demoLookups(c: DemoContext) {
  const units = new Map((await c.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
  const tasks = new Map(
    (await c.db.selectFrom('plan_tasks').select(['id', 'number']).where('plan_id', '=', c.planId).execute()).map(
      (t) => [t.number, t.id],
    ),
  );
  return {
    unit: (name: string) => {
      const id = units.get(name);
      if (!id) throw new Error(`示例数据：单位「${name}」不存在`);
      return id;
    },
    task: (n: number) => tasks.get(n)!,
  };
}
