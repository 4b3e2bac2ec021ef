import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorCatalogue } from '@innocity/shared/api/indicator-catalogue';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { expectAudited } from '../../test/audit.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';

describe.each(TEST_DIALECTS)('indicator catalogue codes on %s', (dialect) => {
  let t: TestApp;
  let planId: string;
  let office: Client;
  let leader: Client;
  let reporter: Client;
  const read = async (c: Client = office) =>
    (await c.request({ method: 'GET', url: `/api/plans/${planId}/indicator-catalogue` })).json() as IndicatorCatalogue;
  const byCode = (cat: IndicatorCatalogue, code: string) => cat.indicators.find((i) => i.code === code)!;
  const put = (c: Client, indicator: string, catalogueCode: unknown) =>
    c.request({
      method: 'PUT',
      url: `/api/plans/${planId}/indicators/${indicator}/catalogue-code`,
      payload: { catalogueCode },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    planId = (await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const login = async (roles: ('office' | 'leader' | 'reporter')[], units: string[] = []) =>
      t.login((await createUser(t.db, { roles, units })).username, TEST_PASSWORD);
    office = await login(['office']);
    leader = await login(['leader']);
    reporter = await login(['reporter'], ['市科技局']);
  }, 60_000);
  afterAll(() => t.close());

  it("carries the codes of Jurong's pack, and suggests codes for every indicator, to every role that reads the plan", async () => {
    const cat = await read(reporter);
    expect(cat.catalogue.map((c) => c.code)).toContain('rd-intensity');
    expect(byCode(cat, 'rd-gdp-ratio')).toMatchObject({
      catalogueCode: 'rd-intensity',
      comparable: true,
      confirmedBy: null,
    });
    expect(byCode(cat, 'high-tech-enterprises').suggestions[0]).toMatchObject({
      code: 'high-tech-enterprises',
      unitMatches: true,
    });
    expect(byCode(cat, 'fiscal-st-growth').catalogueCode).toBeNull();
    expect(cat.indicators.filter((i) => i.catalogueCode !== null)).toHaveLength(9);
  });

  it('lets the office confirm a code, audited, and says when the unit keeps it from being compared', async () => {
    const ok = await put(office, 'sci-tech-funding', 'tech-contract-turnover');
    expect(ok.statusCode).toBe(200);
    await expectAudited(t.db, ok, {
      action: 'update',
      entityType: 'indicator_catalogue_code',
      before: true,
      after: true,
    });
    const mismatch = await put(office, 'incubator-floor-area', 'high-tech-enterprises');
    expect(mismatch.statusCode).toBe(200);
    const cat = await read();
    expect(byCode(cat, 'sci-tech-funding')).toMatchObject({
      catalogueCode: 'tech-contract-turnover',
      comparable: true,
    });
    expect(byCode(cat, 'sci-tech-funding').confirmedBy).toBeTruthy();
    expect(byCode(cat, 'incubator-floor-area')).toMatchObject({
      catalogueCode: 'high-tech-enterprises',
      comparable: false,
    });
  });

  it('removes a code with null', async () => {
    expect((await put(office, 'incubator-floor-area', null)).statusCode).toBe(200);
    expect(byCode(await read(), 'incubator-floor-area').catalogueCode).toBeNull();
  });

  it('refuses other roles, unknown codes and indicators, and changes nothing', async () => {
    for (const c of [leader, reporter]) expect((await put(c, 'tech-smes', 'rd-intensity')).statusCode).toBe(403);
    const bad = await put(office, 'tech-smes', 'no-such-code');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('目录指标编码不在指标目录中');
    expect((await put(office, 'no-such-indicator', 'rd-intensity')).statusCode).toBe(404);
    expect(byCode(await read(), 'tech-smes').catalogueCode).toBe('tech-smes');
  });
});
