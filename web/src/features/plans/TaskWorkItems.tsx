import { Button, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { WorkItemRow } from '../supervision/WorkItemList.tsx';

/** A task's work items under it, and for the office the way to add one. */
export function TaskWorkItems({ items, canEdit, onAdd }: { items: WorkItem[]; canEdit: boolean; onAdd: () => void }) {
  return (
    <div className="task-work-items">
      <div className="task-work-items-head">
        <Typography.Text type="secondary">工作事项（{items.length}）</Typography.Text>
        {canEdit && (
          <Button size="small" type="link" icon={<PlusOutlined />} onClick={onAdd}>
            新增工作事项
          </Button>
        )}
      </div>
      {items.length > 0 && <List size="small" dataSource={items} renderItem={(w) => <WorkItemRow item={w} />} />}
    </div>
  );
}
