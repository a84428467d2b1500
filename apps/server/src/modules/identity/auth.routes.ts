import {
  changePasswordBody,
  localeBody,
  loginBody,
  sessionResponse,
  totpEnableBody,
  totpSetupResponse,
} from '@posops/contracts';
import { AppError } from '@posops/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contextOf, type ZodApp } from '../../platform/http/app';
import { SESSION_COOKIE } from '../../platform/http/auth-guard';
import type { ModuleDeps } from '../../platform/module';
import { changePassword, enableTotp, login, logout, sessionView, setLocale, setupTotp } from './auth.service';

function setSessionCookie(deps: ModuleDeps, request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: deps.config.SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export function authRoutes(deps: ModuleDeps) {
  return async (app: ZodApp) => {
    app.post(
      '/api/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in; sets the session cookie and returns the CSRF token for writes',
          body: loginBody,
          response: { 200: sessionResponse },
        },
      },
      async (request, reply) => {
        const { token, session } = await login(deps, request.body, {
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent'] ?? null,
        });
        setSessionCookie(deps, request, reply, token);
        return session;
      },
    );
    app.post(
      '/api/auth/logout',
      {
        config: { access: 'authenticated', allowPending: true },
        schema: { tags: ['auth'], summary: 'Sign out' },
      },
      async (request, reply) => {
        if (request.actor) await logout(deps, request.actor);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/auth/me',
      {
        config: { access: 'authenticated', allowPending: true },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the CSRF token',
          response: { 200: sessionResponse },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
        return sessionView(deps, actor.userId, actor.csrfToken);
      },
    );
    app.post(
      '/api/auth/change-password',
      {
        config: { access: 'authenticated', allowPending: true },
        schema: {
          tags: ['auth'],
          summary: 'Change my password (ends my other sessions)',
          body: changePasswordBody,
          response: { 200: sessionResponse },
        },
      },
      async (request) => {
        const ctx = contextOf(request, deps);
        await changePassword(ctx, request.body.currentPassword, request.body.newPassword);
        return sessionView(deps, ctx.actor.userId, ctx.actor.csrfToken);
      },
    );
    app.put(
      '/api/auth/me/locale',
      {
        config: { access: 'authenticated', allowPending: true },
        schema: { tags: ['auth'], summary: 'Remember my language', body: localeBody },
      },
      async (request, reply) => {
        await setLocale(contextOf(request, deps), request.body.locale);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/auth/totp/setup',
      {
        config: { access: 'authenticated', allowPending: true },
        schema: {
          tags: ['auth'],
          summary: 'Start two-factor set-up: a new TOTP secret',
          response: { 200: totpSetupResponse },
        },
      },
      async (request) => setupTotp(contextOf(request, deps)),
    );
    app.post(
      '/api/auth/totp/enable',
      {
        config: { access: 'authenticated', allowPending: true },
        schema: {
          tags: ['auth'],
          summary: 'Finish two-factor set-up with a code from the app',
          body: totpEnableBody,
          response: { 200: sessionResponse },
        },
      },
      async (request) => {
        const ctx = contextOf(request, deps);
        await enableTotp(ctx, request.body.code);
        return sessionView(deps, ctx.actor.userId, ctx.actor.csrfToken);
      },
    );
  };
}
