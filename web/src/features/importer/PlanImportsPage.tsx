import { Link } from 'react-router';
import { Card, Tag, Typography, type TableColumnsType } from 'antd';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import type { PlanImportSummary } from '@innocity/shared/api/plan-imports';
import { PLAN_IMPORT_STATUS_LABELS } from '@innocity/shared/api/plan-imports';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { UploadCard } from './UploadCard.tsx';
import './importer.css';
import { namedPageItem } from '../../components/a11y.tsx';
import { formatDateTimeZh } from '@innocity/shared/format';

/** A stored UTC time as Beijing reads it: 2026年11月29日 15:04. */
const beijingTime = (iso: string) => formatDateTimeZh(iso, 'Asia/Shanghai');

const COLUMNS: TableColumnsType<PlanImportSummary> = [
  { title: '方案', render: (_, d) => <Link to={`/plan-imports/${d.id}`}>{d.title ?? d.fileName}</Link> },
  { title: '文件', dataIndex: 'fileName', width: 200, ellipsis: true },
  {
    title: '识别结果',
    width: 180,
    render: (_, d) =>
      `${d.taskCount} 项任务、${d.indicatorCount} 个指标${d.warningCount ? `、${d.warningCount} 处警告` : ''}`,
  },
  { title: '上传人', dataIndex: 'createdBy', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '上传时间', dataIndex: 'createdAt', width: 140, render: (v: string) => beijingTime(v) },
  {
    title: '状态',
    width: 150,
    render: (_, d) =>
      d.status === 'confirmed' && d.planId ? (
        <Link to={`/plans/${d.planId}`}>
          <Tag color="green">{PLAN_IMPORT_STATUS_LABELS[d.status]}</Tag>查看方案
        </Link>
      ) : (
        <Tag color="orange">{PLAN_IMPORT_STATUS_LABELS[d.status]}</Tag>
      ),
  },
];

/** /plan-imports: upload a plan document (or paste its text), and the drafts under review or confirmed. */
export default function PlanImportsPage() {
  const drafts = useApi(() => api<{ items: PlanImportSummary[] }>('GET', '/api/plan-imports'), []);
  return (
    <div className="page plan-imports">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        方案导入
      </Typography.Title>
      <UploadCard />
      <Card size="small" title="导入记录">
        <PhoneTable
          rowKey="id"
          size="small"
          loading={drafts.loading}
          dataSource={drafts.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, itemRender: namedPageItem }}
          scroll={{ x: 760 }}
          locale={{ emptyText: drafts.error ? drafts.error.message : '还没有导入记录' }}
          columns={COLUMNS}
        />
      </Card>
    </div>
  );
}
