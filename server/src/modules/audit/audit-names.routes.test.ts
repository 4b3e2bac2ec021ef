import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '@innocity/shared/api/audit';
import { AUDIT_FIELD_LABELS } from '@innocity/shared/api/audit-fields';
import { AUDIT_ENTITY_LABELS } from '@innocity/shared/api/audit';
import { TEST_DIALECTS } from '../../test/databases.ts';
import {
  createNdrcWorkItem,
  createReportingWorld,
  openQ3,
  type ReportingWorld,
} from '../reporting/reporting-test-kit.ts';

// The log used to show a work item as "3f2a9c1b" and a plan as a uuid: it names them now.
describe.each(TEST_DIALECTS)('audit log names on %s', (dialect) => {
  let w: ReportingWorld;
  let workItemId: string;

  beforeAll(async () => {
    w = await createReportingWorld(dialect);
    workItemId = (await createNdrcWorkItem(w, { title: '建设科创载体' })).id;
    await openQ3(w);
  });
  afterAll(() => w.t.close());

  const page = async (qs: string) => {
    const res = await w.as.admin.request({ method: 'GET', url: `/api/audit?${qs}` });
    expect(res.statusCode).toBe(200);
    return res.json() as AuditPage;
  };

  it('names the objects of a page and the ids inside their changes: plan, units, work item', async () => {
    const p = await page(`entityType=work_item&entityId=${workItemId}`);
    expect(p.items).toHaveLength(1);
    expect(p.names[workItemId]).toBe('建设科创载体');
    const plan = await w.t.db
      .selectFrom('plans')
      .select(['id', 'title'])
      .where('id', '=', w.planId)
      .executeTakeFirstOrThrow();
    expect(p.names[plan.id]).toBe(plan.title);
    const after = p.items[0]!.after as Record<string, unknown>;
    expect(p.names[after.leadUnitId as string]).toBe('市发改委');
    expect(p.names[(after.coUnitIds as string[])[0]!]).toBe('市科技局');
  });

  it('names a round and the login rows’ users, and only what the page mentions', async () => {
    const rounds = await page('entityType=reporting_round');
    expect(Object.values(rounds.names)).toContain('2025年第三季度');
    const logins = await page('action=login');
    const ids = logins.items.map((i) => i.entityId);
    expect(Object.keys(logins.names).every((id) => ids.includes(id) || logins.items.some((i) => i.planId === id))).toBe(
      true,
    );
  });

  it('has a Chinese label for every field and object type the modules record on this path', async () => {
    const all = await page('pageSize=200');
    const keys = new Set(
      all.items.flatMap((i) =>
        [i.before, i.after].flatMap((s) => (s && typeof s === 'object' ? Object.keys(s as object) : [])),
      ),
    );
    expect([...keys].filter((k) => !AUDIT_FIELD_LABELS[k])).toEqual([]);
    expect([...new Set(all.items.map((i) => i.entityType))].filter((t) => !AUDIT_ENTITY_LABELS[t])).toEqual([]);
  });
});
