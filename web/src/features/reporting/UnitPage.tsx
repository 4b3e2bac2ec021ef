import { useParams } from 'react-router';
import { Card, Empty, List, Result, Table, Tag, Typography } from 'antd';
import type { UnitPage as UnitPageData, UnitTimeliness } from '@innocity/shared/api/reporting';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { localTime, StatusTag, TimelinessTag } from './labels.tsx';
import { useCurrentPlan } from './use-plan.ts';

/** A unit's page: its reporting in every round, and every urging it received (who, when, which duties). */
export default function UnitPage() {
  const { unitId = '' } = useParams();
  const { plan } = useCurrentPlan();
  const page = useApi(
    () =>
      plan ? api<UnitPageData>('GET', `/api/reporting/units/${unitId}?planId=${plan.id}`) : Promise.resolve(undefined),
    [plan?.id, unitId],
  );
  if (page.loading && !page.data) return <PageLoading />;
  if (page.error || !page.data) return <Result status="403" title="无法查看该单位" subTitle={page.error?.message} />;
  const d = page.data;
  return (
    <div className="page">
      <Typography.Title level={4}>{d.unit.name}</Typography.Title>
      <Card title="历次填报" size="small">
        <Table<UnitTimeliness>
          rowKey="roundId"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d.history}
          locale={{ emptyText: '还没有填报记录' }}
          columns={[
            { title: '轮次', dataIndex: 'roundTitle' },
            { title: '状态', render: (_: unknown, x) => <StatusTag status={x.status} /> },
            {
              title: '及时性',
              render: (_: unknown, x) => <TimelinessTag value={x.timeliness} lateMinutes={x.lateMinutes} />,
            },
            { title: '完整率', render: (_: unknown, x) => `${Math.round(x.completeness * 100)}%` },
            { title: '通过后更正', dataIndex: 'changesAfterAcceptance' },
          ]}
        />
      </Card>
      <Card title={`催办记录（${d.urgings.length}）`} size="small" data-testid="urgings">
        {d.urgings.length === 0 ? (
          <Empty description="没有催办记录" />
        ) : (
          <List
            dataSource={d.urgings}
            renderItem={(u) => (
              <List.Item>
                <List.Item.Meta
                  title={`${localTime(u.at)} ${u.byName} 催办《${u.roundTitle ?? ''}》`}
                  description={
                    <>
                      {u.message && (
                        <Typography.Paragraph style={{ marginBottom: 4 }}>{u.message}</Typography.Paragraph>
                      )}
                      {u.duties.map((x) => (
                        <Tag key={x.id}>{x.title}</Tag>
                      ))}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
