import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bulletin } from '@innocity/shared/api/bulletins';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { actorIn, ctxOf, fakeFacts } from '../modules/assessment/assessment-test-kit.ts';
import type { Actor } from '../modules/users/user.repo.ts';
import { jurongQ3Facts } from '../modules/bulletins/bulletin.fixture.ts';
import * as service from '../modules/bulletins/bulletin.service.ts';

// Several drafts published at once each get their own 第X期 or a 409 asking to publish again:
// never two bulletins with one number, never a 500. Rendering is costly, so 8 rather than 50.
describe.each(TEST_DIALECTS)('bulletins published at once on %s', (dialect) => {
  let t: TestApp;
  let office: Actor;
  let drafts: Bulletin[];
  const saved = process.env.SOFFICE_PATH;

  beforeAll(async () => {
    process.env.SOFFICE_PATH = '/nonexistent/soffice';
    t = await createTestApp(dialect);
    const planId = (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    office = await actorIn(t.db, ['office']);
    const state = { facts: jurongQ3Facts(), rounds: jurongQ3Facts().rounds };
    drafts = [];
    for (let i = 0; i < 8; i++)
      drafts.push(
        await service.generateBulletin(
          t.db,
          office,
          planId,
          { roundId: 'r-2025Q3', asOf: '2025-10-10' },
          ctxOf(office),
          { facts: fakeFacts(state) },
        ),
      );
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.SOFFICE_PATH;
    else process.env.SOFFICE_PATH = saved;
    await t.close();
  });

  it('numbers every published issue once, and a refused one publishes on the next try', async () => {
    const publish = (d: Bulletin) => service.publishBulletin(t.db, office, d.id, { version: d.version }, ctxOf(office));
    const outcomes = await Promise.allSettled(drafts.map(publish));
    const refused = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ i, reason: o.reason }] : []));
    for (const r of refused) expect(r.reason).toMatchObject({ status: 409 });
    for (const r of refused) expect((await publish(drafts[r.i]!)).status).toBe('published');
    const rows = await t.db
      .selectFrom('bulletins')
      .select(['issue_number', 'status'])
      .where('status', '=', 'published')
      .orderBy('issue_number')
      .execute();
    expect(rows.map((r) => r.issue_number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
