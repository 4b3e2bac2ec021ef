import { LIGHT_LABELS, type Light } from '@innocity/shared/indicators/status';
import { LIGHT_COLORS } from './indicator-format.ts';

/** A traffic light (红黄绿灯) with its name for screen readers and tooltips. */
export function LightDot({ light, size = 12 }: { light: Light; size?: number }) {
  return (
    <span
      role="img"
      aria-label={LIGHT_LABELS[light]}
      title={LIGHT_LABELS[light]}
      data-light={light}
      className="ic-light"
      style={{ width: size, height: size, background: LIGHT_COLORS[light] }}
    />
  );
}
