import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Submission } from '@innocity/shared/api/reporting';
import { TEST_DIALECTS } from '../test/databases.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  save,
  step,
  submissionOf,
  type ReportingWorld,
} from '../modules/reporting/reporting-test-kit.ts';

// Submission versions are "read, decide, write" on one shared row: many saves of the version a
// reporter read must let exactly one through, refuse the rest with 409, and answer no 500.
describe.each(TEST_DIALECTS)('parallel submission saves on %s', (dialect) => {
  let w: ReportingWorld;
  let roundId: string;
  let ndrc: string;
  const ndrcSub = () => submissionOf(w.as.ndrcReporter, roundId, ndrc);
  const progress = (s: Submission) => s.duties.find((d) => d.kind === 'progress')!;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    ndrc = await w.unit('市发改委');
    await createNdrcWorkItem(w);
    roundId = (await openQ3(w)).id;
  }, 60_000);
  afterAll(() => w.t.close());

  it('lets one of 50 simultaneous saves of the same version win, refuses 49 with 409, and keeps the winner', async () => {
    const s = await ndrcSub();
    const clients = [w.as.ndrcReporter, w.as.ndrcReporter2];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        save(clients[i % 2]!, s, [{ dutyId: progress(s).id, payload: { text: `第${i}次保存`, percent: i } }]),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    const winner = codes.indexOf(200);
    const after = await ndrcSub();
    expect(after.version).toBe(s.version + 1);
    expect(after.entries.find((e) => e.dutyId === progress(s).id)?.payload).toMatchObject({
      text: `第${winner}次保存`,
      percent: winner,
    });
  });

  it('sends a draft for approval once when 50 requests arrive together', async () => {
    const s = await ndrcSub();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => step(w.as.ndrcReporter, s, 'send_for_approval')),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    const after = await ndrcSub();
    expect(after.version).toBe(s.version + 1);
    expect(after.status).not.toBe('draft');
  });
});
