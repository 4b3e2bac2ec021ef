import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Drawer, Table, Typography } from 'antd';
import type { IndicatorDetail, IndicatorRows } from '@innocity/shared/api/indicators';
import type { LedgerRow } from '@innocity/shared/api/ledgers';
import { formatDateZh, formatNumber, formatQuantity } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { namedPageItem } from '../../components/a11y.tsx';
import { fieldHeader, ledgerCell } from '../ledgers/ledger-format.ts';

const PAGE_SIZE = 20;

/** "计入 12 条记录", and the sum of the summed field in its own unit, as the indicator adds them up. */
function summary(rows: IndicatorRows): string {
  const counted = `截至 ${formatDateZh(rows.asOf)}，计入 ${formatNumber(rows.total)} 条记录`;
  const field = rows.ledger.fields.find((f) => f.key === rows.field);
  if (!field || rows.sum === null) return counted;
  return `${counted}，「${field.label}」合计 ${formatQuantity(rows.sum, field.unit ?? '')}`;
}

/**
 * The rows an indicator counts on its as-of date, each as it stood then, in a drawer over the
 * indicator: exactly the engine's rows (a flow's dates and late recordings included), a page at a time.
 */
export function CountedRows({
  planId,
  indicator: i,
  open,
  onClose,
  ledgerLink,
}: {
  planId: string;
  indicator: IndicatorDetail;
  open: boolean;
  onClose(): void;
  /** The ledger screen filtered by validity, for sorting, searching and exporting there. */
  ledgerLink: string | null;
}) {
  const [page, setPage] = useState(1);
  const url = `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(i.id)}/rows?asOf=${i.asOf}&page=${page}&pageSize=${PAGE_SIZE}`;
  const rows = useApi(() => (open ? api<IndicatorRows>('GET', url) : Promise.resolve(undefined)), [url, open]);
  const data = rows.data;
  const columns = [
    { title: '填报单位', key: 'unit', width: 120, render: (_: unknown, r: LedgerRow) => r.unit.name },
    ...(data?.ledger.fields ?? []).map((f) => ({
      title: fieldHeader(f),
      key: f.key,
      align: f.type === 'integer' || f.type === 'decimal' ? ('right' as const) : undefined,
      render: (_: unknown, r: LedgerRow) => ledgerCell(f, r.values[f.key]),
    })),
  ];
  return (
    <Drawer open={open} onClose={onClose} size="min(1000px, 100vw)" title={`${i.name}：计入的台账记录`}>
      <div data-testid="counted-rows">
        {rows.error && <Alert type="error" showIcon title={rows.error.message} />}
        {data && (
          <>
            <Typography.Paragraph data-testid="counted-rows-summary">
              {data.ledger.name}：{summary(data)}。
            </Typography.Paragraph>
            {ledgerLink && (
              <Typography.Paragraph type="secondary">
                <Link to={ledgerLink}>在台账中查看</Link>
                {i.definition?.kind === 'cumulative_flow'
                  ? '（全部记录，可检索和导出；显示的是现在的内容）'
                  : '（按有效日期筛选，可检索和导出；显示的是现在的内容）'}
              </Typography.Paragraph>
            )}
          </>
        )}
        <Table
          size="small"
          rowKey="id"
          loading={rows.loading}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${formatNumber(t)} 条`,
            itemRender: namedPageItem,
            onChange: setPage,
          }}
        />
      </div>
    </Drawer>
  );
}
