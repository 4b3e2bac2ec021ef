import { lazy, Suspense, type ComponentProps } from 'react';
import type { PlanSwitcher as Switcher } from './PlanSwitcher.tsx';

// The switcher's Select (with its virtual list, about 22 KB gzip) and the plan schemas behind the
// state labels are in every page's header: they download beside the page rather than before it, and
// a box of the switcher's width holds its place meanwhile so the header does not move.
const PlanSwitcher = lazy(() => import('./PlanSwitcher.tsx').then((m) => ({ default: m.PlanSwitcher })));

/** The header's plan switcher (PlanSwitcher.tsx), loaded beside the page. */
export function LazyPlanSwitcher(props: ComponentProps<typeof Switcher>) {
  return (
    <Suspense
      fallback={
        <span
          className="plan-switcher"
          aria-busy
          style={{ display: 'inline-block', width: props.compact ? 150 : 320 }}
        />
      }
    >
      <PlanSwitcher {...props} />
    </Suspense>
  );
}
