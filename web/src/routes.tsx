import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
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
import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import { FileTextOutlined, TrophyOutlined } from '@ant-design/icons';
import { DashboardOutlined, DatabaseOutlined } from '@ant-design/icons';
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
    nav: { to: '/reporting', label: '我的填报', icon: <FormOutlined />, roles: ['reporter', 'approver'] },
  },
  { path: 'reporting/submissions/:submissionId', page: lazy(() => import('./features/reporting/SubmissionPage.tsx')) },
  {
    path: 'rounds',
    page: lazy(() => import('./features/reporting/RoundsPage.tsx')),
    nav: {
      to: '/rounds',
      label: '填报轮次',
      icon: <ScheduleOutlined />,
      roles: ['admin', 'office', 'leader', 'inspector'],
    },
  },
  { path: 'rounds/:roundId', page: lazy(() => import('./features/reporting/RoundPage.tsx')) },
  {
    path: 'supervision',
    page: lazy(() => import('./features/supervision/BoardPage.tsx')),
    nav: {
      to: '/supervision',
      label: '督查督办',
      icon: <AlertOutlined />,
      roles: ['admin', 'office', 'leader', 'inspector'],
    },
  },
  { path: 'supervision/work-items/:workItemId', page: lazy(() => import('./features/supervision/WorkItemPage.tsx')) },
  {
    path: 'records',
    page: lazy(() => import('./features/supervision/RecordsPage.tsx')),
    nav: {
      to: '/records',
      label: '会议督查批示',
      icon: <CalendarOutlined />,
      roles: ['admin', 'office', 'leader', 'inspector'],
    },
  },
  { path: 'units/:unitId', page: lazy(() => import('./features/reporting/UnitPage.tsx')) },
  {
    path: 'my-unit',
    page: lazy(() => import('./features/reporting/MyUnitRedirect.tsx')),
    nav: { to: '/my-unit', label: '本单位催办记录', icon: <MessageOutlined />, roles: ['reporter', 'approver'] },
  },
  {
    path: 'settings/notifications',
    page: lazy(() => import('./features/notifications/NotificationSettingsPage.tsx')),
    nav: { to: '/settings/notifications', label: '通知设置', icon: <NotificationOutlined />, roles: ['admin'] },
  },
  // 方案导入: upload a plan document, review it beside its source, put it in force.
  {
    path: 'plan-imports',
    page: lazy(() => import('./features/importer/PlanImportsPage.tsx')),
    nav: { to: '/plan-imports', label: '方案导入', icon: <ImportOutlined />, roles: ['admin', 'office'] },
  },
  { path: 'plan-imports/:draftId', page: lazy(() => import('./features/importer/PlanImportReviewPage.tsx')) },
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
    nav: { to: '/admin/users', label: '用户管理', icon: <TeamOutlined />, roles: ['admin'] },
  },
  {
    path: 'admin/units',
    page: lazy(() => import('./features/admin/UnitsPage.tsx')),
    nav: { to: '/admin/units', label: '单位管理', icon: <ApartmentOutlined />, roles: ['admin'] },
  },
  {
    path: 'audit',
    page: lazy(() => import('./features/admin/AuditPage.tsx')),
    nav: { to: '/audit', label: '审计日志', icon: <AuditOutlined />, roles: ['admin', 'inspector'] },
  },
  { path: 'account', page: lazy(() => import('./features/account/AccountPage.tsx')) },
];

/** The routes whose navigation entry this user may see. */
export function navFor(roles: Role[]): AppRoute[] {
  return APP_ROUTES.filter((r) => r.nav && (!r.nav.roles || r.nav.roles.some((role) => roles.includes(role))));
}
