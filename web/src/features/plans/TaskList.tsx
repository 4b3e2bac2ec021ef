import { lazy, Suspense, useState } from 'react';
import { Card, List, Space, Tag, Tooltip, Typography } from 'antd';
import type { PlanDetail, Task, UnitRef } from '@innocity/shared/api/plans';
import { dueLabel } from '@innocity/shared/due-date';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { TaskWorkItems } from './TaskWorkItems.tsx';

// The new-work-item dialog (a form with pickers and selects) downloads when the office first opens it.
const TaskWorkItemModal = lazy(() => import('./TaskWorkItemModal.tsx'));

const AREA_NUMERALS = '一二三四五六七八九十';

function UnitTag({ unit, lead }: { unit: UnitRef; lead?: boolean }) {
  const tag = (
    <Tag color={lead ? 'red' : unit.kind === 'group' ? 'blue' : 'default'} className="unit-tag">
      {unit.name}
    </Tag>
  );
  if (unit.kind !== 'group') return tag;
  const note = unit.mode === 'designated' ? '由办公室按任务指定，候选：' : '包括：';
  return <Tooltip title={note + unit.members.map((m) => m.name).join('、')}>{tag}</Tooltip>;
}

/** Work items of the plan by task; a unit's people get the items of their own units (the server decides). */
function useWorkItemsByTask(planId: string) {
  const items = useApi(
    () => api<{ items: WorkItem[] }>('GET', `/api/work-items?planId=${encodeURIComponent(planId)}`),
    [planId],
  );
  const byTask = new Map<string, WorkItem[]>();
  for (const w of items.data?.items ?? []) if (w.task) byTask.set(w.task.id, [...(byTask.get(w.task.id) ?? []), w]);
  return { byTask, reload: items.reload };
}

/** Areas with their numbered tasks: title, full text, lead unit first, then co-units, and the task's work items. */
export function TaskList({ plan, canEdit }: { plan: PlanDetail; canEdit: boolean }) {
  const { byTask, reload } = useWorkItemsByTask(plan.id);
  const [adding, setAdding] = useState<Task>();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {plan.areas.map((area) => (
        <Card key={area.id} size="small" title={`（${AREA_NUMERALS[area.number - 1] ?? area.number}）${area.title}`}>
          <List
            itemLayout="vertical"
            dataSource={area.tasks}
            renderItem={(task) => (
              <List.Item key={task.id} id={`task-${task.id}`} className="task-item" data-testid="task">
                <Typography.Text strong>
                  {task.number}. {task.title}
                </Typography.Text>
                <div className="task-units">
                  <span className="task-units-label">牵头单位</span>
                  <UnitTag unit={task.leadUnit} lead />
                  {task.coUnits.length > 0 && <span className="task-units-label">配合单位</span>}
                  {task.coUnits.map((u) => (
                    <UnitTag key={u.id} unit={u} />
                  ))}
                  {(task.dueDate || task.dueText) && (
                    <>
                      <span className="task-units-label">完成期限</span>
                      <Tag color={task.dueDate ? 'orange' : 'default'} data-testid="task-due">
                        {dueLabel(task.dueDate, task.dueText)}
                      </Tag>
                    </>
                  )}
                </div>
                <Typography.Paragraph
                  type="secondary"
                  ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
                  style={{ marginBottom: 0 }}
                >
                  {task.text}
                </Typography.Paragraph>
                <TaskWorkItems items={byTask.get(task.id) ?? []} canEdit={canEdit} onAdd={() => setAdding(task)} />
              </List.Item>
            )}
          />
        </Card>
      ))}
      {adding && (
        <Suspense fallback={null}>
          <TaskWorkItemModal
            plan={plan}
            task={adding}
            onClose={() => setAdding(undefined)}
            onCreated={() => {
              setAdding(undefined);
              reload();
            }}
          />
        </Suspense>
      )}
    </Space>
  );
}
