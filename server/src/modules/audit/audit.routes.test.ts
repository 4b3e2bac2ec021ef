import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_HEADERS, type AuditEntry, type AuditPage } from '@innocity/shared/api/audit';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { expectAudited } from '../../test/audit.ts';
import { createUser } from '../../test/factories.ts';
import { recordAudit } from './audit.repo.ts';

describe.each(TEST_DIALECTS)('audit log API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let inspector: Client;
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const i = await createUser(t.db, { roles: ['inspector'], displayName: '赵督查' });
    inspector = await t.login(i.username, i.password);
    const xiashu = await t.db.selectFrom('units').select('id').where('name', '=', '下蜀镇').executeTakeFirstOrThrow();
    const created = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'audited',
        displayName: '被审计',
        roles: ['reporter'],
        unitIds: [xiashu.id],
        initialPassword: 'Chu-Shi-2025!',
      },
    });
    userId = created.json().id;
    await admin.request({ method: 'PATCH', url: `/api/users/${userId}`, payload: { displayName: '被审计人' } });
    // Two rows either side of midnight in Beijing: 2025-03-01 23:59:59 and 2025-03-02 00:00:00 local time.
    const at = (now: string) => ({
      actor: { id: 'someone', displayName: '钱历史' },
      requestId: null,
      ip: '10.0.0.1',
      now,
    });
    await recordAudit(t.db, at('2025-03-01T15:59:59.000Z'), {
      action: 'update',
      entityType: 'unit',
      entityId: 'u-old',
      after: { name: '旧前' },
    });
    await recordAudit(t.db, at('2025-03-01T16:00:00.000Z'), {
      action: 'update',
      entityType: 'unit',
      entityId: 'u-old',
      after: { name: '旧后' },
    });
  });
  afterAll(() => t.close());

  const query = async (c: Client, qs: string) => {
    const res = await c.request({ method: 'GET', url: `/api/audit?${qs}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AuditPage;
  };

  it('finds an entity’s history, newest first, with before and after and no secrets', async () => {
    const page = await query(admin, `entityType=user&entityId=${userId}`);
    expect(page.items.map((r) => r.action)).toEqual(['update', 'create']);
    const [update] = page.items as [AuditEntry];
    expect(update).toMatchObject({
      actorName: '系统管理员',
      entityId: userId,
      before: { displayName: '被审计' },
      after: { displayName: '被审计人' },
    });
    expect(update.requestId).toBeTruthy();
    expect(update.ip).toBeTruthy();
    expect(JSON.stringify(page)).not.toMatch(/Chu-Shi|argon2/);
  });

  it('filters by actor id or name, by action, and pages', async () => {
    const byName = await query(inspector, 'actor=钱历');
    expect(byName.total).toBe(2);
    const byId = await query(inspector, 'actor=someone&action=update');
    expect(byId.total).toBe(2);
    const all = await query(admin, 'pageSize=2');
    const second = await query(admin, 'pageSize=2&page=2');
    expect(second.total).toBe(all.total);
    expect(second.items[0]!.id).toBeLessThan(all.items[1]!.id);
  });

  it('reads from and to as Beijing dates, both days included', async () => {
    const second = await query(admin, 'entityId=u-old&from=2025-03-02&to=2025-03-02');
    expect(second.items.map((r) => r.after)).toEqual([{ name: '旧后' }]);
    const first = await query(admin, 'entityId=u-old&to=2025-03-01');
    expect(first.items.map((r) => r.after)).toEqual([{ name: '旧前' }]);
    const both = await query(admin, 'entityId=u-old&from=2025-03-01&to=2025-03-02');
    expect(both.total).toBe(2);
  });

  it('refuses malformed dates and a range that ends before it starts, in Chinese', async () => {
    const bad = await admin.request({ method: 'GET', url: '/api/audit?from=2025-13-01&to=yesterday' });
    expect(bad.statusCode).toBe(400);
    const messages = bad.json().error.details.issues.map((i: { message: string }) => i.message);
    expect(messages).toEqual(expect.arrayContaining(['开始日期不是有效日期', '结束日期须为 YYYY-MM-DD 格式的日期']));
    const reversed = await admin.request({ method: 'GET', url: '/api/audit?from=2025-03-02&to=2025-03-01' });
    expect(reversed.json().error.details.issues).toEqual([{ path: 'to', message: '结束日期不能早于开始日期' }]);
  });

  it('exports the filtered log to Excel with Chinese headers and records the export', async () => {
    const res = await inspector.request({ method: 'GET', url: `/api/audit/export?entityType=user&entityId=${userId}` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('审计日志-')}`);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toMatch(/审计日志-\d{12}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...AUDIT_EXPORT_HEADERS]);
    expect(sheet.rowCount).toBe(3);
    const update = sheet.getRow(2).values as string[];
    expect(update[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}$/);
    expect(update.slice(2, 6)).toEqual(['系统管理员', '修改', '用户', `被审计人（${userId}）`]);
    expect(JSON.parse(update[6]!)).toMatchObject({ displayName: '被审计' });
    const row = await expectAudited(t.db, res, {
      action: 'export',
      entityType: 'audit_log',
      entityId: null,
      before: false,
      after: true,
    });
    expect(row.after).toMatchObject({ rows: 2 });
  });

  it('is closed to every role but admin and inspector, and offers no way to change a row', async () => {
    const u = await createUser(t.db, { roles: ['office', 'leader'] });
    const office = await t.login(u.username, u.password);
    for (const url of ['/api/audit', '/api/audit/export']) {
      const res = await office.request({ method: 'GET', url });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toEqual({ code: 'forbidden', message: '只有系统管理员和督查考核人员可以查看审计日志' });
    }
    const id = (await query(admin, 'pageSize=1')).items[0]!.id;
    for (const method of ['DELETE', 'PUT', 'PATCH'] as const) {
      const res = await admin.request({ method, url: `/api/audit/${id}`, payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });
});
