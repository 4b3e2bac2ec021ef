import { lazy, Suspense, useState } from 'react';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import { LazyPhoneTable } from '../../components/LazyPhoneTable.tsx';
import type { ElementValue, IndicatorDetail } from '@innocity/shared/api/indicators';
import { VALUE_QUALITY_LABELS } from '@innocity/shared/indicators/data-element';
import { formatDateZh, formatNumber } from '@innocity/shared/format';
import { periodLabel } from '@innocity/shared/indicators/period';
import { namedPageItem } from '../../components/a11y.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';

/** The ledger screen filtered to the rows an indicator counts: valid on the as-of date, with the definition's filter. */
export function ledgerLinkFor(planId: string, i: IndicatorDetail): string | null {
  const ledger = i.sources.ledger;
  if (!ledger) return null;
  const def = i.definition;
  // A flow counts rows dated within its years, which no validity date selects: the ledger opens unfiltered by date.
  const params = new URLSearchParams(def?.kind === 'cumulative_flow' ? {} : { validOn: ledger.asOf });
  if (def && 'filter' in def && def.filter) params.set('filter', JSON.stringify(def.filter));
  return `/plans/${planId}/ledgers/${ledger.code}?${params.toString()}`;
}

// The drawer of counted rows (a paged Table) downloads when it is first opened.
const CountedRows = lazy(() => import('./CountedRows.tsx').then((m) => ({ default: m.CountedRows })));

const columns = [
  // 2025年第三季度, not the stored 2025Q3.
  { title: '期别', dataIndex: 'period', width: 120, render: (p: string) => periodLabel(p) },
  {
    title: '版本',
    dataIndex: 'version',
    width: 70,
    render: (v: number, r: ElementValue) => (
      <>
        第{v}版
        {r.current ? (
          <Tag color="green" style={{ marginLeft: 6 }}>
            现行
          </Tag>
        ) : (
          <Tag>已更正</Tag>
        )}
      </>
    ),
  },
  { title: '数值', dataIndex: 'value', width: 120, align: 'right' as const, render: (v: number) => formatNumber(v, 4) },
  { title: '填报单位', dataIndex: ['unit', 'name'], width: 140 },
  {
    title: '填报人',
    dataIndex: 'reportedBy',
    width: 100,
    render: (r: ElementValue['reportedBy']) => r?.name ?? '系统导入',
  },
  { title: '数据来源', dataIndex: 'source', width: 200 },
  { title: '口径', dataIndex: 'quality', width: 80, render: (q: ElementValue['quality']) => VALUE_QUALITY_LABELS[q] },
  { title: '记录时间', dataIndex: 'recordedAt', width: 130, render: (t: string) => formatDateZh(t) },
  { title: '备注', dataIndex: 'note', width: 160, render: (n: string | null) => n ?? '' },
];

/** Where the number comes from: the data element versions with who reported them, or the ledger rows counted. */
export function IndicatorSources({ planId, indicator: i }: { planId: string; indicator: IndicatorDetail }) {
  const { ledger, elements } = i.sources;
  const link = ledgerLinkFor(planId, i);
  const [showRows, setShowRows] = useState(false);
  const [rowsOpened, setRowsOpened] = useState(false);
  return (
    <Card title="数据来源与填报历史" size="small" className="cockpit-card">
      {ledger && link && (
        <div className="source-ledger">
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            本指标由台账计算：截至 {formatDateZh(ledger.asOf)}，计入 <strong>{formatNumber(ledger.total)}</strong>{' '}
            条台账记录。
          </Typography.Paragraph>
          <Button type="primary" onClick={() => (setShowRows(true), setRowsOpened(true))}>
            查看计入的 {formatNumber(ledger.total)} 条台账记录
          </Button>
          {rowsOpened && (
            <Suspense fallback={<PageLoading />}>
              <CountedRows
                planId={planId}
                indicator={i}
                open={showRows}
                onClose={() => setShowRows(false)}
                ledgerLink={link}
              />
            </Suspense>
          )}
        </div>
      )}
      {elements.map(({ element, versions }) => (
        <div key={element.id} className="source-element">
          <Typography.Title level={5}>
            {element.name}（{element.unit}）
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
              报送单位：{element.reportingUnit?.name ?? '未指定'}
            </Typography.Text>
          </Typography.Title>
          <LazyPhoneTable
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={[...versions].sort((a, b) => b.period.localeCompare(a.period) || b.version - a.version)}
            pagination={versions.length > 10 ? { pageSize: 10, itemRender: namedPageItem } : false}
            scroll={{ x: 1090 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={`还没有填报${element.name}。由${element.reportingUnit?.name ?? '报送单位'}在“我的填报”中报送。`}
                />
              ),
            }}
          />
        </div>
      ))}
      {!ledger && elements.length === 0 && <Empty description="这个指标还没有定义计算口径，由办公室在方案中设定。" />}
    </Card>
  );
}
