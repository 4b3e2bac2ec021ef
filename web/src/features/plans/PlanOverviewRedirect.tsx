import { PlanRedirect } from './HomeRedirect.tsx';

/** 建设方案 in the navigation: the plan in force, as its document reads. */
export default function PlanOverviewRedirect() {
  return <PlanRedirect to={(id) => `/plans/${id}`} />;
}
