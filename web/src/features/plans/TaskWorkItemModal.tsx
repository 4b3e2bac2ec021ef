import dayjs from 'dayjs';
import type { PlanDetail, Task } from '@innocity/shared/api/plans';
import { NewWorkItemModal } from '../supervision/NewWorkItemModal.tsx';
import { usePlanRefs } from '../supervision/use-refs.ts';

/** A year inside the plan's span: this year while the plan runs, else its nearest end. */
const planYear = (plan: PlanDetail) => Math.min(Math.max(dayjs().year(), plan.baselineYear + 1), plan.targetYear);

/**
 * The board's new-work-item dialog, filled in with the task, its named units and a year of the
 * plan. Mounted only while open, so nobody else loads the unit list it chooses from, and loaded
 * (with the form, pickers and selects behind it) when first opened (TaskList.tsx).
 */
export default function TaskWorkItemModal({
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
