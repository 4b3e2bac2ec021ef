import { Tooltip, Typography } from 'antd';
import type { Phase } from '@innocity/shared/api/plans';
import { formatDateZh } from '@innocity/shared/format';

const COLORS = ['#c62828', '#ef6c00', '#2e7d32', '#1565c0'];

/**
 * Overlapping phases as bars over the plan's years, with a line at today, or at the as-of day of
 * a historical view (then labelled 评估日, so nobody reads a past date as today).
 */
export function PhaseTimeline({
  phases,
  today = new Date(),
  label = '今天',
}: {
  phases: Phase[];
  today?: Date;
  label?: string;
}) {
  if (phases.length === 0) return null;
  const start = Math.min(...phases.map((p) => p.startYear));
  const end = Math.max(...phases.map((p) => p.endYear)) + 1;
  const span = end - start;
  const pct = (year: number) => `${((year - start) / span) * 100}%`;
  const todayYear = today.getFullYear() + (today.getMonth() * 31 + today.getDate()) / 372;
  const todayIso = today.toISOString().slice(0, 10);
  const years = Array.from({ length: span }, (_, i) => start + i);
  return (
    <section className="phase-timeline" aria-label="实施阶段">
      <Typography.Text strong>实施阶段</Typography.Text>
      <div className="phase-track">
        <div className="phase-years">
          {years.map((y) => (
            <span key={y} style={{ left: pct(y), width: `${100 / span}%` }}>
              {y}年
            </span>
          ))}
        </div>
        {phases.map((p, i) => (
          <Tooltip key={p.id} title={p.text}>
            <div
              className="phase-bar"
              style={{
                left: pct(p.startYear),
                width: pct(start + p.endYear + 1 - p.startYear),
                background: COLORS[i % COLORS.length],
              }}
            >
              {p.name}（{p.startYear}—{p.endYear}年）
            </div>
          </Tooltip>
        ))}
        {todayYear >= start && todayYear <= end && (
          <div className="phase-today" style={{ left: pct(todayYear) }} title={`${label}：${formatDateZh(todayIso)}`}>
            <span>{label}</span>
          </div>
        )}
        {todayYear > end && (
          <div className="phase-after">
            方案期已结束（{label}：{formatDateZh(todayIso)}）
          </div>
        )}
      </div>
    </section>
  );
}
