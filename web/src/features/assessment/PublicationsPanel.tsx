import { useState } from 'react';
import { Alert, Empty, Typography } from 'antd';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import type { Publication, PublicationSummary } from '@innocity/shared/api/assessment';
import type { UnitScore } from '@innocity/shared/assessment/score';
import { formatDateZh } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { localTime } from '../reporting/labels.tsx';
import { ScoreDrawer } from './ScoreDrawer.tsx';
import { FileExcelOutlined } from '@ant-design/icons';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { ScoreTable } from './ScoreTable.tsx';

/** Published (frozen) score sets: the list, and the chosen one's ranking with drill-down. */
export function PublicationsPanel({ planId }: { planId: string }) {
  const list = useApi(
    () => api<{ items: PublicationSummary[] }>('GET', `/api/plans/${planId}/assessment/publications`),
    [planId],
  );
  const [chosen, setChosen] = useState<string>();
  const id = chosen ?? list.data?.items[0]?.id;
  const detail = useApi(
    () => (id ? api<Publication>('GET', `/api/assessment/publications/${id}`) : Promise.resolve(undefined)),
    [id],
  );
  const [open, setOpen] = useState<UnitScore | null>(null);
  if (list.error) return <Alert type="error" showIcon title={list.error.message} />;
  if (list.data && list.data.items.length === 0) return <Empty description="尚未发布考核结果" />;
  return (
    <div className="page">
      <PhoneTable<PublicationSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: id ? [id] : [],
          onChange: (keys) => setChosen(String(keys[0])),
          // Ant Design names the radio "Select row 1", in English.
          getCheckboxProps: (r) => ({ 'aria-label': `选择${r.label}` }),
        }}
        onRow={(r) => ({ onClick: () => setChosen(r.id) })}
        columns={[
          { title: '名称', dataIndex: 'label' },
          { title: '数据日期', dataIndex: 'asOf', render: (d: string) => formatDateZh(d) },
          { title: '数据版本', dataIndex: 'dataVersionLabel' },
          { title: '发布时间', dataIndex: 'publishedAt', render: localTime },
          { title: '发布人', dataIndex: 'publishedByName' },
        ]}
      />
      {detail.data && (
        <>
          <div className="page-head">
            <Typography.Title level={5}>
              {detail.data.label} · {detail.data.results.schemeName}
              {detail.data.results.previousLabel && (
                <Typography.Text type="secondary">（较上期：{detail.data.results.previousLabel}）</Typography.Text>
              )}
            </Typography.Title>
            <DownloadButton
              icon={<FileExcelOutlined />}
              url={`/api/assessment/publications/${detail.data.id}/export`}
              fileName={`${detail.data.label}考核结果.xlsx`}
            >
              导出结果及计算过程
            </DownloadButton>
          </div>
          <ScoreTable scores={detail.data.results.scores} onOpen={setOpen} loading={detail.loading} />
        </>
      )}
      <ScoreDrawer score={open} onClose={() => setOpen(null)} />
    </div>
  );
}
