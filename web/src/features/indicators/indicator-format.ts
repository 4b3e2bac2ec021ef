import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { formatNumber, formatTarget } from '@innocity/shared/format';
import type { Light } from '@innocity/shared/indicators/status';

/** At most two decimals on display; values keep their reported precision underneath. */
const DIGITS = 2;

/** A value with its unit of measure, the Chinese way: "152 家", "2.65%", "8.3 亿元". */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const sep = unit === '%' ? '' : ' ';
  return `${formatNumber(value, DIGITS)}${sep}${unit}`;
}

/** The indicator's target as the plan states it. */
export function targetText(i: Pick<IndicatorStatus, 'target' | 'unit'>): string {
  return formatTarget({ ...i.target, unit: i.unit });
}

export const LIGHT_COLORS: Record<Light, string> = {
  green: '#2e7d32',
  yellow: '#f9a825',
  red: '#c62828',
  grey: '#9e9e9e',
};
export const LIGHT_TAG: Record<Light, string> = { green: 'success', yellow: 'warning', red: 'error', grey: 'default' };
