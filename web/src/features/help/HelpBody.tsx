import { Link, useLocation } from 'react-router';
import { Alert, Typography } from 'antd';
import type { MyDuties } from '@innocity/shared/api/reporting';
import { ROUND_PHASE_LABELS } from '@innocity/shared/api/reporting';
import { SCREEN_GUIDES } from '@innocity/shared/help/guides';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { routeOf } from '../../routes.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCurrentPlan } from '../plans/plan-choice.ts';
import { GuideSections } from './GuideSections.tsx';

/** A unit's people see the cut-off of every round still taking reports, beside the guide. */
function RoundCutoffs({ planId }: { planId: string }) {
  const duties = useApi(() => api<MyDuties>('GET', `/api/my-duties?planId=${planId}`), [planId]);
  const open = (duties.data?.rounds ?? []).filter((r) => r.phase !== 'closed');
  if (open.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      title="本期截止"
      description={open.map((r) => (
        <div key={r.id}>
          {r.title}：{r.cutoffLabel}（{ROUND_PHASE_LABELS[r.phase]}）
        </div>
      ))}
    />
  );
}

/** What the current screen is for, what to fill in, what happens next; mounted only while the drawer is open (HelpDrawer.tsx). */
export default function HelpBody({ onClose }: { onClose: () => void }) {
  const { user } = useAuth();
  const location = useLocation();
  const plan = useCurrentPlan();
  const guide = SCREEN_GUIDES[routeOf(location.pathname)?.path ?? ''];
  const unitPerson = user?.roles.some((r) => r === 'reporter' || r === 'approver');
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {guide?.title ?? '本页'}
      </Typography.Title>
      {unitPerson && plan.plan && <RoundCutoffs planId={plan.plan.id} />}
      {guide ? (
        <GuideSections sections={guide.sections} />
      ) : (
        <Typography.Paragraph>本页暂无专门说明。</Typography.Paragraph>
      )}
      <Typography.Paragraph>
        <Link to="/help" onClick={onClose}>
          查看并打印本角色的操作指南
        </Link>
      </Typography.Paragraph>
    </>
  );
}
