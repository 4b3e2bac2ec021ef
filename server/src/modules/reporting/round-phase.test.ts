import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '@innocity/shared/api/reporting';
import { roundPhase } from '@innocity/shared/api/reporting';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createNdrcWorkItem, createReportingWorld, openQ3, type ReportingWorld } from './reporting-test-kit.ts';

describe('a round’s phase', () => {
  it('reads 填报中 before the cut-off, 已截止 from it until closed, 已关闭 after', () => {
    const cutoffAt = '2025-09-25T16:00:00.000Z';
    expect(roundPhase({ status: 'open', cutoffAt }, '2025-09-25T15:59:59.999Z')).toBe('open');
    expect(roundPhase({ status: 'open', cutoffAt }, cutoffAt)).toBe('past_cutoff');
    expect(roundPhase({ status: 'closed', cutoffAt }, '2025-09-20T00:00:00.000Z')).toBe('closed');
  });
});

describe.each(TEST_DIALECTS)('rounds past their cut-off on %s', (dialect) => {
  let w: ReportingWorld;
  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    await createNdrcWorkItem(w);
  });
  afterAll(() => w.t.close());

  const rounds = async (client = w.as.office) => {
    const res = await client.request({ method: 'GET', url: `/api/rounds?planId=${w.planId}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Round[] }).items;
  };

  it('lists a round whose cut-off has passed as 已截止 for everyone, and closed once the office closes it', async () => {
    const q3 = await openQ3(w, '2025-09-25');
    const listed = (await rounds()).find((r) => r.id === q3.id)!;
    expect(listed).toMatchObject({ status: 'open', phase: 'past_cutoff' });
    expect((await rounds(w.as.ndrcReporter)).find((r) => r.id === q3.id)?.phase).toBe('past_cutoff');
    const closed = await w.as.office.request({ method: 'POST', url: `/api/rounds/${q3.id}/close` });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await rounds()).find((r) => r.id === q3.id)).toMatchObject({ status: 'closed', phase: 'closed' });
  });
});
