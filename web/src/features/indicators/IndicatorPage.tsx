import '../cockpit/cockpit.css';
import { Link, useParams } from 'react-router';
import { Breadcrumb, Card, Descriptions, Tag, Typography } from 'antd';
import { PageResult } from '../../components/PageResult.tsx';
import { LazyPhoneTable } from '../../components/LazyPhoneTable.tsx';
import type { IndicatorDetail } from '@innocity/shared/api/indicators';
import { DEFINITION_KIND_LABELS, METHOD_LABELS } from '@innocity/shared/indicators/definition';
import { formatDateZh, withChineseDates } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { asOfQuery, useAsOf } from '../cockpit/as-of.ts';
import { IndicatorChart } from './IndicatorChart.tsx';
import { IndicatorSources } from './IndicatorSources.tsx';
import { LightDot } from './LightDot.tsx';
import { dataPeriodLabel, formatValue, LIGHT_TAG, targetText } from './indicator-format.ts';

const MILESTONE_SOURCES = {
  baseline: '基期值',
  interpolated: '按路径推算',
  office: '办公室设定',
  target: '方案目标',
} as const;

/** One indicator: chart, status with its workings, milestones, and the data behind the number. */
export default function IndicatorPage() {
  const { planId = '', indicatorId = '' } = useParams();
  const [asOf] = useAsOf();
  const url = `/api/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(indicatorId)}${asOfQuery(asOf)}`;
  const detail = useApi(() => api<IndicatorDetail>('GET', url), [url]);
  if (detail.loading && !detail.data) return <PageLoading />;
  if (detail.error || !detail.data)
    return <PageResult status="404" title="指标不存在" subTitle={detail.error?.message} />;
  const i = detail.data;
  const w = i.workings;

  return (
    <div className="page">
      <Breadcrumb
        items={[
          { title: <Link to={`/plans/${planId}/cockpit${asOfQuery(asOf)}`}>驾驶舱</Link> },
          { title: '指标' },
          { title: i.name },
        ]}
      />
      <Card size="small" className="plan-header">
        <div className="indicator-head">
          <LightDot light={i.light} size={18} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            {i.name}
          </Typography.Title>
          <Tag color={LIGHT_TAG[i.light]}>{i.statusLabel}</Tag>
        </div>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label="当前值">
            {i.current ? `${formatValue(i.current.value, i)}（${dataPeriodLabel(i.current.period)}）` : '暂无数据'}
          </Descriptions.Item>
          <Descriptions.Item label="目标">
            {targetText(i)}（{formatDateZh(i.target.targetDate)}）
          </Descriptions.Item>
          <Descriptions.Item label="基期">
            {i.baseline ? `${formatValue(i.baseline.value, i)}（${i.baseline.year}年）` : '未设定'}
          </Descriptions.Item>
          <Descriptions.Item label="评估日期">{formatDateZh(i.asOf)}</Descriptions.Item>
          <Descriptions.Item label="报送单位">{i.reportingUnit?.name ?? '未指定'}</Descriptions.Item>
          <Descriptions.Item label="计算口径">
            {i.definition ? DEFINITION_KIND_LABELS[i.definition.kind] : '未定义'}
          </Descriptions.Item>
          <Descriptions.Item label="进度判断方法">{METHOD_LABELS[i.method.kind]}</Descriptions.Item>
          <Descriptions.Item label="所属">
            {i.goalNumber !== null
              ? `发展目标${i.goalNumber}`
              : i.taskNumber !== null
                ? `重点任务${i.taskNumber}`
                : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <div className="indicator-grid">
        <Card title="走势：实际值、分年度目标与目标线" size="small" className="cockpit-card">
          <IndicatorChart indicator={i} />
        </Card>
        <Card title="进度判断依据" size="small" className="cockpit-card" data-testid="workings">
          <Descriptions size="small" column={1} bordered>
            {w.inputs.map((input) => (
              <Descriptions.Item key={input.label} label={withChineseDates(input.label)}>
                {withChineseDates(input.value)}
              </Descriptions.Item>
            ))}
            {w.valueFormula && (
              <Descriptions.Item label="数值计算">{withChineseDates(w.valueFormula)}</Descriptions.Item>
            )}
            <Descriptions.Item label="判断公式">{withChineseDates(w.formula)}</Descriptions.Item>
            <Descriptions.Item label="结论">
              <Tag color={LIGHT_TAG[i.light]}>{w.result}</Tag>
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </div>
      <Card title="分年度目标" size="small" className="cockpit-card">
        <LazyPhoneTable
          size="small"
          rowKey="year"
          pagination={false}
          scroll={{ x: 480 }}
          dataSource={i.milestones}
          locale={{
            emptyText: i.baseline
              ? '暂无分年度目标。'
              : '缺少基期值，无法推算分年度目标。办公室可在方案页的目标指标中设定基期值和分年度目标。',
          }}
          columns={[
            { title: '年度', dataIndex: 'year', render: (y: number) => `${y}年` },
            { title: '目标值', dataIndex: 'value', align: 'right', render: (v: number) => formatValue(v, i) },
            {
              title: '实际值',
              key: 'actual',
              align: 'right',
              render: (_: unknown, m) =>
                formatValue([...i.series].reverse().find((p) => p.period.startsWith(String(m.year)))?.value, i),
            },
            { title: '来源', dataIndex: 'source', render: (s: keyof typeof MILESTONE_SOURCES) => MILESTONE_SOURCES[s] },
          ]}
        />
      </Card>
      <IndicatorSources planId={planId} indicator={i} />
    </div>
  );
}
