import { Suspense, useState, type MouseEvent } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Dropdown, Grid, Input, Layout, Menu, Typography } from 'antd';
import {
  HomeOutlined,
  IdcardOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  LogoutOutlined,
  MenuOutlined,
  SearchOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS } from '@innocity/shared/api/auth';
import { useAuth } from '../features/auth/AuthContext.tsx';
import { PageLoading } from './PageLoading.tsx';
import { PageResult } from './PageResult.tsx';
import { searchButton } from './a11y.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import { mayOpen, navFor } from '../routes.tsx';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { LazyPlanSwitcher as PlanSwitcher } from '../features/plans/LazyPlanSwitcher.tsx';
import { isPlanless, useCurrentPlan, usePlanInUrl, withPlan } from '../features/plans/plan-choice.ts';
import { HelpDrawer } from '../features/help/HelpDrawer.tsx';

/** The navigation key that the current path falls under: the longest matching entry. */
function selectedKey(pathname: string, keys: string[]): string[] {
  // A plan's own pages sit under the entries that open them for the plan in force.
  pathname = pathname.replace(/^\/plans\/[^/]+\/ledgers/, '/ledgers').replace(/^\/plans\/[^/]+\/?$/, '/overview');
  const match = keys.filter((k) => k !== '/' && pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return [match ?? '/'];
}

/** Moves focus to the page itself; the router would treat "#main" as a navigation. */
function skipToMain(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}

/** The one layout: header with the user's menu, navigation (a drawer on phones), the page. */
export default function AppLayout() {
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [drawer, setDrawer] = useState(false);
  const [help, setHelp] = useState(false);
  const phone = !screens.md;
  const current = useCurrentPlan();
  const planId = current.plan?.id;
  usePlanInUrl(planId);
  const nav = navFor(user?.roles ?? []).map((r) => ({
    key: r.nav!.to,
    icon: r.nav!.icon,
    label: <Link to={withPlan(r.nav!.to, planId)}>{r.nav!.label}</Link>,
  }));
  const menu = (
    <Menu
      mode="inline"
      // The 403 page belongs to no entry: highlighting 驾驶舱 there would say the user is somewhere they are not.
      selectedKeys={
        mayOpen(location.pathname, user?.roles ?? [])
          ? selectedKey(
              location.pathname,
              nav.map((n) => n.key),
            )
          : []
      }
      items={nav}
      onClick={() => setDrawer(false)}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* The first Tab stop: keyboard users skip the header and the navigation (shown only when focused). */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        跳到正文
      </a>
      <Layout.Header className="app-header">
        {phone && (
          <Button
            type="text"
            aria-label="打开导航"
            icon={<MenuOutlined />}
            onClick={() => setDrawer(true)}
            className="header-button"
          />
        )}
        {/* On a phone the plan, search, bell and account need the width: the title becomes a home icon. */}
        <Link to="/" className="app-title" aria-label="创新型示范市建设管理平台">
          {phone ? <HomeOutlined /> : '创新型示范市建设管理平台'}
        </Link>
        <PlanSwitcher compact={phone} current={current} />
        {/* One search box for enterprises, projects, work items and units; a button to the page on phones. */}
        {phone ? (
          <Button
            type="text"
            aria-label="查找"
            icon={<SearchOutlined />}
            className="header-button"
            onClick={() => navigate('/search')}
          />
        ) : (
          <Input.Search
            aria-label="查找"
            className="header-search"
            enterButton={searchButton}
            placeholder="查找企业、项目、事项、单位"
            maxLength={50}
            allowClear
            onSearch={(v) => v.trim() && navigate(`/search?q=${encodeURIComponent(v.trim())}`)}
          />
        )}
        {!phone && (
          <Button type="text" icon={<QuestionCircleOutlined />} className="header-button" onClick={() => setHelp(true)}>
            帮助
          </Button>
        )}
        {/* Notification bell (reporting module): unread count, mark read. */}
        <NotificationBell />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'roles', disabled: true, label: user?.roles.map((r) => ROLE_LABELS[r]).join('、') || '无角色' },
              { type: 'divider' },
              // On phones the header has no room for 帮助: it sits here.
              ...(phone ? [{ key: 'help', icon: <QuestionCircleOutlined />, label: '本页帮助' }] : []),
              { key: 'guides', icon: <ReadOutlined />, label: '操作指南' },
              { key: 'account', icon: <IdcardOutlined />, label: '我的账号' },
              { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
            ],
            onClick: async ({ key }) => {
              if (key === 'help') setHelp(true);
              if (key === 'guides') navigate('/help');
              if (key === 'account') navigate('/account');
              if (key === 'logout') {
                await logout();
                navigate('/login');
              }
            },
          }}
        >
          <Button type="text" icon={<UserOutlined />} className="header-button" aria-label="账号菜单">
            {!phone && <Typography.Text style={{ color: 'inherit' }}>{user?.displayName}</Typography.Text>}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={200} theme="light" className="app-sider">
            {menu}
          </Layout.Sider>
        )}
        <HelpDrawer open={help} onClose={() => setHelp(false)} />
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240} title="导航">
          {menu}
        </Drawer>
        <Layout.Content className="app-content" id="main" tabIndex={-1}>
          <DemoBanner />
          {current.refused && !isPlanless(location.pathname) ? (
            <PageResult
              status="403"
              title="无法打开此方案"
              subTitle="地址中的方案不存在，或不属于您所在的地区。请从顶部的方案切换中选择您可以查看的方案。"
              extra={
                <Button type="primary" onClick={() => navigate('/')}>
                  返回首页
                </Button>
              }
            />
          ) : (
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
