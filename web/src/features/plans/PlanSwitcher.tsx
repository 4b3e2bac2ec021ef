import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { planStateLabel, type PlanSummary } from '@innocity/shared/api/plans';
import { PLAN_PARAM, rememberPlan, useCurrentPlan } from './plan-choice.ts';

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
 * page and swaps the plan in its URL (/plans/:planId/… or ?plan=…); the choice is remembered.
 */
export function PlanSwitcher({ compact }: { compact: boolean }) {
  const { plan, plans } = useCurrentPlan();
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
    const search = new URLSearchParams(location.search);
    search.set(PLAN_PARAM, id);
    navigate(`${location.pathname}?${search.toString()}`);
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
