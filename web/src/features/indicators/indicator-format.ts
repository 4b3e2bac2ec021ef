import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { formatFigure, formatTarget, targetYearLabel } from '@innocity/shared/format';
import { periodLabel } from '@innocity/shared/indicators/period';
import type { Light } from '@innocity/shared/indicators/status';

type Measured = Pick<IndicatorStatus, 'target' | 'unit'>;

/**
 * A value of an indicator by the one display rule (shared formatFigure): as precise as reported,
 * never rounded onto or off its target; the bulletin and the Excel annex show the same.
 */
export function formatValue(value: number | null | undefined, i: Measured): string {
  if (value === null || value === undefined) return '—';
  return formatFigure(value, i.unit, i.target);
}

/** The indicator's target as the plan states it. */
export function targetText(i: Measured): string {
  return formatTarget({ ...i.target, unit: i.unit });
}

/** The target with the year it is due: "目标 ≥ 70%（2025年）". */
export function targetWithYear(i: Measured): string {
  return `目标 ${targetText(i)}（${targetYearLabel(i.target.targetDate)}）`;
}

/** The period a value describes, on its own: "2024年数据", "2025年第三季度数据". */
export const dataPeriodLabel = (period: string): string => `${periodLabel(period)}数据`;

export const LIGHT_COLORS: Record<Light, string> = {
  green: '#2e7d32',
  yellow: '#f9a825',
  red: '#c62828',
  grey: '#9e9e9e',
};
export const LIGHT_TAG: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error', grey: 'default' };
