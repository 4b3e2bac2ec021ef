import { Button, Empty, Typography } from 'antd';
import { COMPARATOR_LABELS } from '@innocity/shared/plan-pack';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import { adoptUnreadNumber } from '@innocity/shared/importer/unread-numbers';

interface Props {
  proposal: PlanProposal;
  selected: number | null;
  onSelect(index: number): void;
  /** The proposal with the figure made a target, and the new indicator's index. */
  onAdopt(proposal: PlanProposal, indicatorIndex: number): void;
}

/**
 * 未识别的数字: figures with a unit of measure that did not become targets, each with its line and
 * sentence; one click makes it a target, comparator, value and unit as read.
 */
export function UnreadList({ proposal, selected, onSelect, onAdopt }: Props) {
  const list = proposal.unreadNumbers ?? [];
  if (list.length === 0) return <Empty description="没有未识别的数字：带计量单位的数字都已成为指标" />;
  return (
    <div className="import-list" data-testid="import-list-unread">
      {list.map((u, index) => (
        <div
          key={`${u.source.start}-${index}`}
          className={`import-item${selected === index ? ' import-item-selected' : ''}`}
          data-testid="import-unread"
          onClick={() => onSelect(index)}
        >
          <div className="import-item-body">
            <Typography.Text strong>
              {u.name}：{COMPARATOR_LABELS[u.comparator]} {u.value}
              {u.unit}
            </Typography.Text>
            <Typography.Text type="secondary" className="import-item-line">
              第 {u.source.line} 行{u.task !== null ? ` · 任务 ${u.task}` : ''}
            </Typography.Text>
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="import-unread-sentence">
              {u.sentence}
            </Typography.Paragraph>
          </div>
          <Button
            size="small"
            onClick={(e) => {
              e.stopPropagation();
              onAdopt(adoptUnreadNumber(proposal, index), proposal.indicators.length);
            }}
          >
            设为指标
          </Button>
        </div>
      ))}
    </div>
  );
}
