import './cockpit.css';
import { useParams } from 'react-router';
import { Breadcrumb, Button, Card, Empty, Space, Typography } from 'antd';
import { PageResult } from '../../components/PageResult.tsx';
import type { IndicatorList } from '@innocity/shared/api/indicators';
import type { PlanDetail } from '@innocity/shared/api/plans';
import { formatDateZh } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { PhaseTimeline } from '../plans/PhaseTimeline.tsx';
import { GoalLights, groupIndicators } from './GoalLights.tsx';
import { IndicatorCards } from './IndicatorCards.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { BulletinCard } from './BulletinCard.tsx';
import { latestBulletin, useBoardData } from './cockpit-data.ts';
import { UnitRanking } from './UnitRanking.tsx';
import { useWorkData, WorkPanels } from './WorkPanels.tsx';
import { asOfQuery, useAsOf } from './as-of.ts';
import { FileExcelOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { AsOfField } from '../../components/AsOfField.tsx';

/** 驾驶舱: where the plan stands on the as-of date, at a glance; every number opens its source. */
export default function CockpitPage() {
  const { planId = '' } = useParams();
  const [asOf, setAsOf] = useAsOf();
  const id = encodeURIComponent(planId);
  const plan = useApi(() => api<PlanDetail>('GET', `/api/plans/${id}`), [id]);
  const indicators = useApi(
    () => api<IndicatorList>('GET', `/api/plans/${id}/indicators${asOfQuery(asOf)}`),
    [id, asOf],
  );
  const workData = useWorkData(planId, asOf);
  const { user } = useAuth();
  // The effective as-of date (today unless one is picked) comes with the indicators.
  const board = useBoardData(planId, indicators.data?.asOf, user?.roles ?? []);
  // Everything loads before the page shows, so nothing is still in flight when a leader moves on.
  if ((plan.loading && !plan.data) || (indicators.loading && !indicators.data) || workData.loading || board.loading)
    return <PageLoading />;
  if (plan.error || !plan.data) return <PageResult status="404" title="方案不存在" subTitle={plan.error?.message} />;
  if (indicators.error || !indicators.data)
    return (
      <PageResult
        status="error"
        title="无法加载指标"
        subTitle={indicators.error?.message}
        extra={<Button onClick={indicators.reload}>重试</Button>}
      />
    );
  const p = plan.data;
  const list = indicators.data;
  const groups = groupIndicators(list.items, p.goals);
  const today = new Date(`${list.asOf}T12:00:00`);

  return (
    <div className="page cockpit">
      <Breadcrumb items={[{ title: '驾驶舱' }, { title: p.title }]} />
      <Card className="plan-header" size="small">
        <div className="cockpit-head">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {p.title}
            </Typography.Title>
            <Typography.Text type="secondary">
              {p.documentNumber} · 评估日期 {formatDateZh(list.asOf)}
              {asOf ? '（历史视图）' : '（今天）'}
            </Typography.Text>
          </div>
          <Space wrap className="no-print">
            <AsOfField id="cockpit-as-of" value={asOf} onChange={setAsOf} />
            <DownloadButton
              icon={<FileExcelOutlined />}
              url={`/api/plans/${id}/indicators/export${asOfQuery(asOf)}`}
              fileName="指标监测.xlsx"
            >
              导出指标
            </DownloadButton>
            <PrintButton />
          </Space>
        </div>
        <PhaseTimeline phases={p.phases} today={today} label={asOf ? '评估日' : '今天'} />
      </Card>
      {list.items.length === 0 ? (
        <Card>
          <Empty description="这个方案还没有指标。办公室可在方案导入或方案页中设定目标指标。" />
        </Card>
      ) : (
        <>
          <GoalLights
            groups={groups}
            onPick={(key) => document.getElementById(`group-${key}`)?.scrollIntoView({ behavior: 'smooth' })}
          />
          <div className="cockpit-panels">
            <BulletinCard bulletin={latestBulletin(board.bulletins.data?.items ?? [], list.asOf)} historical={!!asOf} />
            <UnitRanking timeliness={workData.timeliness} scores={board.scores.data ?? null} />
            <WorkPanels work={workData.work} />
          </div>
          <IndicatorCards groups={groups} planId={planId} asOfQuery={asOfQuery(asOf)} />
        </>
      )}
    </div>
  );
}
