import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Checkbox, Empty, Progress, Result, Select, Space, Tabs, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { Round } from '@innocity/shared/api/reporting';
import type { WorkItem } from '@innocity/shared/api/supervision';
import {
  LIGHT_LABELS,
  LIGHTS,
  WORK_ITEM_STATE_LABELS,
  WORK_ITEM_STATES,
} from '@innocity/shared/supervision/work-item-state';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { LightDot, StateTag } from '../reporting/labels.tsx';
import { RoundUnits } from '../reporting/RoundUnits.tsx';
import { useCurrentPlan } from '../reporting/use-plan.ts';
import { usePlanRefs } from './use-refs.ts';
import { NewWorkItemModal } from './NewWorkItemModal.tsx';
import { formatDateZh } from '@innocity/shared/format';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import { namedPageItem, HiddenLabel } from '../../components/a11y.tsx';
import { DateRangeInput } from '../../components/DateInput.tsx';
import { DownloadButton } from '../../components/DownloadButton.tsx';

interface Filters {
  areaId?: string;
  taskId?: string;
  unitId?: string;
  state?: string;
  light?: string;
  due?: [Dayjs, Dayjs] | null;
  /** Completed and struck-off items are shown only on request: the board is for chasing. */
  withClosed?: boolean;
}

const toQuery = (planId: string, f: Filters) => {
  const q = new URLSearchParams({ planId });
  for (const k of ['areaId', 'taskId', 'unitId', 'state', 'light'] as const) if (f[k]) q.set(k, f[k]!);
  // A state filter names what it wants; otherwise the board hides what is finished.
  if (!f.state && !f.withClosed) q.set('openOnly', 'true');
  if (f.due) {
    q.set('dueFrom', f.due[0].format('YYYY-MM-DD'));
    q.set('dueTo', f.due[1].format('YYYY-MM-DD'));
  }
  return q.toString();
};

/** The office's supervision board: every work item and every unit's duties, filtered, urged and exported. */
export default function BoardPage() {
  const { plan, error } = useCurrentPlan();
  const refs = usePlanRefs(plan?.id);
  const { user } = useAuth();
  const [filters, setFilters] = useState<Filters>({});
  const [creating, setCreating] = useState(false);
  const query = plan ? toQuery(plan.id, filters) : '';
  const items = useApi(
    () => (plan ? api<{ items: WorkItem[] }>('GET', `/api/work-items?${query}`) : Promise.resolve({ items: [] })),
    [query],
  );
  const rounds = useApi(
    () => (plan ? api<{ items: Round[] }>('GET', `/api/rounds?planId=${plan.id}`) : Promise.resolve({ items: [] })),
    [plan?.id],
  );
  const [roundId, setRoundId] = useState<string>();
  const round = roundId ?? rounds.data?.items.find((r) => r.status === 'open')?.id ?? rounds.data?.items[0]?.id;
  const isOffice = user?.roles.some((r) => r === 'office' || r === 'admin');
  if (error) return <Result status="error" title="无法加载方案" subTitle={error.message} />;

  const set = (k: keyof Filters) => (v: unknown) => setFilters({ ...filters, [k]: v ?? undefined });

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>督查督办</Typography.Title>
        <Space wrap>
          <DownloadButton
            icon={<DownloadOutlined />}
            url={plan ? `/api/supervision/export?${query}${round ? `&roundId=${round}` : ''}` : undefined}
            fileName="督查督办.xlsx"
          >
            导出 Excel
          </DownloadButton>
          {isOffice && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              分解工作事项
            </Button>
          )}
        </Space>
      </div>
      <Space wrap className="board-filters">
        <Select
          allowClear
          aria-label="按重点领域筛选"
          placeholder="重点领域"
          style={{ width: 180 }}
          options={refs.areas}
          value={filters.areaId}
          onChange={set('areaId')}
        />
        <Select
          allowClear
          aria-label="按重点任务筛选"
          placeholder="重点任务"
          style={{ width: 200 }}
          options={refs.tasks.filter((t) => !filters.areaId || t.areaId === filters.areaId)}
          value={filters.taskId}
          onChange={set('taskId')}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label="按责任单位筛选"
          placeholder="责任单位"
          style={{ width: 160 }}
          options={refs.units}
          value={filters.unitId}
          onChange={set('unitId')}
        />
        <Select
          allowClear
          aria-label="按状态筛选"
          placeholder="状态"
          style={{ width: 110 }}
          options={WORK_ITEM_STATES.map((s) => ({ value: s, label: WORK_ITEM_STATE_LABELS[s] }))}
          value={filters.state}
          onChange={set('state')}
        />
        <Select
          allowClear
          aria-label="按灯色筛选"
          placeholder="灯色"
          style={{ width: 100 }}
          options={LIGHTS.map((l) => ({ value: l, label: LIGHT_LABELS[l] }))}
          value={filters.light}
          onChange={set('light')}
        />
        <span>
          <HiddenLabel htmlFor="board-due-from">时限起</HiddenLabel>
          <HiddenLabel htmlFor="board-due-to">时限止</HiddenLabel>
          <DateRangeInput
            id={{ start: 'board-due-from', end: 'board-due-to' }}
            placeholder={['时限起', '时限止']}
            value={filters.due ?? null}
            onChange={(v) => set('due')(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          />
        </span>
        <Checkbox checked={!!filters.withClosed} onChange={(e) => set('withClosed')(e.target.checked)}>
          含已完成、已销号
        </Checkbox>
      </Space>
      <Tabs
        items={[
          {
            key: 'items',
            label: `工作事项（${items.data?.items.length ?? 0}）`,
            children: (
              <PhoneTable<WorkItem>
                rowKey="id"
                pagination={{ itemRender: namedPageItem }}
                loading={items.loading}
                dataSource={items.data?.items}
                scroll={{ x: 900 }}
                locale={{
                  emptyText: (
                    <Empty
                      description={
                        isOffice
                          ? '没有符合条件的工作事项。可点击“分解工作事项”，把重点任务分解到年度事项。'
                          : '没有符合条件的工作事项。'
                      }
                    />
                  ),
                }}
                columns={[
                  { title: '灯', width: 80, render: (_: unknown, w) => <LightDot light={w.light} /> },
                  {
                    title: '工作事项',
                    render: (_: unknown, w) => <Link to={`/supervision/work-items/${w.id}`}>{w.title}</Link>,
                  },
                  { title: '任务', width: 84, render: (_: unknown, w) => (w.task ? `任务${w.task.number}` : '—') },
                  { title: '牵头单位', width: 120, render: (_: unknown, w) => w.leadUnit.name },
                  { title: '完成时限', width: 156, dataIndex: 'dueDate', render: (d: string) => formatDateZh(d) },
                  { title: '状态', width: 90, render: (_: unknown, w) => <StateTag state={w.state} /> },
                  {
                    title: '进度',
                    width: 120,
                    render: (_: unknown, w) => <Progress size="small" percent={w.progress} />,
                  },
                ]}
              />
            ),
          },
          {
            key: 'duties',
            label: '填报情况',
            children: round ? (
              <>
                <Select
                  aria-label="填报轮次"
                  style={{ minWidth: 200, marginBottom: 12 }}
                  value={round}
                  onChange={setRoundId}
                  options={rounds.data?.items.map((r) => ({ value: r.id, label: r.title }))}
                />
                <RoundUnits roundId={round} />
              </>
            ) : (
              <Empty description="还没有填报轮次。请先在“填报轮次”中开启填报。" />
            ),
          },
        ]}
      />
      <NewWorkItemModal
        open={creating}
        planId={plan?.id ?? ''}
        tasks={refs.tasks}
        units={refs.units}
        initialValues={{ year: dayjs().year(), dueDate: dayjs().endOf('year') }}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          items.reload();
        }}
      />
    </div>
  );
}
