import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { ProfileOutlined } from '@ant-design/icons';
import type { Role } from '@innocity/shared/api/auth';

export interface AppRoute {
  /** Path under the signed-in layout, e.g. "plans/:planId". */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the navigation when set; `roles` limits who sees it (everyone when absent). */
  nav?: { to: string; label: string; icon: ReactNode; roles?: Role[] };
}

// One list for the router and the navigation. Each page is its own chunk.
export const APP_ROUTES: AppRoute[] = [
  {
    path: 'plans/:planId',
    page: lazy(() => import('./features/plans/PlanPage.tsx')),
    nav: { to: '/', label: '建设方案', icon: <ProfileOutlined /> },
  },
];

/** The routes whose navigation entry this user may see. */
export function navFor(roles: Role[]): AppRoute[] {
  return APP_ROUTES.filter((r) => r.nav && (!r.nav.roles || r.nav.roles.some((role) => roles.includes(role))));
}
