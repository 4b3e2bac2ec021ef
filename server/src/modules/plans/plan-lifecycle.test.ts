import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { auditRowsOf } from '../../test/audit.ts';
import { reviewOf } from '../importer/plan-import-kit.ts';

const COUNTY_PLAN = readFileSync(
  new URL('../../../../shared/test-fixtures/importer/county-plan.md', import.meta.url),
  'utf8',
);

describe.each(TEST_DIALECTS)('plan lifecycle on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let leader: Client;
  let jurong: PlanSummary;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    office = await t.login((await createUser(t.db, { roles: ['office'] })).username, TEST_PASSWORD);
    leader = await t.login((await createUser(t.db, { roles: ['leader'] })).username, TEST_PASSWORD);
    jurong = ((await office.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[])[0]!;
  });
  afterAll(() => t.close());

  /** Imports the made-up county's plan under a code of its own, as the office does in the browser. */
  async function importPlan(code: string): Promise<string> {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const draft = (
      await admin.request({
        method: 'POST',
        url: '/api/plan-imports',
        payload: { text: COUNTY_PLAN, fileName: `${code}.md` },
      })
    ).json() as PlanImportDraft;
    const review = await reviewOf(admin, draft, code);
    const res = await admin.request({ method: 'POST', url: `/api/plan-imports/${draft.id}/confirm`, payload: review });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().planId as string;
  }

  const plans = async (c: Client) =>
    (await c.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];

  it('an import stands beside the plan in force instead of replacing it', async () => {
    const planId = await importPlan('life-beside');
    const list = await plans(leader);
    expect(list.map((p) => p.id)).toEqual(expect.arrayContaining([jurong.id, planId]));
    expect(list.find((p) => p.id === jurong.id)).toMatchObject({ status: 'in_force', imported: false });
    expect(list.find((p) => p.id === planId)).toMatchObject({ status: 'in_force', imported: true });
  });

  it('withdraws an imported plan nobody has worked on: it leaves the leader’s list, audited', async () => {
    const planId = await importPlan('life-withdraw');
    const res = await office.request({ method: 'POST', url: `/api/plans/${planId}/withdraw` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn' });
    expect((await plans(leader)).map((p) => p.id)).not.toContain(planId);
    expect((await plans(office)).find((p) => p.id === planId)).toMatchObject({ status: 'withdrawn' });
    expect(await auditRowsOf(t.db, res)).toMatchObject([{ action: 'withdraw', entity_id: planId }]);
    const again = await office.request({ method: 'POST', url: `/api/plans/${planId}/withdraw` });
    expect(again.statusCode).toBe(409);
  });

  it('refuses to withdraw a plan with a reporting round, or one loaded from a pack, and changes nothing', async () => {
    const planId = await importPlan('life-worked');
    const round = await office.request({
      method: 'POST',
      url: '/api/rounds',
      payload: { planId, periodId: '2031Q1', cutoffDate: '2031-04-25' },
    });
    expect(round.statusCode, round.body).toBe(201);
    const res = await office.request({ method: 'POST', url: `/api/plans/${planId}/withdraw` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('填报轮次');
    const packed = await office.request({ method: 'POST', url: `/api/plans/${jurong.id}/withdraw` });
    expect(packed.statusCode).toBe(409);
    expect((await plans(office)).filter((p) => p.id === planId || p.id === jurong.id).map((p) => p.status)).toEqual([
      'in_force',
      'in_force',
    ]);
  });

  it('archives a plan only once its target year has passed; the archived plan stays readable', async () => {
    const fresh = await importPlan('life-fresh');
    const early = await office.request({ method: 'POST', url: `/api/plans/${fresh}/archive` });
    // The made-up county's plan runs to 2026: due for archiving only from 2027 on.
    const freshPlan = (await plans(office)).find((p) => p.id === fresh)!;
    expect(early.statusCode).toBe(freshPlan.expired ? 200 : 409);
    expect(jurong.expired).toBe(jurong.targetYear < new Date().getFullYear());
    const refused = await leader.request({ method: 'POST', url: `/api/plans/${jurong.id}/archive` });
    expect(refused.statusCode).toBe(403);
    const res = await office.request({ method: 'POST', url: `/api/plans/${jurong.id}/archive` });
    expect(res.statusCode).toBe(jurong.expired ? 200 : 409);
    if (jurong.expired) {
      expect((await leader.request({ method: 'GET', url: `/api/plans/${jurong.id}` })).json()).toMatchObject({
        status: 'archived',
      });
    }
  });
});
