import { timingSafeEqual } from 'node:crypto';
import { isPermission } from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, RouteAccess } from './context';

export const SESSION_COOKIE = 'posops_sid';
export const CSRF_HEADER = 'x-csrf-token';

export type SessionLookup = { ok: true; actor: Actor } | { ok: false; reason: 'none' | 'expired' };

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  allowPending: boolean;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every /api route must declare its access (a permission, 'authenticated' or 'public'); a route without
 * one stops the server at start. Then, per request: session → pending password/TOTP → permission → CSRF.
 */
export function installAuthGuard(
  app: FastifyInstance,
  lookupSession: (token: string, request: FastifyRequest) => Promise<SessionLookup>,
): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${url} declares no access (permission)`);
    if (access !== 'public' && access !== 'authenticated' && !isPermission(access)) {
      throw new Error(`route ${String(route.method)} ${url} names unknown permission ${access}`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({ method, url, access, allowPending: route.config?.allowPending === true });
    }
  });

  // onRequest: before the body is read or validated, so a stranger learns nothing from validation errors.
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!access) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const found = await lookupSession(token, request);
      if (found.ok) request.actor = found.actor;
      else if (access !== 'public' && found.reason === 'expired') {
        throw new AppError('SESSION_EXPIRED', 'session expired, please sign in again');
      }
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
    if (!config.allowPending) {
      if (actor.mustChangePassword)
        throw new AppError('PASSWORD_CHANGE_REQUIRED', 'change your password first');
      if (actor.totpSetupRequired)
        throw new AppError('TOTP_SETUP_REQUIRED', 'set up two-factor authentication first');
    }
    if (access !== 'authenticated' && !actor.permissions.has(access)) {
      throw new AppError('FORBIDDEN', `missing permission ${access}`);
    }
    if (!safeMethods.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, actor.csrfToken)) {
        throw new AppError('CSRF_TOKEN_INVALID', `missing or wrong ${CSRF_HEADER} header`);
      }
    }
  });
  return routes;
}
