import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROLES, type Role } from '@innocity/shared/api/auth';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { ledgerMatrixFixtures } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { planImportMatrixFixtures } from '../../server/src/modules/importer/plan-import-kit.ts';
import { assessmentMatrixFixtures } from '../../server/src/modules/assessment/assessment-test-kit.ts';
import { reportingMatrixFixtures } from '../../server/src/modules/reporting/reporting-test-kit.ts';
import { loginClient, type Client } from '../../server/src/test/test-app.ts';
import { APP_ROUTES, mayOpen, navFor, routeAllows } from '../src/routes.tsx';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { quiet } from './page-helpers.ts';
import { unlabelledControls } from './labels.ts';

// Issue #6, item 7: every route of the app, as every role, with no console error and no failed or
// refused request. A route a role may not use shows the 403 page and asks the server nothing.
// Item 6: every control on every page a role may open (and on the login and first-password pages)
// has a name, and the keyboard reaches the page past the header and the navigation.

/** The text of the page a role sees on a route it may not use (web/src/components/Forbidden.tsx). */
const FORBIDDEN = '无权访问此页面';
/** PageLoading in the content area: a page that shows it with no request in flight is stuck. */
const LOADING = '.app-content [role=status]:has-text("加载中")';

describe('every route as every role', () => {
  let server: RunningServer;
  let browser: Browser;
  /** A real target for every route parameter (a new parameter must be added here, or the test fails). */
  const params: Record<string, string> = {};
  const users = {} as Record<Role, string>;

  /** A client of the in-process app (the matrix fixtures' kind), signed in as a user. */
  const clientOf = (username: string): Promise<Client> => loginClient(server.app, username, TEST_PASSWORD);
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
      role: 'reporter',
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

  /**
   * Waits until the page asks nothing, shows something and no loading spinner, twice in a row: a
   * redirect page (/ledgers) goes quiet between the plan list and the page it opens on a busy machine.
   */
  async function settle(page: Page): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (let calm = 0; calm < 2 && Date.now() < deadline;) {
      await quiet(page, 250);
      const busy = (await page.locator(LOADING).count()) > 0 || (await content(page)).trim() === '';
      calm = busy ? 0 : calm + 1;
      if (busy) await page.waitForTimeout(100);
    }
  }

  /** Goes to a path inside the app without reloading it (the router follows popstate). */
  async function visit(page: Page, path: string, wait = true): Promise<void> {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    if (wait) await settle(page);
  }

  /** What the page says in its content area (the layout's header and navigation aside). */
  const content = (page: Page) =>
    page
      .locator('.app-content')
      .innerText({ timeout: 5_000 })
      .catch(() => '');

  /** What is wrong with the page now: the 403 page where it should not be (or missing), an empty or stuck page, links to the 403 page. */
  async function judge(page: Page, role: Role, allowed: boolean): Promise<string[]> {
    const text = await content(page);
    const out: string[] = [];
    // A link the role sees should not lead it to the 403 page.
    const hrefs = await page
      .locator('.app-content a[href^="/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of new Set(hrefs))
      if (!mayOpen(href.split(/[?#]/)[0]!, [role])) out.push(`links to ${href}, which the role may not open`);
    if (!allowed && !text.includes(FORBIDDEN)) out.push(`no 403 page (${FORBIDDEN}) shown`);
    if (allowed && text.includes(FORBIDDEN)) out.push('403 page on a route the role may use');
    if (allowed && text.trim() === '') out.push('the page shows nothing');
    if (await page.locator(LOADING).count()) out.push('still loading after its requests ended');
    // Issue #6, item 6: every control on a page the role may use has a name (web/test/labels.ts).
    if (allowed) out.push(...(await unlabelledControls(page)));
    return out;
  }

  /**
   * Issue #6, item 6, keyboard: on a freshly loaded page, the first Tab reaches the layout's skip link,
   * which leads to the page itself, whose first control the next Tab reaches; each focus is visible.
   */
  async function keyboard(page: Page, path: string, shot?: string): Promise<string[]> {
    await page.goto(`${server.url}${path}`);
    await settle(page);
    const out: string[] = [];
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    if (skip.text !== '跳到正文' || !skip.visible)
      out.push(`the first Tab reaches ${skip.what}, not a visible 跳到正文 link`);
    if (shot) await screenshot(page, `${shot}-skip-link`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const first = await focused(page);
    if (shot) await screenshot(page, `${shot}-first-control`);
    if (!first.firstInMain) out.push(`Tab after 跳到正文 reaches ${first.what}, not the page's first control`);
    else if (!first.visible) out.push(`the page's first control ${first.what} shows no focus`);
    return out;
  }

  /** The focused element: what it is, whether its focus shows (outline or ring), whether it is the page's first control. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      // Ant Design rings an input's wrapper (box-shadow), a button or a link gets an outline.
      const rings = [el, el.parentElement, el.parentElement?.parentElement].some((e) => {
        if (!e) return false;
        const css = getComputedStyle(e);
        return (css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) > 0) || css.boxShadow !== 'none';
      });
      const tabbable = [
        ...document.querySelectorAll<HTMLElement>(
          '.app-content :is(a[href], button, input:not([type=hidden]), select, textarea, [tabindex])',
        ),
      ].filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled && e.getClientRects().length > 0);
      return {
        what: `${el.tagName.toLowerCase()} "${el.innerText?.trim().slice(0, 20) ?? ''}"`,
        text: el.innerText?.trim(),
        visible: rings && el.getBoundingClientRect().top >= 0,
        firstInMain: tabbable[0] === el,
      };
    });

  /** Signs in as the role and visits every route, then every navigation entry; returns "role path: problem" lines. */
  async function tour(role: Role): Promise<string[]> {
    const found: string[] = [];
    const { page, problems } = await openPage(browser);
    let seen = 0;
    const report = (where: string, own: string[] = []) => {
      for (const p of [...own, ...problems.slice(seen)]) found.push(`${role} ${where}: ${p}`);
      seen = problems.length;
    };
    try {
      await signIn(page, server.url, users[role], TEST_PASSWORD);
      await page.getByRole('button', { name: '账号菜单' }).waitFor();
      await settle(page);
      await screenshot(page, `routes-home-${role}`);
      report('/ (after sign-in)', await judge(page, role, true));
      for (const route of APP_ROUTES) {
        const path = fill(route.path);
        await visit(page, path);
        const allowed = routeAllows(route, [role]);
        report(path, await judge(page, role, allowed));
        // One picture of the 403 page, as a town's clerk sees it.
        if (!allowed && role === 'reporter' && route.path === 'rounds')
          await screenshot(page, 'routes-forbidden-reporter');
      }
      // Every entry of the navigation leads to a page that renders.
      for (const route of navFor([role])) {
        await page.locator('.app-sider').getByRole('link', { name: route.nav!.label, exact: true }).click();
        await settle(page);
        report(`nav ${route.nav!.label} (${new URL(page.url()).pathname})`, await judge(page, role, true));
      }
      // The keyboard, on the page the role works on most: the reporting form for a unit, else the cockpit.
      const desk = routeAllows(
        APP_ROUTES.find((r) => r.path === 'reporting')!,
        [role],
      )
        ? '/reporting'
        : fill(APP_ROUTES[0]!.path);
      report(
        `${desk} (keyboard)`,
        await keyboard(page, desk, role === 'reporter' || role === 'admin' ? `routes-keyboard-${role}` : undefined),
      );
    } catch (err) {
      found.push(`${role} ${new URL(page.url()).pathname}: the tour stopped: ${String(err)}`);
    } finally {
      await page.context().close();
    }
    return found;
  }

  it('has a sample value for every route parameter', () => {
    expect(() => APP_ROUTES.map((r) => fill(r.path))).not.toThrow();
  });

  it(
    'visits every route as every role without a console error, a refused request or a missing 403 page',
    async () => {
      // Three roles at a time, each in its own context: most of a visit is waiting for quiet.
      const found: string[] = [];
      for (let i = 0; i < ROLES.length; i += 3)
        found.push(...(await Promise.all(ROLES.slice(i, i + 3).map(tour))).flat());
      expect(found.join('\n')).toBe('');
      // 40 s a role: the province roles (issue 12) made the tour longer than one fixed budget.
    },
    40_000 * ROLES.length,
  );

  /** Issue #16, item 3: what is wider than a 390 px phone on the page now (tables above all). */
  const tooWide = (page: Page) =>
    page.evaluate(() => {
      const width = window.innerWidth;
      const out: string[] = [];
      for (const t of document.querySelectorAll<HTMLElement>('.app-content table')) {
        const r = t.getBoundingClientRect();
        if (r.width > width + 1 && t.getClientRects().length > 0) {
          const head = [...t.querySelectorAll('th')].map((th) => th.textContent?.trim()).filter(Boolean);
          out.push(`a table (${head.slice(0, 3).join('、') || '无表头'}…) is ${Math.round(r.width)} px wide`);
        }
      }
      if (document.documentElement.scrollWidth > width + 1)
        out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
      return out;
    });

  /** Every route the role may open, on a phone: nothing wider than the screen. */
  async function phoneTour(role: Role): Promise<string[]> {
    const found: string[] = [];
    const { page } = await openPage(browser, { width: 390, height: 844 });
    try {
      await signIn(page, server.url, users[role], TEST_PASSWORD);
      await page.getByRole('button', { name: '账号菜单' }).waitFor();
      await settle(page);
      for (const route of APP_ROUTES.filter((r) => routeAllows(r, [role]))) {
        const path = fill(route.path);
        await visit(page, path);
        for (const p of await tooWide(page)) found.push(`${role} ${path} (390 px): ${p}`);
      }
    } catch (err) {
      found.push(`${role} ${new URL(page.url()).pathname} (390 px): the tour stopped: ${String(err)}`);
    } finally {
      await page.context().close();
    }
    return found;
  }

  it('shows every route a role may open on a 390 px phone with no table wider than the screen', async () => {
    const found: string[] = [];
    for (let i = 0; i < ROLES.length; i += 3)
      found.push(...(await Promise.all(ROLES.slice(i, i + 3).map(phoneTour))).flat());
    expect(found.join('\n')).toBe('');
  }, 240_000);

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
    await quiet(anonymous.page, 250);
    anonymous.problems.push(...(await unlabelledControls(anonymous.page)));
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
      await quiet(page, 250);
      problems.push(...(await unlabelledControls(page)));
      // Any other page leads back here, asking the server nothing it refuses.
      await visit(page, fill(APP_ROUTES[0]!.path), false);
      await page.getByText('首次登录请修改密码').waitFor();
      await quiet(page, 250);
      problemsOf.push(...problems.map((p) => `${role} /change-password: ${p}`));
      await page.context().close();
    }
    expect(problemsOf.join('\n')).toBe('');
  });
});
