import { Link } from 'react-router';
import { Card, List, Space, Typography } from 'antd';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { LightDot, StateTag } from '../reporting/labels.tsx';
import { formatDateZh } from '@innocity/shared/format';

/** One work item in a list: light, title linking to its page, lead unit, due date, state. */
export function WorkItemRow({ item: w }: { item: WorkItem }) {
  return (
    <List.Item data-testid="work-item">
      <Space wrap>
        <LightDot light={w.light} />
        <Link to={`/supervision/work-items/${w.id}`}>{w.title}</Link>
        <span>{w.leadUnit.name}</span>
        <span>时限 {formatDateZh(w.dueDate)}</span>
        <StateTag state={w.state} />
        {w.awaitingVerification && <Typography.Text type="warning">待核验</Typography.Text>}
      </Space>
    </List.Item>
  );
}

/** A record (meeting, inspection, instruction) with the work items it gave rise to. */
export function WorkItemList({
  title,
  note,
  extra,
  items,
  empty,
}: {
  title: string;
  note: string;
  extra: string;
  items: WorkItem[];
  empty: string;
}) {
  return (
    <Card
      size="small"
      title={title}
      extra={<Typography.Text type="secondary">{extra}</Typography.Text>}
      style={{ marginBottom: 12 }}
    >
      {note && (
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>{note}</Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: empty }}
        renderItem={(w) => <WorkItemRow item={w} />}
      />
    </Card>
  );
}
