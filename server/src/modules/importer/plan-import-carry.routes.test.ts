import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanImportConfirmed, PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { LedgerRowList } from '@innocity/shared/api/ledgers';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';
import { jurongPlanId, unitId } from '../ledgers/ledger-test-kit.ts';
import { loadNextPlan } from '../plans/carry-over.test-kit.ts';
import { planTableCounts, reviewOf, upload } from './plan-import-kit.ts';

const JURONG = readFileSync(new URL('../../../../shared/packs/jurong-2022-79.source.md', import.meta.url), 'utf8');

// The confirmation of a county's next plan may carry over from its last plan in the same transaction.
describe.each(TEST_DIALECTS)('plan import: confirm with 沿用上一轮方案 on %s', (dialect) => {
  let t: TestApp;
  let office: Client;
  let oldPlan: string;
  let otherCounty: string;
  const confirm = (id: string, body: unknown) =>
    office.request({ method: 'POST', url: `/api/plan-imports/${id}/confirm`, payload: body as object });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    oldPlan = await jurongPlanId(t.db);
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const row = await admin.request({
      method: 'POST',
      url: `/api/plans/${oldPlan}/ledgers/high-tech-enterprises/rows`,
      payload: {
        unitId: await unitId(t.db, '市科技局'),
        values: { certificateNo: 'GR2024-CARRY', company: '沿用科技有限公司', certifiedOn: '2024-06-01' },
      },
    });
    expect(row.statusCode, row.body).toBe(201);
    otherCounty = await loadNextPlan(t.db, { code: 'danyang-next', region: ['江苏省', '镇江市', '丹阳市'] });
    const u = await createUser(t.db, { roles: ['office'], region: '句容市' });
    office = await t.login(u.username, u.password);
  }, 60_000);
  afterAll(() => t.close());

  it('refuses the whole confirmation when the carry-over is refused, leaving no plan and the draft open', async () => {
    const draft = (await upload(office, '句容方案.md', JURONG)).json() as PlanImportDraft;
    const read = await reviewOf(office, draft, 'jurong-next');
    // Read as the next plan (to 2030): an expired plan takes nothing over.
    const proposal = read.proposal as { plan: Record<string, unknown> };
    const review = { ...read, proposal: { ...proposal, plan: { ...proposal.plan, targetYear: 2030 } } };
    const before = await planTableCounts(t.db);
    // The imported plan has its own 各相关镇（街道）: carrying the old one clashes by name.
    const clash = await confirm(draft.id, {
      ...review,
      carryOver: {
        sourcePlanId: oldPlan,
        unitGroups: ['related-towns-streets'],
        ledgerTypes: ['high-tech-enterprises'],
      },
    });
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error.details.issues).toEqual([
      { path: 'unitGroups.0', message: '单位组“各相关镇（街道）”：本方案已有名为“各相关镇（街道）”的单位组' },
    ]);
    const across = await confirm(draft.id, { ...review, carryOver: { sourcePlanId: otherCounty, wording: true } });
    expect(across.statusCode).toBe(403);
    expect(across.json().error.message).toBe('上一轮方案（sourcePlanId）不属于您所在的地区');
    expect(await planTableCounts(t.db)).toEqual(before);
    const still = (await office.request({ method: 'GET', url: `/api/plan-imports/${draft.id}` })).json();
    expect(still.status).not.toBe('confirmed');

    const res = await confirm(draft.id, {
      ...review,
      carryOver: { sourcePlanId: oldPlan, ledgerTypes: ['high-tech-enterprises'], rows: 'all' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const done = res.json() as PlanImportConfirmed;
    expect(done.carriedOver).toEqual({ sourcePlanId: oldPlan, unitGroups: 0, ledgerTypes: 1, rows: 1, wording: false });
    const rows = (
      await office.request({ method: 'GET', url: `/api/plans/${done.planId}/ledgers/high-tech-enterprises/rows` })
    ).json() as LedgerRowList;
    expect(rows.items.map((r) => r.values.company)).toEqual(['沿用科技有限公司']);
  });
});
