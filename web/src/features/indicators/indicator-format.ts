import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { formatQuantity, formatTarget, planPrecision } from '@innocity/shared/format';
import type { Light } from '@innocity/shared/indicators/status';

type Measured = Pick<IndicatorStatus, 'target' | 'unit'>;

/**
 * A value of an indicator the Chinese way: percentages with the decimals the plan writes the
 * target with (target 3.5% → 3.2%), amounts in 万元/亿元, else at most two decimals.
 * Values keep their reported precision underneath.
 */
export function formatValue(value: number | null | undefined, i: Measured): string {
  if (value === null || value === undefined) return '—';
  return formatQuantity(value, i.unit, { precision: planPrecision(i.target) });
}

/** The indicator's target as the plan states it. */
export function targetText(i: Measured): string {
  return formatTarget({ ...i.target, unit: i.unit });
}

export const LIGHT_COLORS: Record<Light, string> = {
  green: '#2e7d32',
  yellow: '#f9a825',
  red: '#c62828',
  grey: '#9e9e9e',
};
export const LIGHT_TAG: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error', grey: 'default' };
