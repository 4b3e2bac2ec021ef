import { lazy, Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, RequireAuth, useAuth } from './features/auth/AuthContext.tsx';
import { PageLoading } from './components/PageLoading.tsx';
import { useReducedMotion } from './components/reduced-motion.ts';
import { APP_ROUTES, routeAllows, type AppRoute } from './routes.tsx';

dayjs.locale('zh-cn');

// Routes are split so the login page does not load the whole application.
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const ForcedPasswordPage = lazy(() => import('./features/account/ForcedPasswordPage.tsx'));
const AppLayout = lazy(() => import('./components/AppLayout.tsx'));
const HomeRedirect = lazy(() => import('./features/plans/HomeRedirect.tsx'));
const Forbidden = lazy(() => import('./components/Forbidden.tsx'));

/** A route's page for the roles that may open it (routes.tsx), the 403 page for anyone else. */
function Guarded({ route }: { route: AppRoute }) {
  const roles = useAuth().user?.roles ?? [];
  const Page = route.page;
  return routeAllows(route, roles) ? <Page /> : <Forbidden roles={roles} />;
}

export function App() {
  const reducedMotion = useReducedMotion();
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4, motion: !reducedMotion } }}
    >
      <AntApp>
        <AuthProvider>
          {/*
            No transitions: with them the router keeps the old page mounted while the new one's chunk
            loads, and a redirect still waiting there (the home page's plan list) fires afterwards and
            replaces the page the user just opened, e.g. a submission opened from the bell.
          */}
          <BrowserRouter useTransitions={false}>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/login" element={<LoginPage />} />
                {/* A temporary password must be changed first; RequireAuth sends every other page here. */}
                <Route path="/change-password" element={<ForcedPasswordPage />} />
                <Route
                  element={
                    <RequireAuth>
                      <AppLayout />
                    </RequireAuth>
                  }
                >
                  <Route index element={<HomeRedirect />} />
                  {APP_ROUTES.map((route) => (
                    <Route key={route.path} path={route.path} element={<Guarded route={route} />} />
                  ))}
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
