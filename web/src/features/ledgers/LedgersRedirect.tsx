import { PlanRedirect } from '../plans/HomeRedirect.tsx';

/** 台账 in the navigation: the ledgers of the plan in force. */
export default function LedgersRedirect() {
  return <PlanRedirect to={(id) => `/plans/${id}/ledgers`} />;
}
