import { Table, Tooltip } from 'antd';
import type { IndicatorTarget, PlanDetail } from '@innocity/shared/api/plans';
import { formatDateZh, formatTarget } from '@innocity/shared/format';

/** Every quantitative target: name, target as the plan words it, date, where it belongs, who reports it. */
export function IndicatorTable({ plan }: { plan: PlanDetail }) {
  const goalTitle = (n: number | null) => plan.goals.find((g) => g.number === n)?.title;
  return (
    <Table<IndicatorTarget>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={plan.indicators}
      columns={[
        {
          title: '指标',
          dataIndex: 'name',
          render: (name: string, i) => <Tooltip title={`原文：${i.sourceText}`}>{name}</Tooltip>,
        },
        { title: '目标值', key: 'target', width: 140, render: (_, i) => formatTarget(i) },
        { title: '目标日期', dataIndex: 'targetDate', width: 130, render: (d: string) => formatDateZh(d) },
        {
          title: '所属',
          key: 'belongs',
          width: 200,
          render: (_, i) =>
            [
              i.goalNumber ? `目标${i.goalNumber}·${goalTitle(i.goalNumber) ?? ''}` : null,
              i.taskNumber ? `任务${i.taskNumber}` : null,
            ]
              .filter(Boolean)
              .join('；'),
        },
        { title: '报送单位', key: 'unit', width: 120, render: (_, i) => i.reportingUnit?.name ?? '—' },
      ]}
    />
  );
}
