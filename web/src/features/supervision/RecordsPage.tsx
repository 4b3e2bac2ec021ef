import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Empty, Result, Space, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Inspection, Instruction, Meeting } from '@innocity/shared/api/supervision';
import { INSPECTION_KIND_LABELS, MEETING_KIND_LABELS } from '@innocity/shared/api/supervision';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCurrentPlan } from '../reporting/use-plan.ts';
import { RecordForm, type RecordKind } from './RecordForm.tsx';
import { WorkItemList } from './WorkItemList.tsx';
import { usePlanRefs } from './use-refs.ts';
import { formatDateTimeZh } from '@innocity/shared/format';

/** Meetings, inspections and leaders' instructions, each with the work items it gave rise to. */
export default function RecordsPage() {
  const { plan, error } = useCurrentPlan();
  const refs = usePlanRefs(plan?.id);
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as RecordKind | null) ?? 'meetings';
  const [creating, setCreating] = useState<RecordKind | null>(null);
  const q = plan ? `?planId=${plan.id}` : '';
  const meetings = useApi(
    () => (plan ? api<{ items: Meeting[] }>('GET', `/api/meetings${q}`) : Promise.resolve({ items: [] })),
    [q],
  );
  const inspections = useApi(
    () => (plan ? api<{ items: Inspection[] }>('GET', `/api/inspections${q}`) : Promise.resolve({ items: [] })),
    [q],
  );
  const instructions = useApi(
    () => (plan ? api<{ items: Instruction[] }>('GET', `/api/instructions${q}`) : Promise.resolve({ items: [] })),
    [q],
  );
  if (error || meetings.error)
    return <Result status="error" title="无法加载" subTitle={(error ?? meetings.error)?.message} />;
  const roles = user?.roles ?? [];
  const may: Record<RecordKind, boolean> = {
    meetings: roles.some((r) => r === 'office' || r === 'admin'),
    inspections: roles.some((r) => r === 'office' || r === 'admin' || r === 'inspector'),
    instructions: roles.some((r) => r === 'office' || r === 'admin' || r === 'leader'),
  };
  const addLabel: Record<RecordKind, string> = {
    meetings: '记录会议',
    inspections: '记录督查检查',
    instructions: '作出批示',
  };
  const reload = () => [meetings, inspections, instructions].forEach((x) => x.reload());

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>会议、督查与批示</Typography.Title>
        {may[tab] && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(tab)}>
            {addLabel[tab]}
          </Button>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          {
            key: 'meetings',
            label: '联席会议 / 调度会',
            children: meetings.data?.items.length ? (
              meetings.data.items.map((m) => (
                <WorkItemList
                  key={m.id}
                  title={`${m.heldOn} ${MEETING_KIND_LABELS[m.kind]}：${m.title}`}
                  note={m.minutes}
                  extra={m.attendees.length ? `参会：${m.attendees.join('、')}` : ''}
                  items={m.decisions}
                  empty="本次会议没有议定事项"
                />
              ))
            ) : (
              <Empty description="还没有会议记录。记录会议时，每项议定事项都会成为有牵头单位和时限的工作事项。" />
            ),
          },
          {
            key: 'inspections',
            label: '督察检查 / 专项评估',
            children: inspections.data?.items.length ? (
              inspections.data.items.map((i) => (
                <WorkItemList
                  key={i.id}
                  title={`${i.heldOn} ${INSPECTION_KIND_LABELS[i.kind]}：${i.title}`}
                  note={i.summary}
                  extra={i.organizer}
                  items={i.rectifications}
                  empty="本次检查没有发现问题"
                />
              ))
            ) : (
              <Empty description="还没有督查记录。记录检查发现的问题后，每个问题都会成为整改事项，经办公室核验后才能办结。" />
            ),
          },
          {
            key: 'instructions',
            label: '领导批示',
            children: instructions.data?.items.length ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                {instructions.data.items.map((i) => (
                  <WorkItemList
                    key={i.id}
                    title={`${i.leaderName} 批示：${i.text}`}
                    note=""
                    extra={formatDateTimeZh(i.givenAt, 'Asia/Shanghai')}
                    items={[i.workItem]}
                    empty=""
                  />
                ))}
              </Space>
            ) : (
              <Empty description="还没有领导批示。批示会交办给牵头单位，作为工作事项跟踪。" />
            ),
          },
        ]}
      />
      {creating && plan && (
        <RecordForm
          kind={creating}
          planId={plan.id}
          tasks={refs.tasks}
          units={refs.units}
          onClose={() => setCreating(null)}
          onSaved={reload}
        />
      )}
    </div>
  );
}
