import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { onAuthLost } from '../api/client';
import type { Locale, SessionResponse, SessionUser } from '../api/types';
import { authKeys, fetchSession, logout as logoutRequest, saveLocale } from '../features/auth/api';
import { applyLocale } from './i18n';

interface SessionContextValue {
  user: SessionUser | null;
  loading: boolean;
  /** The user signed out here (rather than losing the session): the next login starts afresh. */
  signedOut: boolean;
  /** Stores a session answered by login (or a refreshed /me). */
  setSession: (session: SessionResponse) => void;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
  /** Switches the language now and remembers it for the user (or in the browser before login). */
  changeLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [signedOut, setSignedOut] = useState(false);
  const query = useQuery({
    queryKey: authKeys.session,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    retry: 1,
    refetchOnWindowFocus: false,
  });
  const user = query.data?.user ?? null;
  const userLocale = user?.locale;

  useEffect(() => {
    if (userLocale) void applyLocale(userLocale);
  }, [userLocale]);

  useEffect(
    () =>
      onAuthLost(() => {
        queryClient.setQueryData(authKeys.session, null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.session[0] });
      }),
    [queryClient],
  );

  const setSession = useCallback(
    (session: SessionResponse) => {
      setSignedOut(false);
      queryClient.setQueryData(authKeys.session, session);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: authKeys.session });
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await logoutRequest();
    } finally {
      setSignedOut(true);
      queryClient.setQueryData(authKeys.session, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.session[0] });
    }
  }, [queryClient]);

  const changeLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      const current = queryClient.getQueryData<SessionResponse | null>(authKeys.session);
      if (!current) return;
      queryClient.setQueryData(authKeys.session, { ...current, user: { ...current.user, locale } });
      await saveLocale(locale);
    },
    [queryClient],
  );

  const value = useMemo<SessionContextValue>(
    () => ({ user, loading: query.isPending, signedOut, setSession, refresh, logout, changeLocale }),
    [user, query.isPending, signedOut, setSession, refresh, logout, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The logged-in user; only for components rendered behind the auth guard. */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser without a session');
  return user;
}

/** The step a user must finish before anything else, if any. */
export function pendingAccountStep(user: SessionUser): '/account/password' | '/account/totp' | null {
  if (user.mustChangePassword) return '/account/password';
  if (user.totpRequired && !user.totpEnabled) return '/account/totp';
  return null;
}
