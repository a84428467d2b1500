import { Button, Result } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { FullPageSpin, NotFoundPage, RequireAuth, RequirePermission, safeNext } from './guards';
import { LoginPage, pageRoutes } from './routes';
import { useSession } from './session';

// The shell (menu, header) loads after login, so the login page carries none of it.
const AppLayout = lazy(async () => ({ default: (await import('./layout/app-layout')).AppLayout }));

function RouteError() {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('page.loadFailed')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.refresh')}
        </Button>
      }
    />
  );
}

function LoginRoute() {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (user) return <Navigate to={safeNext(location.search)} replace />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <LoginPage />
    </Suspense>
  );
}

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginRoute />, errorElement: <RouteError /> },
    {
      path: '/',
      element: (
        <RequireAuth>
          <Suspense fallback={<FullPageSpin />}>
            <AppLayout />
          </Suspense>
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        ...pageRoutes.map((route) => ({
          path: route.path,
          element: (
            <RequirePermission permission={route.permission} redirect={route.redirect}>
              <route.page />
            </RequirePermission>
          ),
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
