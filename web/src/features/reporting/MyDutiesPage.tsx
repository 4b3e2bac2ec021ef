import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Empty, List, Progress, Result, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined } from '@ant-design/icons';
import { DUTY_KIND_LABELS, ROUND_PHASE_LABELS, type MyDuties } from '@innocity/shared/api/reporting';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { StatusTag } from './labels.tsx';
import { useCurrentPlan } from './use-plan.ts';

/** "My duties this round": for a unit's clerk, on a phone as well as a desk, what is done and what is missing. */
export default function MyDutiesPage() {
  const { plan, loading, error } = useCurrentPlan();
  const [params, setParams] = useSearchParams();
  const roundId = params.get('round') ?? '';
  const duties = useApi(
    () =>
      plan
        ? api<MyDuties>('GET', `/api/my-duties?planId=${plan.id}${roundId ? `&roundId=${roundId}` : ''}`)
        : Promise.resolve(undefined),
    [plan?.id, roundId],
  );
  if (loading || (duties.loading && !duties.data)) return <PageLoading />;
  if (error || duties.error)
    return <Result status="error" title="无法加载填报任务" subTitle={(error ?? duties.error)?.message} />;
  const d = duties.data;
  if (!d?.round)
    return (
      <Empty
        className="page-empty"
        description="目前没有填报轮次。科创委办公室开启填报后，本单位的任务会显示在这里。"
      />
    );

  return (
    <div className="page">
      <Space wrap align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          我的填报任务
        </Typography.Title>
        <Select
          aria-label="选择填报轮次"
          value={d.round.id}
          style={{ minWidth: 180 }}
          options={d.rounds.map((r) => ({
            value: r.id,
            label: `${r.title}${r.phase === 'open' ? '' : `（${ROUND_PHASE_LABELS[r.phase]}）`}`,
          }))}
          onChange={(v) => setParams({ round: v })}
        />
      </Space>
      <Alert type="info" showIcon title={`截止时间：${d.round.cutoffLabel}`} />
      {d.units.length === 0 && <Empty description="本轮没有您所在单位的填报任务。" />}
      {d.units.map((u) => (
        <Card
          key={u.unit.id}
          title={u.unit.name}
          extra={<StatusTag status={u.status} />}
          actions={[
            <Link key="open" to={`/reporting/submissions/${u.submissionId}`}>
              <Button type="primary">{u.status === 'draft' || u.status === 'returned' ? '去填报' : '查看报送'}</Button>
            </Link>,
          ]}
        >
          <Progress
            percent={u.expected ? Math.round((u.filled / u.expected) * 100) : 100}
            format={() => `已填 ${u.filled}/${u.expected}`}
          />
          <List
            size="small"
            dataSource={u.duties}
            renderItem={(duty) => (
              <List.Item data-testid="duty">
                <Space align="start">
                  {duty.filled ? (
                    <CheckCircleFilled style={{ color: '#389e0d' }} aria-label="已填" />
                  ) : (
                    <ExclamationCircleOutlined style={{ color: '#cf1322' }} aria-label="未填" />
                  )}
                  <span>
                    <Tag>{DUTY_KIND_LABELS[duty.kind]}</Tag>
                    {duty.title}
                    {duty.detail.periodLabel ? `（${duty.detail.periodLabel}）` : ''}
                    <Typography.Text type={duty.filled ? 'success' : 'danger'} style={{ marginLeft: 6 }}>
                      {duty.filled ? '已填' : '未填'}
                    </Typography.Text>
                  </span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}
