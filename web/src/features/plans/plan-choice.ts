import { useEffect } from 'react';
import { useLocation } from 'react-router';
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
  return { plan, plans: plans.data?.items ?? [], loading: plans.loading, error: plans.error };
}
