import { Link } from 'react-router';
import { Card, Empty, List, Progress, Typography } from 'antd';
import type { WorkItem } from '@innocity/shared/api/supervision';
import type { UnitTimeliness } from '@innocity/shared/api/reporting';
import { formatDateZh } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi, type Loaded } from '../../api/use-api.ts';
import { mayOpen } from '../../routes.tsx';
import { useAuth } from '../auth/AuthContext.tsx';

interface AreaProgress {
  key: string;
  /** The area's number in the plan; meeting, instruction and inspection items come last. */
  order: number;
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
    const order = w.area?.number ?? Infinity;
    const a = map.get(key) ?? { key, order, title, items: 0, done: 0, progress: 0, sum: 0 };
    a.items += 1;
    a.done += w.state === 'done' ? 1 : 0;
    a.sum += w.state === 'done' ? 100 : w.progress;
    map.set(key, a);
  }
  return [...map.values()]
    .sort((a, b) => a.order - b.order)
    .map((a) => ({ ...a, progress: Math.round(a.sum / a.items) }));
}

/** Task progress by area and overdue work items (supervision), as of the cockpit's date. */
export function WorkPanels({ work }: { work: Loaded<{ items: WorkItem[] }> }) {
  // Unit clerks see the progress but not the office's board: no link that ends on a 403 page.
  const board = mayOpen('/supervision', useAuth().user?.roles ?? []);
  const areas = byArea(work.data?.items ?? []);
  const overdue = (work.data?.items ?? [])
    .filter((w) => w.state === 'overdue')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <>
      {!work.error && (
        <Card
          title="各领域任务进展"
          size="small"
          className="cockpit-card"
          loading={work.loading && !work.data}
          extra={board && <Link to="/supervision">督查督办</Link>}
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
                {/* The supervision list is where these items are counted and followed. */}
                {board ? (
                  <Link to="/supervision" className="area-progress-count">
                    完成 {a.done}/{a.items} 项
                  </Link>
                ) : (
                  <span className="area-progress-count">
                    完成 {a.done}/{a.items} 项
                  </span>
                )}
              </div>
            ))
          )}
        </Card>
      )}
      {!work.error && (
        <Card
          title={`逾期事项（${overdue.length}）`}
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
    </>
  );
}

/** The supervision and reporting data of the cockpit as of its date (today when none is picked). */
export function useWorkData(planId: string, asOf: string | undefined) {
  const q = `planId=${encodeURIComponent(planId)}${asOf ? `&asOf=${asOf}` : ''}`;
  const work = useApi(() => api<{ items: WorkItem[] }>('GET', `/api/work-items?${q}`), [q]);
  const timeliness = useApi(() => api<{ items: UnitTimeliness[] }>('GET', `/api/timeliness?${q}`), [q]);
  return { work, timeliness, loading: (work.loading && !work.data) || (timeliness.loading && !timeliness.data) };
}
