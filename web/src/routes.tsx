import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { matchPath } from 'react-router';
import {
  AlertOutlined,
  CalendarOutlined,
  FormOutlined,
  ImportOutlined,
  MessageOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import { ApartmentOutlined, AuditOutlined, GlobalOutlined, TeamOutlined } from '@ant-design/icons';
import { BarChartOutlined, FileTextOutlined, TrophyOutlined } from '@ant-design/icons';
import { DashboardOutlined, DatabaseOutlined } from '@ant-design/icons';
import type { Role } from '@innocity/shared/api/auth';

export interface AppRoute {
  /** Path under the signed-in layout, e.g. "plans/:planId". */
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /**
   * Who may open the page (everyone signed in when absent). Anyone else gets the 403 page before the
   * page loads or asks the server anything, and does not see its navigation entry. Mirror the
   * server's rule for the page's requests (server/src/authz-matrix.table.ts).
   */
  roles?: readonly Role[];
  /** Shown in the navigation, to the roles that may open the page. */
  nav?: { to: string; label: string; icon: ReactNode };
}

// Who may use the pages of the plan's work, as the server's policies say.
const OFFICE: readonly Role[] = ['admin', 'office'];
// 省级查看 reads what the board reads (every county below its region) and writes nothing: each page
// shows its write buttons by the office/leader/inspector roles, never by this list.
const BOARD: readonly Role[] = ['admin', 'office', 'leader', 'inspector', 'province_viewer'];
const UNIT: readonly Role[] = ['reporter', 'approver'];

// One list for the router and the navigation. Each page is its own chunk.
export const APP_ROUTES: AppRoute[] = [
  // 驾驶舱 is home: "/" opens the cockpit of the plan in force (HomeRedirect).
  {
    path: 'plans/:planId/cockpit',
    page: lazy(() => import('./features/cockpit/CockpitPage.tsx')),
    nav: { to: '/', label: '驾驶舱', icon: <DashboardOutlined /> },
  },
  {
    path: 'plans/:planId/indicators/:indicatorId',
    page: lazy(() => import('./features/indicators/IndicatorPage.tsx')),
  },
  {
    path: 'plans/:planId',
    page: lazy(() => import('./features/plans/PlanPage.tsx')),
  },
  {
    path: 'overview',
    page: lazy(() => import('./features/plans/PlanOverviewRedirect.tsx')),
    nav: { to: '/overview', label: '建设方案', icon: <ProfileOutlined /> },
  },
  // 省级视图: the counties below a 省 or 设区市 side by side (mirrors province.policy.ts).
  {
    path: 'province',
    page: lazy(() => import('./features/province/ProvincePage.tsx')),
    roles: ['admin', 'province_viewer'],
    nav: { to: '/province', label: '省级视图', icon: <BarChartOutlined /> },
  },
  // 台账: "/ledgers" opens the ledgers of the plan in force.
  {
    path: 'ledgers',
    page: lazy(() => import('./features/ledgers/LedgersRedirect.tsx')),
    nav: { to: '/ledgers', label: '台账', icon: <DatabaseOutlined /> },
  },
  { path: 'plans/:planId/ledgers', page: lazy(() => import('./features/ledgers/LedgerTypesPage.tsx')) },
  { path: 'plans/:planId/ledgers/:typeCode', page: lazy(() => import('./features/ledgers/LedgerPage.tsx')) },
  // Reporting rounds and supervision (填报、督查督办、催办).
  {
    path: 'reporting',
    page: lazy(() => import('./features/reporting/MyDutiesPage.tsx')),
    roles: UNIT,
    nav: { to: '/reporting', label: '我的填报', icon: <FormOutlined /> },
  },
  {
    path: 'reporting/submissions/:submissionId',
    page: lazy(() => import('./features/reporting/SubmissionPage.tsx')),
    roles: [...OFFICE, ...UNIT],
  },
  {
    path: 'rounds',
    page: lazy(() => import('./features/reporting/RoundsPage.tsx')),
    roles: BOARD,
    nav: { to: '/rounds', label: '填报轮次', icon: <ScheduleOutlined /> },
  },
  { path: 'rounds/:roundId', page: lazy(() => import('./features/reporting/RoundPage.tsx')), roles: BOARD },
  {
    path: 'supervision',
    page: lazy(() => import('./features/supervision/BoardPage.tsx')),
    roles: BOARD,
    nav: { to: '/supervision', label: '督查督办', icon: <AlertOutlined /> },
  },
  {
    path: 'supervision/work-items/:workItemId',
    page: lazy(() => import('./features/supervision/WorkItemPage.tsx')),
    roles: [...BOARD, ...UNIT],
  },
  {
    path: 'records',
    page: lazy(() => import('./features/supervision/RecordsPage.tsx')),
    roles: BOARD,
    nav: { to: '/records', label: '会议督查批示', icon: <CalendarOutlined /> },
  },
  { path: 'units/:unitId', page: lazy(() => import('./features/reporting/UnitPage.tsx')), roles: [...BOARD, ...UNIT] },
  {
    path: 'my-unit',
    page: lazy(() => import('./features/reporting/MyUnitRedirect.tsx')),
    roles: UNIT,
    nav: { to: '/my-unit', label: '本单位催办记录', icon: <MessageOutlined /> },
  },
  {
    path: 'settings/notifications',
    page: lazy(() => import('./features/notifications/NotificationSettingsPage.tsx')),
    roles: ['admin'],
    nav: { to: '/settings/notifications', label: '通知设置', icon: <NotificationOutlined /> },
  },
  // 方案导入: upload a plan document, review it beside its source, put it in force.
  {
    path: 'plan-imports',
    page: lazy(() => import('./features/importer/PlanImportsPage.tsx')),
    roles: OFFICE,
    nav: { to: '/plan-imports', label: '方案导入', icon: <ImportOutlined /> },
  },
  {
    path: 'plan-imports/:draftId',
    page: lazy(() => import('./features/importer/PlanImportReviewPage.tsx')),
    roles: OFFICE,
  },
  // 考核 and 情况通报: the office edits; everyone reads published results and bulletins.
  {
    path: 'assessment',
    page: lazy(() => import('./features/assessment/AssessmentPage.tsx')),
    nav: { to: '/assessment', label: '考核评分', icon: <TrophyOutlined /> },
  },
  {
    path: 'bulletins',
    page: lazy(() => import('./features/bulletins/BulletinsPage.tsx')),
    nav: { to: '/bulletins', label: '情况通报', icon: <FileTextOutlined /> },
  },
  { path: 'bulletins/:bulletinId', page: lazy(() => import('./features/bulletins/BulletinEditorPage.tsx')) },
  // Accounts, units and the audit log (issue 3); 我的账号 is reached from the header's user menu.
  {
    path: 'admin/users',
    page: lazy(() => import('./features/admin/UsersPage.tsx')),
    roles: ['admin'],
    nav: { to: '/admin/users', label: '用户管理', icon: <TeamOutlined /> },
  },
  {
    path: 'admin/units',
    page: lazy(() => import('./features/admin/UnitsPage.tsx')),
    roles: ['admin'],
    nav: { to: '/admin/units', label: '单位管理', icon: <ApartmentOutlined /> },
  },
  {
    path: 'admin/regions',
    page: lazy(() => import('./features/admin/RegionsPage.tsx')),
    roles: ['admin', 'province_admin'],
    nav: { to: '/admin/regions', label: '地区管理', icon: <GlobalOutlined /> },
  },
  {
    path: 'audit',
    page: lazy(() => import('./features/admin/AuditPage.tsx')),
    roles: ['admin', 'inspector'],
    nav: { to: '/audit', label: '审计日志', icon: <AuditOutlined /> },
  },
  { path: 'account', page: lazy(() => import('./features/account/AccountPage.tsx')) },
  { path: 'search', page: lazy(() => import('./features/search/SearchPage.tsx')) },
  { path: 'help', page: lazy(() => import('./features/help/HelpPage.tsx')) },
  { path: 'help/:role', page: lazy(() => import('./features/help/HelpPage.tsx')) },
];

/** Whether a user with these roles may open the route: the one rule for the guard and the navigation. */
export function routeAllows(route: AppRoute, roles: readonly Role[]): boolean {
  return !route.roles || route.roles.some((role) => roles.includes(role));
}

/** The route that serves a path of the app ("/rounds/abc"), if any. */
export function routeOf(pathname: string): AppRoute | undefined {
  return APP_ROUTES.find((r) => matchPath({ path: `/${r.path}`, end: true }, pathname));
}

/** Whether a link to this path leads this user to a page rather than to the 403 page: show the link only then. */
export function mayOpen(pathname: string, roles: readonly Role[]): boolean {
  const route = routeOf(pathname);
  return !route || routeAllows(route, roles);
}

/** The routes whose navigation entry this user may see: those it may open. */
export function navFor(roles: readonly Role[]): AppRoute[] {
  return APP_ROUTES.filter((r) => r.nav && routeAllows(r, roles));
}
