import type { PlanDetail, UnitNode } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

const flatten = (nodes: UnitNode[]): { value: string; label: string }[] =>
  nodes.flatMap((n) => [...(n.disabled ? [] : [{ value: n.id, label: n.name }]), ...flatten(n.children)]);

/** What the supervision forms choose from: the plan's areas and tasks, and the enabled units. */
export function usePlanRefs(planId: string | undefined) {
  const plan = useApi(
    () => (planId ? api<PlanDetail>('GET', `/api/plans/${planId}`) : Promise.resolve(undefined)),
    [planId],
  );
  const units = useApi(() => api<{ items: UnitNode[] }>('GET', '/api/units'), []);
  const tasks = (plan.data?.areas ?? []).flatMap((a) =>
    a.tasks.map((t) => ({ value: t.id, label: `${t.number}. ${t.title}`, areaId: a.id })),
  );
  const areas = (plan.data?.areas ?? []).map((a) => ({ value: a.id, label: `${a.number}. ${a.title}` }));
  return { plan: plan.data, tasks, areas, units: flatten(units.data?.items ?? []) };
}
