import { Link, useParams } from 'react-router';
import { Breadcrumb, Card, Descriptions, Result, Space, Typography } from 'antd';
import type { Round } from '@innocity/shared/api/reporting';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useEntityPlan } from '../plans/plan-choice.ts';
import { FileExcelOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { RoundUnits } from './RoundUnits.tsx';

/** One round: its cut-off and counts, and every unit's standing with urging. */
export default function RoundPage() {
  const { roundId = '' } = useParams();
  const round = useApi(() => api<Round>('GET', `/api/rounds/${roundId}`), [roundId]);
  useEntityPlan(round.data?.planId);
  if (round.loading && !round.data) return <PageLoading />;
  if (round.error || !round.data) return <Result status="404" title="填报轮次不存在" subTitle={round.error?.message} />;
  const r = round.data;
  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to="/rounds">填报轮次</Link> }, { title: r.title }]} />
      <Card>
        <div className="page-head">
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {r.title}填报情况
          </Typography.Title>
          <Space wrap>
            <DownloadButton
              icon={<FileExcelOutlined />}
              url={`/api/rounds/${roundId}/units/export`}
              fileName={`${r.title}各单位填报情况.xlsx`}
            >
              导出 Excel
            </DownloadButton>
            <PrintButton />
          </Space>
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label="截止时间">{r.cutoffLabel}</Descriptions.Item>
          <Descriptions.Item label="已报送">{`${r.submittedCount}/${r.unitCount} 个单位`}</Descriptions.Item>
          <Descriptions.Item label="已通过">{r.acceptedCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <RoundUnits roundId={roundId} onUrged={round.reload} />
    </div>
  );
}
