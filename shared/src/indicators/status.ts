import { z } from 'zod';

/** Every status an evaluation can give, grouped by the method that gives it. */
export const STATUSES = [
  // Target met, or its date passed without it (any method).
  'completed',
  'completed_early',
  'missed',
  // 序时进度.
  'ahead',
  'on_schedule',
  'behind',
  'far_behind',
  // Growth ratio (Open SDG).
  'on_track',
  'needs_acceleration',
  'limited',
  'backwards',
  // Projection of the recent trend.
  'projected_met',
  'projected_at_risk',
  'projected_missed',
  // Threshold for growth-rate indicators.
  'threshold_met',
  'threshold_near',
  'threshold_missed',
  // Not enough to judge: never a guess.
  'no_data',
  'overdue',
  'no_baseline',
  'insufficient_data',
] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

export const LIGHTS = ['green', 'yellow', 'red', 'grey'] as const;
export const lightSchema = z.enum(LIGHTS);
export type Light = z.infer<typeof lightSchema>;

export const LIGHT_LABELS: Record<Light, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', grey: '灰灯' };

/** The wording users know for each status. */
export const STATUS_LABELS: Record<Status, string> = {
  completed: '已完成',
  completed_early: '提前完成',
  missed: '未完成',
  ahead: '超序时',
  on_schedule: '按序时',
  behind: '慢序时',
  far_behind: '严重滞后',
  on_track: '进展良好',
  needs_acceleration: '需加快进度',
  limited: '进展有限',
  backwards: '逆向变化',
  projected_met: '预计可完成',
  projected_at_risk: '存在完成风险',
  projected_missed: '预计难以完成',
  threshold_met: '达到目标',
  threshold_near: '接近目标',
  threshold_missed: '低于目标',
  no_data: '暂无数据',
  overdue: '数据逾期未报',
  no_baseline: '缺少基期值',
  insufficient_data: '数据不足',
};

/** Traffic lights follow from status alone, never set by hand. */
export const STATUS_LIGHTS: Record<Status, Light> = {
  completed: 'green',
  completed_early: 'green',
  missed: 'red',
  ahead: 'green',
  on_schedule: 'green',
  behind: 'yellow',
  far_behind: 'red',
  on_track: 'green',
  needs_acceleration: 'yellow',
  limited: 'red',
  backwards: 'red',
  projected_met: 'green',
  projected_at_risk: 'yellow',
  projected_missed: 'red',
  threshold_met: 'green',
  threshold_near: 'yellow',
  threshold_missed: 'red',
  no_data: 'grey',
  overdue: 'grey',
  no_baseline: 'grey',
  insufficient_data: 'grey',
};

/** The light of a status. */
export const lightOf = (status: Status): Light => STATUS_LIGHTS[status];

/**
 * 序时进度 bands on actual ÷ expected: ≥ 1.05 超序时, 0.95–1.05 按序时, 0.80–0.95 慢序时,
 * below 0.80 严重滞后 (the red light a leader must see).
 */
export const SCHEDULE_BANDS = { ahead: 1.05, onSchedule: 0.95, behind: 0.8 } as const;

/** A projection reaching at least this share of the target is a risk, below it a likely miss. */
export const PROJECTION_RISK_SHARE = 0.9;

/** A growth rate within this share below its threshold is 接近目标 (12% → from 10.8%). */
export const THRESHOLD_NEAR_SHARE = 0.1;
