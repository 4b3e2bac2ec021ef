import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitNode } from '@innocity/shared/api/plans';
import type { Unit } from '@innocity/shared/api/units';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { expectAudited } from '../../test/audit.ts';
import { createUser } from '../../test/factories.ts';

describe.each(TEST_DIALECTS)('units admin API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  const id = async (name: string) =>
    (await t.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>) =>
    admin.request({ method: 'POST', url: '/api/units', payload: body });
  const tree = async (c: Client = admin) =>
    (await c.request({ method: 'GET', url: '/api/units' })).json().items as UnitNode[];
  const findNode = (nodes: UnitNode[], unitId: string): UnitNode | undefined => {
    for (const n of nodes) {
      if (n.id === unitId) return n;
      const hit = findNode(n.children, unitId);
      if (hit) return hit;
    }
    return undefined;
  };

  it('creates a unit at the end of its parent’s children and audits it', async () => {
    const gov = await id('市政府');
    const res = await create({
      code: 'kxj',
      name: '市科协',
      fullName: '句容市科学技术协会',
      kind: 'department',
      parentId: gov,
    });
    expect(res.statusCode, res.body).toBe(201);
    const unit = res.json() as Unit;
    expect(unit).toMatchObject({ code: 'kxj', name: '市科协', aliases: [], parentId: gov, disabled: false });
    const siblings = findNode(await tree(), gov)!.children;
    expect(siblings.at(-1)!.id).toBe(unit.id);
    const row = await expectAudited(t.db, res, {
      action: 'create',
      entityType: 'unit',
      entityId: unit.id,
      before: false,
      after: true,
    });
    expect(row.after).toMatchObject({ code: 'kxj', name: '市科协' });
  });

  it('refuses a duplicate code or name and an unknown parent', async () => {
    const dupCode = await create({ code: 'kjj', name: '另一个科技局', kind: 'department' });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().error.message).toBe('单位编码“kjj”已被“市科技局”使用');
    const dupName = await create({ code: 'kjj-2', name: '市科技局', kind: 'department' });
    expect(dupName.json().error.message).toBe('已有名为“市科技局”的单位');
    const orphan = await create({ code: 'orphan', name: '孤儿单位', kind: 'other', parentId: 'nope' });
    expect(orphan.statusCode).toBe(400);
    const bad = await create({ code: 'Bad Code', name: '', kind: 'planet' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['code', 'kind', 'name']);
  });

  it('updates names and aliases and records before and after', async () => {
    const xiashu = await id('下蜀镇');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/units/${xiashu}`,
      payload: { fullName: '句容市下蜀镇人民政府', aliases: ['下蜀'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '下蜀镇', fullName: '句容市下蜀镇人民政府', aliases: ['下蜀'] });
    const row = await expectAudited(t.db, res, {
      action: 'update',
      entityType: 'unit',
      entityId: xiashu,
      before: true,
      after: true,
    });
    expect(row.before).toMatchObject({ aliases: [] });
    expect(row.after).toMatchObject({ aliases: ['下蜀'] });
    const clash = await admin.request({ method: 'PATCH', url: `/api/units/${xiashu}`, payload: { name: '白兔镇' } });
    expect(clash.statusCode).toBe(409);
  });

  it('moves a unit to another parent but never below itself', async () => {
    const gov = await id('市政府');
    const cpc = await id('市委');
    const talent = await id('市人才办');
    const res = await admin.request({ method: 'POST', url: `/api/units/${talent}/move`, payload: { parentId: cpc } });
    expect(res.statusCode, res.body).toBe(200);
    expect(findNode(await tree(), cpc)!.children.map((c) => c.name)).toContain('市人才办');
    await expectAudited(t.db, res, { action: 'move', entityType: 'unit', entityId: talent, before: true, after: true });
    const loop = await admin.request({
      method: 'POST',
      url: `/api/units/${gov}/move`,
      payload: { parentId: await id('市科技局') },
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.message).toBe('不能把单位移到它自己或它的下级单位之下');
    const self = await admin.request({ method: 'POST', url: `/api/units/${gov}/move`, payload: { parentId: gov } });
    expect(self.statusCode).toBe(400);
    const top = await admin.request({
      method: 'POST',
      url: `/api/units/${talent}/move`,
      payload: { parentId: null, sortOrder: 99 },
    });
    expect(top.json()).toMatchObject({ parentId: null, sortOrder: 99 });
  });

  it('disables a leaf unit, keeps it in the tree, and assigns no account to it', async () => {
    const gov = await id('市政府');
    const refused = await admin.request({ method: 'POST', url: `/api/units/${gov}/disable` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/^请先停用其下级单位：/);
    const parent = await create({ code: 'old-town', name: '旧镇', kind: 'town', parentId: await id('句容市') });
    const child = await create({ code: 'old-village', name: '旧村', kind: 'other', parentId: parent.json().id });
    const [parentId, childId] = [parent.json().id as string, child.json().id as string];
    const off = await admin.request({ method: 'POST', url: `/api/units/${childId}/disable` });
    expect(off.json().disabled).toBe(true);
    await expectAudited(t.db, off, {
      action: 'disable',
      entityType: 'unit',
      entityId: childId,
      before: true,
      after: true,
    });
    await admin.request({ method: 'POST', url: `/api/units/${parentId}/disable` });
    expect(findNode(await tree(), childId)).toMatchObject({ disabled: true });
    const assign = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'old-town-clerk',
        displayName: '旧镇填报',
        roles: ['reporter'],
        unitIds: [childId],
        initialPassword: 'Chu-Shi-2025!',
      },
    });
    expect(assign.statusCode).toBe(400);
    expect(assign.json().error.details.issues).toEqual([{ path: 'unitIds.0', message: '单位“旧村”已停用' }]);
    const childFirst = await admin.request({ method: 'POST', url: `/api/units/${childId}/enable` });
    expect(childFirst.statusCode).toBe(409);
    const on = await admin.request({ method: 'POST', url: `/api/units/${parentId}/enable` });
    expect(on.json().disabled).toBe(false);
    await expectAudited(t.db, on, {
      action: 'enable',
      entityType: 'unit',
      entityId: parentId,
      before: true,
      after: true,
    });
  });

  it('lets every role read the tree but only the admin change it', async () => {
    const u = await createUser(t.db, { roles: ['office'] });
    const office = await t.login(u.username, u.password);
    expect((await tree(office)).length).toBeGreaterThan(0);
    const res = await office.request({
      method: 'POST',
      url: '/api/units',
      payload: { code: 'x-office', name: '办公室建的', kind: 'other' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'forbidden', message: '只有系统管理员可以维护单位' });
    const missing = await admin.request({ method: 'PATCH', url: '/api/units/nope', payload: { name: '无' } });
    expect(missing.statusCode).toBe(404);
  });
});
