import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { Permission } from '../api/types';
import { type Access, useAccess } from './access';
import { pendingAccountStep, useSession } from './session';

export function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" />
    </div>
  );
}

/** Logged-in users only; forced account steps (new password, TOTP set-up) come before anything else. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, signedOut } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!user) {
    // After a sign-out the page just left is not carried over to whoever signs in next.
    const wanted = `${location.pathname}${location.search}`;
    const next = wanted === '/' || signedOut ? '' : `?next=${encodeURIComponent(wanted)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  const step = pendingAccountStep(user);
  if (step && location.pathname !== step) return <Navigate to={step} replace />;
  return children;
}

export function RequirePermission({
  permission,
  redirect,
  children,
}: {
  permission?: Permission;
  /** Where this user should be instead, if anywhere (checked before the permission). */
  redirect?: (access: Access) => string | undefined;
  children: ReactNode;
}) {
  const access = useAccess();
  const { t } = useTranslation();
  const elsewhere = redirect?.(access);
  if (elsewhere) return <Navigate to={elsewhere} replace />;
  if (!access.can(permission)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('page.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('page.backHome')}</Button>
          </Link>
        }
      />
    );
  }
  return children;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('page.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('page.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** Where to go after login: the page asked for (same-site paths only), else home. */
export function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}
