import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.ts';

/** A run whose batches answer only when the test says so; it records the keys of each batch sent. */
function manualRun() {
  const sent: string[][] = [];
  const pending: { resolve: (r: string[]) => void; reject: (e: unknown) => void; keys: string[] }[] = [];
  const run = (keys: string[]) => {
    sent.push(keys);
    return new Promise<string[]>((resolve, reject) => pending.push({ resolve, reject, keys }));
  };
  const answer = () => {
    const p = pending.shift()!;
    p.resolve(p.keys.map((k) => `answer:${k}`));
  };
  const fail = (err: Error) => pending.shift()!.reject(err);
  return { run, sent, answer, fail };
}

describe('lookups coalesced while a query is in flight', () => {
  it('sends an idle lookup at once, alone; the ones made meanwhile go together in the next query', async () => {
    const m = manualRun();
    const c = new Coalescer(m.run);
    const a = c.lookup('a');
    expect(m.sent).toEqual([['a']]); // no timer: sent before lookup() returned
    const rest = ['b', 'c', 'd'].map((k) => c.lookup(k));
    // Never added to the query already sent: each lookup is read by a query sent after it was made.
    expect(m.sent).toEqual([['a']]);
    expect(c.queued).toBe(3);
    m.answer();
    expect(await a).toBe('answer:a');
    expect(m.sent).toEqual([['a'], ['b', 'c', 'd']]);
    m.answer();
    expect(await Promise.all(rest)).toEqual(['answer:b', 'answer:c', 'answer:d']);
    expect(c.batchesSent).toBe(2);
  });

  it('answers each lookup with its own key even when two lookups name the same key', async () => {
    const m = manualRun();
    const c = new Coalescer(m.run);
    const first = c.lookup('x');
    const second = c.lookup('x');
    m.answer();
    await first;
    // The same key is looked up again by the next query, not given the answer of the query in flight.
    expect(m.sent).toEqual([['x'], ['x']]);
    m.answer();
    expect(await second).toBe('answer:x');
  });

  it('caps a batch, and sends the rest in the following query', async () => {
    const m = manualRun();
    const c = new Coalescer(m.run, 2);
    const all = [c.lookup('a'), c.lookup('b'), c.lookup('c'), c.lookup('d')];
    m.answer();
    await all[0];
    expect(m.sent).toEqual([['a'], ['b', 'c']]);
    m.answer();
    await all[2];
    expect(m.sent).toEqual([['a'], ['b', 'c'], ['d']]);
    m.answer();
    expect(await Promise.all(all)).toEqual(['answer:a', 'answer:b', 'answer:c', 'answer:d']);
  });

  it('fails every lookup of a failed batch, hangs none, and answers the next lookups', async () => {
    const m = manualRun();
    const c = new Coalescer(m.run);
    const a = c.lookup('a');
    const b = c.lookup('b');
    const d = c.lookup('d');
    m.answer();
    await a;
    m.fail(new Error('connection lost'));
    await expect(b).rejects.toThrow('connection lost');
    await expect(d).rejects.toThrow('connection lost');
    const e = c.lookup('e');
    expect(m.sent.at(-1)).toEqual(['e']);
    m.answer();
    expect(await e).toBe('answer:e');
  });

  it('fails the batch when the query answers a different number of keys than it was given', async () => {
    const c = new Coalescer(async (keys: string[]) => keys.slice(1));
    await expect(c.lookup('a')).rejects.toThrow('批量查询返回 0 个结果，应为 1 个');
  });
});
