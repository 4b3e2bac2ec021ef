import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { InjectOptions } from 'fastify';
import { CSRF_HEADER, ROLES, type Role } from '@innocity/shared/api/auth';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { ledgerMatrixFixtures } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { planImportMatrixFixtures } from '../../server/src/modules/importer/plan-import-kit.ts';
import { assessmentMatrixFixtures } from '../../server/src/modules/assessment/assessment-test-kit.ts';
import { reportingMatrixFixtures } from '../../server/src/modules/reporting/reporting-test-kit.ts';
import type { Client } from '../../server/src/test/test-app.ts';
import { APP_ROUTES, navFor, routeAllows } from '../src/routes.tsx';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { quiet } from './page-helpers.ts';

// Issue #6, item 7: every route of the app, as every role, with no console error and no failed or
// refused request. A route a role may not use shows the 403 page and asks the server nothing.

/** The text of the page a role sees on a route it may not use (web/src/components/Forbidden.tsx). */
const FORBIDDEN = '无权访问此页面';

describe('every route as every role', () => {
  let server: RunningServer;
  let browser: Browser;
  /** A real target for every route parameter (a new parameter must be added here, or the test fails). */
  const params: Record<string, string> = {};
  const users = {} as Record<Role, string>;

  /** A client of the in-process app (the matrix fixtures' kind), signed in as a user. */
  async function clientOf(username: string): Promise<Client> {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = `innocity_sid=${res.cookies.find((c) => c.name === 'innocity_sid')?.value}`;
    const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
    return {
      csrfToken,
      cookie,
      request: (opts: InjectOptions) =>
        server.app.inject({ ...opts, headers: { cookie, [CSRF_HEADER]: csrfToken, ...(opts.headers ?? {}) } }),
    };
  }
  const unitId = async (name: string) =>
    (await server.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The unit roles sit in a town, as most reporters do.
    for (const role of ROLES)
      users[role] = (
        await createUser(server.db, {
          roles: [role],
          units: role === 'reporter' || role === 'approver' ? ['下蜀镇'] : [],
          displayName: `路由${role}`,
        })
      ).username;
    const admin = await clientOf(users.admin);
    const planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const xiashu = await unitId('下蜀镇');
    // The authorization matrix's fixtures: a ledger row, an import draft, a scheme with published
    // scores, a published bulletin, work items, a meeting, rounds and 下蜀镇's submission.
    await ledgerMatrixFixtures(server.db, admin);
    const planImport = await planImportMatrixFixtures(admin);
    const assessment = await assessmentMatrixFixtures(server.db, xiashu, planId);
    const reporting = await reportingMatrixFixtures(admin, planId, xiashu);
    const indicator = await server.db
      .selectFrom('indicators')
      .select('id')
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    Object.assign(params, {
      planId,
      indicatorId: indicator.id,
      typeCode: 'high-tech-enterprises',
      submissionId: reporting.submissionId,
      roundId: reporting.roundId,
      workItemId: reporting.workItemId,
      unitId: xiashu,
      draftId: planImport.draftId,
      bulletinId: assessment.bulletinId,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The route's path with its parameters filled in, or an error naming the parameter without a sample. */
  function fill(path: string): string {
    return (
      '/' +
      path.replace(/:(\w+)/g, (_, name: string) => {
        if (!(name in params)) throw new Error(`route ${path}: no sample value for :${name} in routes.browser.test.ts`);
        return params[name]!;
      })
    );
  }

  /** Goes to a path inside the app without reloading it (the router follows popstate), then waits for quiet. */
  async function visit(page: Page, path: string, wait = true): Promise<void> {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    // A page asks for its chunk and then its data without a pause: a quarter second of quiet is settled.
    if (wait) await quiet(page, 250);
  }

  /** What the page says in its content area (the layout's header and navigation aside). */
  const content = (page: Page) =>
    page
      .locator('.app-content')
      .innerText({ timeout: 5_000 })
      .catch(() => '');

  it('has a sample value for every route parameter', () => {
    expect(() => APP_ROUTES.map((r) => fill(r.path))).not.toThrow();
  });

  it.each(ROLES)('visits every route as %s without a console error or a refused request', async (role) => {
    // Every problem of every route, reported together: role, path, problem.
    const found: string[] = [];
    const { page, problems } = await openPage(browser);
    try {
      await signIn(page, server.url, users[role], TEST_PASSWORD);
      await page.getByRole('button', { name: '账号菜单' }).waitFor();
      await quiet(page);
      await screenshot(page, `routes-home-${role}`);
      const report = (where: string, from: number) => {
        for (const p of problems.slice(from)) found.push(`${role} ${where}: ${p}`);
      };
      report('/ (after sign-in)', 0);
      for (const route of APP_ROUTES) {
        const path = fill(route.path);
        const before = problems.length;
        await visit(page, path);
        const text = await content(page);
        const allowed = routeAllows(route, [role]);
        if (!allowed && !text.includes(FORBIDDEN)) found.push(`${role} ${path}: no 403 page (${FORBIDDEN}) shown`);
        if (allowed && text.includes(FORBIDDEN)) found.push(`${role} ${path}: 403 page on a route the role may use`);
        if (allowed && text.trim() === '') found.push(`${role} ${path}: the page shows nothing`);
        report(path, before);
      }
      // Every entry of the navigation leads to a page that renders.
      for (const route of navFor([role])) {
        const before = problems.length;
        await page.locator('.app-sider').getByRole('link', { name: route.nav!.label, exact: true }).click();
        await quiet(page, 250);
        const text = await content(page);
        if (text.includes(FORBIDDEN)) found.push(`${role} nav ${route.nav!.label}: leads to the 403 page`);
        if (text.trim() === '') found.push(`${role} nav ${route.nav!.label}: the page shows nothing`);
        report(`nav ${route.nav!.label} (${new URL(page.url()).pathname})`, before);
      }
    } finally {
      await page.context().close();
    }
    expect(found.join('\n')).toBe('');
  });

  it('keeps a page opened while the home page still loads, instead of snapping back to the cockpit', async () => {
    // The race behind the reporting suite's flaky approver step: the bell's notice opened a
    // submission while the home redirect still waited for the plan list; when the list came, the
    // redirect replaced the submission with the cockpit. Both answers are held here to make it certain.
    const { page, problems } = await openPage(browser);
    const hold = () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      return { held, release };
    };
    const plans = hold();
    const chunk = hold();
    await page.route('**/api/plans', async (route) => (await plans.held, route.continue()));
    await page.route(/\/assets\/AccountPage-[\w-]+\.js$/, async (route) => (await chunk.held, route.continue()));
    const homeAsked = page.waitForRequest('**/api/plans');
    await signIn(page, server.url, users.approver, TEST_PASSWORD);
    await homeAsked; // the home redirect is waiting for the plan list
    await visit(page, '/account', false);
    plans.release();
    await page.waitForTimeout(300);
    chunk.release();
    await quiet(page);
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('heading', { name: '我的账号' }).waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('shows the login page to a visitor and the forced password page to each role with a temporary password', async () => {
    const problemsOf: string[] = [];
    const anonymous = await openPage(browser);
    await anonymous.page.goto(`${server.url}/login`);
    await anonymous.page.getByLabel('用户名').waitFor();
    await quiet(anonymous.page);
    problemsOf.push(...anonymous.problems.map((p) => `anonymous /login: ${p}`));
    await anonymous.page.context().close();
    for (const role of ROLES) {
      const user = await createUser(server.db, {
        roles: [role],
        units: role === 'reporter' || role === 'approver' ? ['下蜀镇'] : [],
        mustChangePassword: true,
      });
      const { page, problems } = await openPage(browser);
      await signIn(page, server.url, user.username, TEST_PASSWORD);
      await page.getByText('首次登录请修改密码').waitFor();
      await quiet(page);
      // Any other page leads back here, asking the server nothing it refuses.
      await visit(page, fill(APP_ROUTES[0]!.path));
      await page.getByText('首次登录请修改密码').waitFor();
      problemsOf.push(...problems.map((p) => `${role} /change-password: ${p}`));
      await page.context().close();
    }
    expect(problemsOf.join('\n')).toBe('');
  });
});
