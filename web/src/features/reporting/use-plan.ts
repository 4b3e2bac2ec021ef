import type { PlanSummary } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

/** The plan the reporting and supervision pages work on: the newest plan in force. */
export function useCurrentPlan() {
  const plans = useApi(() => api<{ items: PlanSummary[] }>('GET', '/api/plans'), []);
  const plan = plans.data?.items.find((p) => p.status === 'in_force') ?? plans.data?.items[0];
  return { plan, loading: plans.loading, error: plans.error };
}
