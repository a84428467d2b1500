import { ApiError, http, request, setCsrfToken } from '../../api/client';
import type { ChangePasswordBody, Locale, LoginBody, SessionResponse, TotpSetup } from '../../api/types';

export const authKeys = {
  session: ['session'] as const,
};

/** The current session, or null when nobody is logged in. */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await request<SessionResponse>('GET', '/api/auth/me', { quietAuth: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(body: LoginBody): Promise<SessionResponse> {
  const session = await request<SessionResponse>('POST', '/api/auth/login', { body, quietAuth: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await request<void>('POST', '/api/auth/logout', { body: {}, quietAuth: true });
  } finally {
    setCsrfToken(null);
  }
}

export function saveLocale(locale: Locale): Promise<void> {
  return http.put<void>('/api/auth/me/locale', { locale });
}

/** Changes my password; the server ends my other sessions and answers this one afresh. */
export async function changePassword(body: ChangePasswordBody): Promise<SessionResponse> {
  const session = await http.post<SessionResponse>('/api/auth/change-password', body);
  if (session?.csrfToken) setCsrfToken(session.csrfToken);
  return session;
}

export function setupTotp(): Promise<TotpSetup> {
  return http.post<TotpSetup>('/api/auth/totp/setup');
}

export async function enableTotp(code: string): Promise<SessionResponse> {
  const session = await http.post<SessionResponse>('/api/auth/totp/enable', { code });
  if (session?.csrfToken) setCsrfToken(session.csrfToken);
  return session;
}
