import { Card, Progress, Space, Typography } from 'antd';
import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import type { PlanDetail } from '@innocity/shared/api/plans';

type Goal = PlanDetail['goals'][number];
import { LIGHTS, LIGHT_LABELS, type Light } from '@innocity/shared/indicators/status';
import { LightDot } from '../indicators/LightDot.tsx';
import { LIGHT_COLORS } from '../indicators/indicator-format.ts';

export interface IndicatorGroup {
  key: string;
  title: string;
  items: IndicatorStatus[];
}

/** Indicators grouped by the goal they belong to, or by task for those the plan sets inside tasks. */
export function groupIndicators(items: IndicatorStatus[], goals: Goal[]): IndicatorGroup[] {
  const groups = new Map<string, IndicatorGroup>();
  for (const i of items) {
    const goal = i.goalNumber !== null ? goals.find((g) => g.number === i.goalNumber) : undefined;
    const key = goal ? `g${goal.number}` : i.taskNumber !== null ? `t${i.taskNumber}` : 'other';
    const title = goal
      ? `目标${goal.number}：${goal.title}`
      : i.taskNumber !== null
        ? `重点任务${i.taskNumber}`
        : '其他指标';
    if (!groups.has(key)) groups.set(key, { key, title, items: [] });
    groups.get(key)!.items.push(i);
  }
  return [...groups.values()].sort((a, b) => order(a.key) - order(b.key));
}

function order(key: string): number {
  const n = Number(key.slice(1));
  return key.startsWith('g') ? n : key.startsWith('t') ? 100 + n : 1000;
}

function counts(items: IndicatorStatus[]): Record<Light, number> {
  const c: Record<Light, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
  items.forEach((i) => (c[i.light] += 1));
  return c;
}

/** Counts of green/yellow/red/grey per group, with the green share as the group's progress bar. */
export function GoalLights({ groups, onPick }: { groups: IndicatorGroup[]; onPick(key: string): void }) {
  const all = counts(groups.flatMap((g) => g.items));
  return (
    <Card title="指标红黄绿灯" size="small" className="cockpit-card" extra={<LightCounts c={all} />}>
      <div className="goal-lights">
        {groups.map((g) => {
          const c = counts(g.items);
          return (
            <button
              type="button"
              key={g.key}
              className="goal-light-row"
              data-green={c.green}
              data-total={g.items.length}
              onClick={() => onPick(g.key)}
              aria-label={`${g.title}：查看指标`}
            >
              <Typography.Text ellipsis={{ tooltip: g.title }} className="goal-light-title">
                {g.title}
              </Typography.Text>
              <Progress
                percent={Math.round((c.green / g.items.length) * 100)}
                success={{ percent: 0 }}
                strokeColor={LIGHT_COLORS.green}
                size="small"
                format={() => `${c.green}/${g.items.length}`}
              />
              <LightCounts c={c} />
            </button>
          );
        })}
      </div>
    </Card>
  );
}

function LightCounts({ c }: { c: Record<Light, number> }) {
  return (
    <Space size={10} wrap>
      {LIGHTS.map((l) => (
        <span key={l} className="light-count" title={LIGHT_LABELS[l]} data-light={l}>
          <LightDot light={l} size={10} /> {c[l]}
        </span>
      ))}
    </Space>
  );
}
