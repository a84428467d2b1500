import type { Permission } from '@posops/contracts';
import type { Clock } from '@posops/kernel';
import type { AppConfig } from '../config';
import type { Db } from '../db/database';

/** Who is calling: resolved once per request from the session cookie. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgPath: string;
  permissions: ReadonlySet<string>;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  totpSetupRequired: boolean;
  locale: 'zh-CN' | 'en-US';
  /** A merchant portal login: the one merchant it acts for. Staff: null. */
  merchantId: string | null;
}

/**
 * What a service needs to act for a caller: a connection scoped to the caller's org subtree, the
 * actor for audit and maker-checker, and the request's origin.
 */
export interface ServiceContext {
  db: Db;
  /**
   * The unscoped connection, for the few reads that must look beyond the caller's subtree (who above
   * me may approve this). Never for data returned to the caller.
   */
  system: Db;
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  clock: Clock;
  config: AppConfig;
}

/** Route access, declared next to each route's schema: a permission, or who else may call it. */
export type RouteAccess = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Callable while the user still has to change the password or set up TOTP. */
    allowPending?: boolean;
    /** The answer carries a one-time secret (a first password): it is never stored for idempotent replay. */
    secretResponse?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
