import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { planStateLabel, type PlanSummary } from '@innocity/shared/api/plans';
import { listPathOf, PLAN_PARAM, rememberPlan, type useCurrentPlan } from './plan-choice.ts';

/** The plans of each region under the region's name, in the order the server lists them (newest first). */
function grouped(plans: PlanSummary[]) {
  const regions = [...new Set(plans.map((p) => p.region))];
  return regions.map((region) => ({
    label: region,
    title: region,
    options: plans
      .filter((p) => p.region === region)
      .map((p) => ({ value: p.id, label: `${p.title}（${planStateLabel(p)}）` })),
  }));
}

/**
 * The header's plan switcher: every plan the user may see, grouped by region. Choosing one keeps the
 * page and swaps the plan in its URL (/plans/:planId/… or ?plan=…); the choice is remembered. On a
 * page of one round, submission, work item or bulletin (which belongs to its plan) it opens that
 * list of the chosen plan instead.
 */
export function PlanSwitcher({ compact, current }: { compact: boolean; current: ReturnType<typeof useCurrentPlan> }) {
  const { plan, plans } = current;
  const location = useLocation();
  const navigate = useNavigate();
  if (plans.length === 0) return null;
  const choose = (id: string) => {
    rememberPlan(id);
    const inPath = /^\/plans\/[^/]+/.exec(location.pathname);
    if (inPath) {
      navigate(location.pathname.replace(/^\/plans\/[^/]+/, `/plans/${id}`));
      return;
    }
    const list = listPathOf(location.pathname);
    const search = new URLSearchParams(list ? '' : location.search);
    search.set(PLAN_PARAM, id);
    navigate(`${list ?? location.pathname}?${search.toString()}`);
  };
  return (
    <Select
      aria-label="切换方案"
      className="plan-switcher"
      value={plan?.id}
      onChange={choose}
      options={grouped(plans)}
      popupMatchSelectWidth={false}
      style={{ width: compact ? 150 : 320 }}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
