import { Navigate } from 'react-router';
import { Empty, Result } from 'antd';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';

/** Opens a page of the newest plan in force (or the first plan): `to` builds its path from the plan's id. */
export function PlanRedirect({ to }: { to: (planId: string) => string }) {
  const plans = useApi(() => api<{ items: PlanSummary[] }>('GET', '/api/plans'), []);
  if (plans.loading) return <PageLoading />;
  if (plans.error) return <Result status="error" title="无法加载方案" subTitle={plans.error.message} />;
  const first = plans.data?.items.find((p) => p.status === 'in_force') ?? plans.data?.items[0];
  if (!first) return <Empty description="还没有方案。请管理员导入建设方案。" />;
  return <Navigate to={to(first.id)} replace />;
}

/** The home page is the cockpit of the plan in force. */
export default function HomeRedirect() {
  return <PlanRedirect to={(id) => `/plans/${id}/cockpit`} />;
}
