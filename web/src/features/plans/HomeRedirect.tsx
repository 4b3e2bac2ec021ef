import { Navigate } from 'react-router';
import { Empty, Result } from 'antd';
import type { PlanSummary } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';

/** The home page opens the newest plan in force. */
export default function HomeRedirect() {
  const plans = useApi(() => api<{ items: PlanSummary[] }>('GET', '/api/plans'), []);
  if (plans.loading) return <PageLoading />;
  if (plans.error) return <Result status="error" title="无法加载方案" subTitle={plans.error.message} />;
  const first = plans.data?.items.find((p) => p.status === 'in_force') ?? plans.data?.items[0];
  if (!first) return <Empty description="还没有方案。请管理员导入建设方案。" />;
  return <Navigate to={`/plans/${first.id}`} replace />;
}
