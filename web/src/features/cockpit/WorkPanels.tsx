import { Link } from 'react-router';
import { Card, Empty, List, Progress, Tag, Typography } from 'antd';
import type { WorkItem } from '@innocity/shared/api/supervision';
import type { UnitTimeliness } from '@innocity/shared/api/reporting';
import { formatDateZh } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi, type Loaded } from '../../api/use-api.ts';

interface AreaProgress {
  key: string;
  title: string;
  items: number;
  done: number;
  progress: number;
}

function byArea(items: WorkItem[]): AreaProgress[] {
  const map = new Map<string, AreaProgress & { sum: number }>();
  for (const w of items) {
    if (w.state === 'cancelled') continue;
    const key = w.area?.id ?? 'none';
    const title = w.area ? `${w.area.number}. ${w.area.title}` : '会议、批示、督查事项';
    const a = map.get(key) ?? { key, title, items: 0, done: 0, progress: 0, sum: 0 };
    a.items += 1;
    a.done += w.state === 'done' ? 1 : 0;
    a.sum += w.state === 'done' ? 100 : w.progress;
    map.set(key, a);
  }
  return [...map.values()].map((a) => ({ ...a, progress: Math.round(a.sum / a.items) }));
}

interface UnitRank {
  id: string;
  name: string;
  due: number;
  onTime: number;
}

/** Units by the share of their reports filed on time, over every round whose cut-off has passed. */
function rankUnits(rows: UnitTimeliness[]): UnitRank[] {
  const map = new Map<string, UnitRank>();
  for (const r of rows) {
    if (r.timeliness === 'pending') continue;
    const u = map.get(r.unit.id) ?? { id: r.unit.id, name: r.unit.name, due: 0, onTime: 0 };
    u.due += 1;
    u.onTime += r.timeliness === 'on_time' ? 1 : 0;
    map.set(u.id, u);
  }
  return [...map.values()].sort((a, b) => b.onTime / b.due - a.onTime / a.due || a.name.localeCompare(b.name, 'zh'));
}

/** Task progress by area and overdue work items (supervision), and units by timeliness (reporting). */
export function WorkPanels({
  work,
  timeliness,
  historical,
}: {
  work: Loaded<{ items: WorkItem[] }>;
  timeliness: Loaded<{ items: UnitTimeliness[] }>;
  historical: boolean;
}) {
  const now = historical ? '（按今天）' : '';
  const areas = byArea(work.data?.items ?? []);
  const overdue = (work.data?.items ?? [])
    .filter((w) => w.state === 'overdue')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const ranks = rankUnits(timeliness.data?.items ?? []);
  return (
    <div className="cockpit-panels">
      {!work.error && (
        <Card
          title={`各领域任务进展${now}`}
          size="small"
          className="cockpit-card"
          loading={work.loading && !work.data}
          extra={<Link to="/supervision">督查督办</Link>}
        >
          {areas.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="还没有分解工作事项。办公室可在“督查督办”中按任务分解。"
            />
          ) : (
            areas.map((a) => (
              <div key={a.key} className="area-progress">
                <Typography.Text ellipsis={{ tooltip: a.title }}>{a.title}</Typography.Text>
                <Progress percent={a.progress} size="small" format={(p) => `${p}%`} />
                <Typography.Text type="secondary" className="area-progress-count">
                  完成 {a.done}/{a.items} 项
                </Typography.Text>
              </div>
            ))
          )}
        </Card>
      )}
      {!work.error && (
        <Card
          title={`逾期事项（${overdue.length}）${now}`}
          size="small"
          className="cockpit-card"
          loading={work.loading && !work.data}
        >
          {overdue.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="目前没有逾期事项" />
          ) : (
            <List
              size="small"
              dataSource={overdue.slice(0, 8)}
              renderItem={(w) => (
                <List.Item>
                  <Link to={`/supervision/work-items/${w.id}`}>{w.title}</Link>
                  <Typography.Text type="secondary">
                    {w.leadUnit.name} · 时限 {formatDateZh(w.dueDate)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {!timeliness.error && (
        <Card
          title={`单位报送及时率${now}`}
          size="small"
          className="cockpit-card"
          loading={timeliness.loading && !timeliness.data}
          extra={<Link to="/rounds">填报轮次</Link>}
        >
          {ranks.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description="还没有截止的填报轮次。办公室在“填报轮次”中发起。"
            />
          ) : (
            <List
              size="small"
              dataSource={ranks.slice(0, 10)}
              renderItem={(u, index) => (
                <List.Item>
                  <Link to={`/units/${u.id}`}>
                    {index + 1}. {u.name}
                  </Link>
                  <Tag color={u.onTime === u.due ? 'green' : u.onTime / u.due >= 0.6 ? 'gold' : 'red'}>
                    按时 {u.onTime}/{u.due}
                  </Tag>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </div>
  );
}

/** The supervision and reporting data of the cockpit, loaded beside the indicators. */
export function useWorkData(planId: string) {
  const q = `planId=${encodeURIComponent(planId)}`;
  const work = useApi(() => api<{ items: WorkItem[] }>('GET', `/api/work-items?${q}`), [q]);
  const timeliness = useApi(() => api<{ items: UnitTimeliness[] }>('GET', `/api/timeliness?${q}`), [q]);
  return { work, timeliness, loading: (work.loading && !work.data) || (timeliness.loading && !timeliness.data) };
}
