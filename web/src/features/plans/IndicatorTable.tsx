import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Table, Tag, Tooltip } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { IndicatorList, IndicatorStatus } from '@innocity/shared/api/indicators';
import type { IndicatorCatalogue } from '@innocity/shared/api/indicator-catalogue';
import type { IndicatorTarget, PlanDetail } from '@innocity/shared/api/plans';
import { formatDateZh, formatTarget } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { formatValue } from '../indicators/indicator-format.ts';
import { IndicatorEditor } from './IndicatorEditor.tsx';
import { CatalogueCell } from './CatalogueCell.tsx';

/** This year's milestone, or the path's last one once the target year has passed. */
function milestoneNow(s: IndicatorStatus | undefined, year: number) {
  const path = s?.milestones ?? [];
  return path.find((m) => m.year === year) ?? (path.length > 0 && year > path.at(-1)!.year ? path.at(-1) : undefined);
}

const MILESTONE_TAGS = { baseline: '基期', interpolated: '插值', office: '办公室设定', target: '方案目标' } as const;

/**
 * Every quantitative target: name (to its page), target as the plan words it, date, baseline, this
 * year's milestone, where it belongs, who reports it; the office edits each in a drawer.
 */
export function IndicatorTable({
  plan,
  canEdit,
  onChanged,
}: {
  plan: PlanDetail;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const statuses = useApi(() => api<IndicatorList>('GET', `/api/plans/${plan.id}/indicators`), [plan.id]);
  const catalogue = useApi(
    () => api<IndicatorCatalogue>('GET', `/api/plans/${plan.id}/indicator-catalogue`),
    [plan.id],
  );
  const mappings = new Map((catalogue.data?.indicators ?? []).map((m) => [m.indicatorId, m]));
  const [editing, setEditing] = useState<string>();
  const byId = new Map((statuses.data?.items ?? []).map((s) => [s.id, s]));
  const year = Number((statuses.data?.asOf ?? new Date().toISOString()).slice(0, 4));
  const goalTitle = (n: number | null) => plan.goals.find((g) => g.number === n)?.title;
  const saved = () => {
    statuses.reload();
    onChanged();
  };

  return (
    <>
      <Table<IndicatorTarget>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 1300 }}
        loading={statuses.loading}
        dataSource={plan.indicators}
        columns={[
          {
            title: '指标',
            dataIndex: 'name',
            render: (name: string, i) => (
              <Tooltip title={`原文：${i.sourceText}`}>
                <Link to={`/plans/${plan.id}/indicators/${i.id}`}>{name}</Link>
              </Tooltip>
            ),
          },
          { title: '目标值', key: 'target', width: 130, render: (_, i) => formatTarget(i) },
          { title: '目标日期', dataIndex: 'targetDate', width: 130, render: (d: string) => formatDateZh(d) },
          {
            title: '基期值',
            key: 'baseline',
            width: 130,
            render: (_, i) => {
              const status = byId.get(i.id);
              const b = status?.baseline;
              return status && b ? `${formatValue(b.value, status)}（${b.year}年）` : '未设定';
            },
          },
          {
            title: `${year}年分年度目标`,
            key: 'milestone',
            width: 170,
            render: (_, i) => {
              const status = byId.get(i.id);
              const m = milestoneNow(status, year);
              if (!status || !m) return '—';
              return (
                <span>
                  {formatValue(m.value, status)}
                  {m.year !== year && `（${m.year}年）`}{' '}
                  <Tag color={m.source === 'office' ? 'blue' : 'default'}>{MILESTONE_TAGS[m.source]}</Tag>
                </span>
              );
            },
          },
          {
            title: '所属',
            key: 'belongs',
            width: 180,
            render: (_, i) =>
              [
                i.goalNumber ? `目标${i.goalNumber}·${goalTitle(i.goalNumber) ?? ''}` : null,
                i.taskNumber ? `任务${i.taskNumber}` : null,
              ]
                .filter(Boolean)
                .join('；'),
          },
          { title: '报送单位', key: 'unit', width: 110, render: (_, i) => i.reportingUnit?.name ?? '—' },
          {
            title: '目录指标',
            key: 'catalogue',
            width: 220,
            render: (_, i) => (
              <CatalogueCell
                planId={plan.id}
                mapping={mappings.get(i.id)}
                catalogue={catalogue.data?.catalogue ?? []}
                canEdit={canEdit}
                onSaved={catalogue.reload}
              />
            ),
          },
          ...(canEdit
            ? [
                {
                  title: '操作',
                  key: 'edit',
                  width: 80,
                  fixed: 'right' as const,
                  render: (_: unknown, i: IndicatorTarget) => (
                    <Button
                      size="small"
                      type="link"
                      icon={<EditOutlined />}
                      disabled={!byId.has(i.id)}
                      onClick={() => setEditing(i.id)}
                      aria-label={`编辑 ${i.name}`}
                    >
                      编辑
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <IndicatorEditor
        planId={plan.id}
        planBaselineYear={plan.baselineYear}
        indicator={editing ? byId.get(editing) : undefined}
        onClose={() => setEditing(undefined)}
        onSaved={saved}
      />
    </>
  );
}
