import './province.css';
import '../cockpit/cockpit.css';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Breadcrumb, Button, Card, Empty, Result, Select, Space, Table, Typography } from 'antd';
import { AsOfField } from '../../components/AsOfField.tsx';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { DownloadOutlined } from '@ant-design/icons';
import type { ComparisonColumnApi, CountyOverview, ProvinceOverview } from '@innocity/shared/api/province';
import type { Region } from '@innocity/shared/api/regions';
import { dateIn } from '@innocity/shared/indicators/calendar';
import { formatDateZh, formatFigure } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { LightDot } from '../indicators/LightDot.tsx';
import { asOfQuery, useAsOf } from '../cockpit/as-of.ts';
import { ZONE } from '../cockpit/cockpit-data.ts';
import { CountyChart } from './CountyChart.tsx';

/** The region picked in the URL (?regionId=), so a view survives reload and sharing; undefined: all the user reaches. */
function useRegionParam(): [string | undefined, (id: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const set = (id: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (id) next.set('regionId', id);
      else next.delete('regionId');
      return next;
    });
  return [params.get('regionId') ?? undefined, set];
}

const cockpitLink = (planId: string, asOf: string | undefined) => `/plans/${planId}/cockpit${asOfQuery(asOf)}`;

function overviewColumns(asOf: string | undefined) {
  return [
    { title: '设区市', dataIndex: 'cityName', key: 'city', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: '县（市、区）',
      key: 'county',
      width: 110,
      render: (_: unknown, c: CountyOverview) =>
        c.plan ? <Link to={cockpitLink(c.plan.id, asOf)}>{c.regionName}</Link> : c.regionName,
    },
    {
      title: '建设方案',
      key: 'plan',
      render: (_: unknown, c: CountyOverview) =>
        c.plan ? (
          <Space direction="vertical" size={0}>
            <Link to={cockpitLink(c.plan.id, asOf)}>{c.plan.title}</Link>
            <Typography.Text type="secondary">{c.plan.documentNumber}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">尚无实施中的方案</Typography.Text>
        ),
    },
    {
      title: '指标灯号',
      key: 'lights',
      render: (_: unknown, c: CountyOverview) =>
        c.plan ? (
          <span className="province-lights" aria-label="指标灯号">
            {(['green', 'yellow', 'red', 'grey'] as const).map((l) => (
              <span key={l} className="province-cell">
                <LightDot light={l} /> {c.lights[l]}
              </span>
            ))}
          </span>
        ) : null,
    },
    {
      title: '报送及时性（最近一轮）',
      key: 'timeliness',
      render: (_: unknown, c: CountyOverview) =>
        c.timeliness ? (
          <Space direction="vertical" size={0}>
            <span>{c.timeliness.roundTitle}</span>
            <Typography.Text type="secondary">
              按时 {c.timeliness.onTime} · 迟报 {c.timeliness.late} · 未报 {c.timeliness.missing}（共{' '}
              {c.timeliness.total} 家）
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">尚无已截止的填报轮次</Typography.Text>
        ),
    },
    {
      title: '最新情况通报',
      key: 'bulletin',
      render: (_: unknown, c: CountyOverview) =>
        c.latestBulletin ? (
          <Space direction="vertical" size={0}>
            <span>
              {c.latestBulletin.issueLabel} {c.latestBulletin.title}
            </span>
            <Typography.Text type="secondary">
              印发于 {formatDateZh(dateIn(c.latestBulletin.publishedAt, ZONE))}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">尚未印发</Typography.Text>
        ),
    },
  ];
}

/** The county × indicator table: each value with its light and the county's rank (1,1,3) among the counties. */
function comparisonColumns(columns: ComparisonColumnApi[]) {
  return [
    { title: '县（市、区）', dataIndex: 'regionName', key: 'county', fixed: 'left' as const, width: 120 },
    ...columns.map((col) => ({
      title: `${col.name}（${col.unit}）${col.direction === 'down' ? '↓' : ''}`,
      key: col.key,
      render: (_: unknown, c: CountyOverview) => {
        const cell = col.cells.find((x) => x.countyId === c.regionId);
        if (!cell) return <Typography.Text type="secondary">不可比</Typography.Text>;
        if (cell.value === null) return <Typography.Text type="secondary">无数据</Typography.Text>;
        return (
          <span className="province-cell">
            <LightDot light={cell.light} />
            {formatFigure(cell.value, col.unit)}
            <Typography.Text type="secondary">第 {cell.rank} 名</Typography.Text>
          </span>
        );
      },
    })),
  ];
}

/** 省级视图: every county below the region as of a date, side by side; each county opens its cockpit. */
export default function ProvincePage() {
  const [asOf, setAsOf] = useAsOf();
  const [regionId, setRegionId] = useRegionParam();
  const regions = useApi(() => api<{ items: Region[] }>('GET', '/api/regions'), []);
  const query = new URLSearchParams({ ...(regionId && { regionId }), ...(asOf && { asOf }) }).toString();
  const data = useApi(() => api<ProvinceOverview>('GET', `/api/province/overview${query ? `?${query}` : ''}`), [query]);
  const names = useMemo(() => new Map((data.data?.counties ?? []).map((c) => [c.regionId, c.regionName])), [data.data]);
  if ((data.loading && !data.data) || (regions.loading && !regions.data)) return <PageLoading />;
  if (data.error || !data.data)
    return (
      <Result
        status="error"
        title="无法加载省级视图"
        subTitle={data.error?.message}
        extra={<Button onClick={data.reload}>重试</Button>}
      />
    );
  const o = data.data;
  const areas = (regions.data?.items ?? []).filter((r) => r.level !== 'county');
  return (
    <div className="page province">
      <Breadcrumb items={[{ title: '省级视图' }, { title: o.region?.name ?? '全部地区' }]} />
      <Card size="small">
        <div className="cockpit-head">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              省级视图：{o.region?.name ?? '全部地区'}
            </Typography.Title>
            <Typography.Text type="secondary">
              {o.counties.length} 个县（市、区）· 评估日期 {formatDateZh(o.asOf)}
              {asOf ? '（历史视图）' : '（今天）'}
            </Typography.Text>
          </div>
          <Space wrap>
            <label htmlFor="province-region">地区</label>
            <Select
              id="province-region"
              style={{ minWidth: 160 }}
              allowClear
              placeholder="全部地区"
              value={regionId}
              onChange={(v: string | undefined) => setRegionId(v)}
              options={areas.map((r) => ({ value: r.id, label: r.name }))}
            />
            <AsOfField id="province-as-of" value={asOf} onChange={setAsOf} />
            <DownloadButton
              icon={<DownloadOutlined />}
              url={`/api/province/export${query ? `?${query}` : ''}`}
              fileName="省级视图.xlsx"
            >
              导出 Excel
            </DownloadButton>
          </Space>
        </div>
      </Card>
      {o.counties.length === 0 ? (
        <Card>
          <Empty description="该地区下还没有县（市、区）。" />
        </Card>
      ) : (
        <>
          <Card size="small" title="各县（市、区）概况">
            <Table
              rowKey="regionId"
              size="small"
              pagination={false}
              dataSource={o.counties}
              columns={overviewColumns(asOf)}
            />
          </Card>
          <Card size="small" title="可比指标对比（目录编码与计量单位均相同者才比较；排名并列者同名次）">
            {o.columns.length === 0 ? (
              <Empty description="还没有两个以上县（市、区）共有的可比指标。办公室可在方案页把指标对应到指标目录。" />
            ) : (
              <Table
                rowKey="regionId"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={o.counties.filter((c) => c.plan)}
                columns={comparisonColumns(o.columns)}
              />
            )}
          </Card>
          <div className="province-charts">
            {o.columns.map((col) => (
              <CountyChart key={`${col.key}-${o.asOf}`} column={col} names={names} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
