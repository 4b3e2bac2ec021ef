import { Button, List, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { PlanDetail, Task } from '@innocity/shared/api/plans';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { NewWorkItemModal } from '../supervision/NewWorkItemModal.tsx';
import { usePlanRefs } from '../supervision/use-refs.ts';
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

/** A year inside the plan's span: this year while the plan runs, else its nearest end. */
const planYear = (plan: PlanDetail) => Math.min(Math.max(dayjs().year(), plan.baselineYear + 1), plan.targetYear);

/**
 * The board's new-work-item dialog, filled in with the task, its named units and a year of the
 * plan. Mounted only while open, so nobody else loads the unit list it chooses from.
 */
export function TaskWorkItemModal({
  plan,
  task,
  onClose,
  onCreated,
}: {
  plan: PlanDetail;
  task: Task;
  onClose: () => void;
  onCreated: () => void;
}) {
  const refs = usePlanRefs(plan.id);
  const year = planYear(plan);
  const units = (u: Task['coUnits']) => u.filter((x) => x.kind === 'unit').map((x) => x.id);
  return (
    <NewWorkItemModal
      open
      planId={plan.id}
      tasks={refs.tasks}
      units={refs.units}
      initialValues={{
        taskId: task.id,
        leadUnitId: task.leadUnit.kind === 'unit' ? task.leadUnit.id : undefined,
        coUnitIds: units(task.coUnits),
        year,
        dueDate: dayjs(`${year}-12-31`),
      }}
      onClose={onClose}
      onCreated={onCreated}
    />
  );
}
