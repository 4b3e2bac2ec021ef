import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

/** The query parameter that carries the chosen plan on pages whose path has none (/rounds?plan=…). */
export const PLAN_PARAM = 'plan';
const STORAGE_KEY = 'innocity.plan';

/** The plan id the URL names: /plans/:planId/… or ?plan=…. */
export function planIdInUrl(pathname: string, search: string): string | null {
  return /^\/plans\/([^/]+)/.exec(pathname)?.[1] ?? new URLSearchParams(search).get(PLAN_PARAM);
}

export function rememberPlan(planId: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, planId);
  } catch {
    // Private windows may refuse storage: the choice then lasts as long as the URL carries it.
  }
}

function rememberedPlan(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The plan a page works on: the one the URL names, else the user's last choice, else the newest plan
 * in force (then any plan). Only plans the server lists for this user are ever chosen, so a stale
 * choice (another account, a withdrawn plan) falls back instead of failing.
 */
export function choosePlan(plans: PlanSummary[], fromUrl: string | null, remembered: string | null) {
  const live = plans.filter((p) => p.status !== 'withdrawn');
  return (
    plans.find((p) => p.id === fromUrl) ??
    live.find((p) => p.id === remembered) ??
    live.find((p) => p.status === 'in_force') ??
    live[0]
  );
}

/** The plans the user may see, and the chosen one; the choice is remembered for the next page. */
export function useCurrentPlan() {
  const location = useLocation();
  const plans = useApi(() => api<{ items: PlanSummary[] }>('GET', '/api/plans'), []);
  const plan = plans.data
    ? choosePlan(plans.data.items, planIdInUrl(location.pathname, location.search), rememberedPlan())
    : undefined;
  useEffect(() => {
    if (plan) rememberPlan(plan.id);
  }, [plan]);
  // ?plan=… naming a plan this user may not see (another county's, or none): the page says so
  // rather than quietly showing another plan under that address.
  const asked = new URLSearchParams(location.search).get(PLAN_PARAM);
  const refused = !!plans.data && !!asked && !plans.data.items.some((p) => p.id === asked);
  return { plan, plans: plans.data?.items ?? [], loading: plans.loading, error: plans.error, refused };
}

/**
 * Pages that belong to no plan (the deployment's accounts, regions, imports, the province, help):
 * their URLs are left as they are.
 */
const PLANLESS = ['/plan-imports', '/admin', '/account', '/audit', '/help', '/province', '/settings', '/login'];

export const isPlanless = (path: string) => PLANLESS.some((p) => path === p || path.startsWith(`${p}/`));

/**
 * The in-app address `to` with the plan it is about: ?plan=… added unless the path already names a
 * plan (/plans/:planId/…), the query already carries one, or the page belongs to no plan.
 */
export function withPlan(to: string, planId: string | undefined): string {
  if (!planId || !to.startsWith('/') || to.startsWith('/plans/')) return to;
  const [beforeHash, hash = ''] = to.split('#', 2) as [string, string?];
  const [path, query = ''] = beforeHash.split('?', 2) as [string, string?];
  if (isPlanless(path)) return to;
  const search = new URLSearchParams(query);
  if (search.has(PLAN_PARAM)) return to;
  search.set(PLAN_PARAM, planId);
  return `${path}?${search.toString()}${hash ? `#${hash}` : ''}`;
}

/**
 * Whether the browser's address has moved past the location this render saw: a redirect below in
 * the same commit (a <Navigate>, whose effect runs before its parents') has already replaced it.
 * Replacing from the stale location would undo that redirect, and <Navigate> does not fire again
 * while its target stays the same (/my-unit was left at /my-unit?plan=… in 1 of 20 loads). The
 * effect runs again once the router renders the new address.
 */
function addressMoved(location: { pathname: string; search: string }): boolean {
  // Through URL: the router keeps a navigated address as written, the browser percent-encodes it.
  const seen = new URL(`${location.pathname}${location.search}`, window.location.origin);
  return window.location.pathname !== seen.pathname || window.location.search !== seen.search;
}

/**
 * Every URL carries the plan: once the page's plan is known, an address without one (a link, a
 * bookmark, a typed path) is replaced by the same address with ?plan=…, so a copied URL or a new tab
 * opens the same plan. The home path is left to its own redirect to the cockpit.
 */
export function usePlanInUrl(planId: string | undefined): void {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!planId || location.pathname === '/' || addressMoved(location)) return;
    const to = withPlan(`${location.pathname}${location.search}`, planId);
    if (to !== `${location.pathname}${location.search}`)
      navigate(`${to}${location.hash}`, { replace: true, state: location.state });
  }, [planId, location, navigate]);
}

/**
 * A page that shows one thing of a plan (a round, a submission, a work item, a bulletin): that
 * thing decides the plan. A ?plan=… naming another plan is replaced by its own, and the header's
 * switcher, which reads the URL, follows.
 */
export function useEntityPlan(planId: string | undefined): void {
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!planId || addressMoved(location)) return;
    const search = new URLSearchParams(location.search);
    if (search.get(PLAN_PARAM) === planId) return;
    search.set(PLAN_PARAM, planId);
    rememberPlan(planId);
    navigate(`${location.pathname}?${search.toString()}${location.hash}`, { replace: true, state: location.state });
  }, [planId, location, navigate]);
}

/** The list page above one thing of a plan: switching plans there leads to that list of the new plan. */
export function listPathOf(pathname: string): string | null {
  const list = [
    [/^\/rounds\/[^/]+/, '/rounds'],
    [/^\/reporting\/submissions\/[^/]+/, '/reporting'],
    [/^\/supervision\/work-items\/[^/]+/, '/supervision'],
    [/^\/bulletins\/[^/]+/, '/bulletins'],
  ] as const;
  return list.find(([re]) => re.test(pathname))?.[1] ?? null;
}
