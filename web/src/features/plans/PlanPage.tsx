import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Breadcrumb, Button, Card, Collapse, Descriptions, Tabs, Tag, Typography } from 'antd';
import { PageResult } from '../../components/PageResult.tsx';
import type { PlanDetail } from '@innocity/shared/api/plans';
import { planStateLabel } from '@innocity/shared/api/plans';
import { formatDateZh } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { PhaseTimeline } from './PhaseTimeline.tsx';
import { TaskList } from './TaskList.tsx';
import './plans.css';

// The office alone opens it, and rarely: loaded on first open.
const CarryOverDialog = lazy(() => import('./CarryOverDialog.tsx'));
// The tabs other than 重点任务 render when first opened; their code (the indicator table with its
// editors, the office's settings form) downloads then too, not before the page can show.
const IndicatorTable = lazy(() => import('./IndicatorTable.tsx').then((m) => ({ default: m.IndicatorTable })));
const PlanSettingsForm = lazy(() => import('./PlanSettingsForm.tsx').then((m) => ({ default: m.PlanSettingsForm })));
const later = (pane: ReactNode) => <Suspense fallback={<PageLoading />}>{pane}</Suspense>;

/** The plan as its document reads: header, phases on a timeline, goals and indicators, areas with tasks, measures. */
export default function PlanPage() {
  const { planId = '' } = useParams();
  const plan = useApi(() => api<PlanDetail>('GET', `/api/plans/${encodeURIComponent(planId)}`), [planId]);
  const { user } = useAuth();
  // The office (and the admin) edit targets and decompose tasks here; the server checks it again.
  const canEdit = user?.roles.some((r) => r === 'office' || r === 'admin') ?? false;
  const [carrying, setCarrying] = useState(false);
  if (plan.loading && !plan.data) return <PageLoading />;
  if (plan.error || !plan.data) return <PageResult status="404" title="方案不存在" subTitle={plan.error?.message} />;
  const p = plan.data;
  const taskCount = p.areas.reduce((n, a) => n + a.tasks.length, 0);

  return (
    <div className="page">
      <Breadcrumb items={[{ title: '建设方案' }, { title: p.title }]} />
      <Card className="plan-header">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {p.title}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
          <Descriptions.Item label="文号">{p.documentNumber}</Descriptions.Item>
          <Descriptions.Item label="印发日期">{formatDateZh(p.issuingDate)}</Descriptions.Item>
          <Descriptions.Item label="目标年份">{p.targetYear}年</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={p.status === 'in_force' && !p.expired ? 'green' : 'default'}>{planStateLabel(p)}</Tag>
          </Descriptions.Item>
        </Descriptions>
        <PhaseTimeline phases={p.phases} />
        {/* A county's next plan takes ledgers and groups from the last one while it is a draft or in force. */}
        {canEdit && (p.status === 'draft' || (p.status === 'in_force' && !p.expired)) && (
          <Button onClick={() => setCarrying(true)}>沿用上一轮方案</Button>
        )}
      </Card>
      {carrying && (
        <Suspense fallback={null}>
          <CarryOverDialog
            planId={p.id}
            onClose={(result) => {
              setCarrying(false);
              if (result) plan.reload();
            }}
          />
        </Suspense>
      )}
      <Tabs
        defaultActiveKey="tasks"
        items={[
          { key: 'tasks', label: `重点任务（${taskCount}）`, children: <TaskList plan={p} canEdit={canEdit} /> },
          {
            key: 'indicators',
            label: `目标指标（${p.indicators.length}）`,
            children: later(<IndicatorTable plan={p} canEdit={canEdit} onChanged={plan.reload} />),
          },
          {
            key: 'goals',
            label: `发展目标（${p.goals.length}）`,
            children: (
              <Collapse
                items={p.goals.map((g) => ({
                  key: g.id,
                  label: `${g.number}. ${g.title}`,
                  children: <Typography.Paragraph>{g.text}</Typography.Paragraph>,
                }))}
              />
            ),
          },
          {
            key: 'measures',
            label: `保障措施（${p.measures.length}）`,
            children: (
              <Collapse
                items={p.measures.map((m) => ({
                  key: m.id,
                  label: `（${'一二三四五六七八九十'[m.number - 1] ?? m.number}）${m.title}`,
                  children: <Typography.Paragraph>{m.text}</Typography.Paragraph>,
                }))}
              />
            ),
          },
          // The office's wording of the plan's documents; other roles never need it (the server refuses them too).
          ...(canEdit
            ? [{ key: 'settings', label: '发文设置', children: later(<PlanSettingsForm planId={p.id} />) }]
            : []),
        ]}
      />
    </div>
  );
}
