import { Link, useParams } from 'react-router';
import { Button, Result } from 'antd';
import type { PlanImportDraft } from '@innocity/shared/api/plan-imports';
import type { PlanSummary, UnitNode } from '@innocity/shared/api/plans';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { ReviewScreen } from './ReviewScreen.tsx';

/** /plan-imports/:draftId: resumes the review of one uploaded document. */
export default function PlanImportReviewPage() {
  const { draftId = '' } = useParams();
  const draft = useApi(
    () => api<PlanImportDraft>('GET', `/api/plan-imports/${encodeURIComponent(draftId)}`),
    [draftId],
  );
  const units = useApi(() => api<{ items: UnitNode[] }>('GET', '/api/units'), []);
  const plans = useApi(() => api<{ items: PlanSummary[] }>('GET', '/api/plans'), []);
  const failed = draft.error ?? units.error ?? plans.error;
  if (failed)
    return (
      <Result
        status={failed.status === 404 ? '404' : 'error'}
        title="无法打开导入草稿"
        subTitle={failed.message}
        extra={<Link to="/plan-imports">返回方案导入</Link>}
      />
    );
  if (!draft.data || !units.data || !plans.data) return <PageLoading />;
  if (draft.data.status === 'confirmed') {
    return (
      <Result
        status="success"
        title="该方案已确认生效"
        subTitle={`${draft.data.title ?? draft.data.fileName}：导入草稿已确认，不能再修改。`}
        extra={
          draft.data.planId && (
            <Link to={`/plans/${draft.data.planId}`}>
              <Button type="primary">查看方案</Button>
            </Link>
          )
        }
      />
    );
  }
  // Keyed by draft so that opening another draft starts a fresh review.
  return <ReviewScreen key={draft.data.id} draft={draft.data} tree={units.data.items} plans={plans.data.items} />;
}
