import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './ledger-ids.ts';

describe('timeOrderedId', () => {
  it('gives distinct version-7 UUIDs whose first 48 bits are the time, so later ids sort after earlier ones', async () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, () => timeOrderedId());
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const stamp = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(stamp(ids[0]!)).toBeGreaterThanOrEqual(before);
    expect(stamp(ids.at(-1)!)).toBeLessThanOrEqual(Date.now());
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = timeOrderedId();
    expect(ids.every((id) => id < later)).toBe(true);
  });
});
