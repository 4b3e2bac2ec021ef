import { Navigate } from 'react-router';
import { Empty, Result } from 'antd';
import { useCurrentPlan } from './plan-choice.ts';
import { PageLoading } from '../../components/PageLoading.tsx';

/** Opens a page of the chosen plan (header switcher; else the newest in force): `to` builds its path from the plan's id. */
export function PlanRedirect({ to }: { to: (planId: string) => string }) {
  const { plan, loading, error } = useCurrentPlan();
  if (loading && !plan) return <PageLoading />;
  if (error) return <Result status="error" title="无法加载方案" subTitle={error.message} />;
  if (!plan) return <Empty description="还没有方案。请管理员导入建设方案。" />;
  return <Navigate to={to(plan.id)} replace />;
}

/** The home page is the cockpit of the plan in force. */
export default function HomeRedirect() {
  return <PlanRedirect to={(id) => `/plans/${id}/cockpit`} />;
}
