import { createHash, randomBytes } from 'node:crypto';
import type { SessionResponse } from '@posops/contracts';
import { AppError, type Clock, openText, sealText } from '@posops/kernel';
import * as OTPAuth from 'otpauth';
import type { AppConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import type { SessionLookup } from '../../platform/http/auth-guard';
import type { Actor, ServiceContext } from '../../platform/http/context';
import { originOf, recordAudit } from '../audit';
import { orgNameOf } from './orgs.repo';
import {
  burnVerification,
  checkPasswordPolicy,
  hashPassword,
  PASSWORD_HISTORY_DEPTH,
  verifyPassword,
} from './passwords';
import {
  deleteSession,
  deleteSessionsOfUser,
  insertSession,
  sessionWithUser,
  touchSession,
} from './sessions.repo';
import {
  acceptTotpStep,
  countFailedLogin,
  enableUserTotp,
  findUserById,
  findUserByUsername,
  lockUserAfterFailures,
  markSignedIn,
  recentPasswordHashes,
  recordLogin,
  setPassword,
  setUserLocale,
  storeTotpSecret,
  userPermissions,
  userRoles,
} from './users.repo';

export const LOGIN_FAILURES_MAX = 10;
export const LOCKOUT_MS = 30 * 60_000;
const SESSION_TOUCH_INTERVAL_MS = 60_000;
const invalidCredentials = () => new AppError('INVALID_CREDENTIALS', 'wrong username or password');

export interface AuthDeps {
  db: Db;
  clock: Clock;
  config: AppConfig;
}

export interface Origin {
  ip: string | null;
  userAgent: string | null;
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

function totpFor(username: string, secret: string) {
  return new OTPAuth.TOTP({
    issuer: 'PosOps',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

const TOTP_PERIOD_MS = 30_000;

/**
 * Checks a TOTP code (±1 step for clock drift) and accepts each time step once: a code seen on the wire
 * cannot be replayed, even within its 90-second window.
 */
/** TOTP secrets are kept sealed with SECRET_KEY (decision 0009); a database dump does not yield them. */
function openTotpSecret(secretKey: string, stored: string): string {
  return stored.startsWith('v1.') ? openText(secretKey, stored) : stored;
}

async function acceptTotp(
  db: Db,
  userId: string,
  username: string,
  secret: string,
  code: string,
): Promise<boolean> {
  const delta = totpFor(username, secret).validate({ token: code, window: 1 });
  if (delta === null) return false;
  const step = BigInt(Math.floor(Date.now() / TOTP_PERIOD_MS) + delta);
  return acceptTotpStep(db, userId, step);
}

/**
 * The one rule: a holder of a privileged role needs TOTP (TOTP_FOR_PRIVILEGED), except the published
 * demo users in demo mode.
 */
function totpRuleApplies(
  config: AuthDeps['config'],
  user: { is_demo: boolean; privileged: boolean },
): boolean {
  return config.TOTP_FOR_PRIVILEGED && !(config.DEMO && user.is_demo) && user.privileged;
}

async function totpRequired(deps: AuthDeps, user: { id: string; is_demo: boolean }): Promise<boolean> {
  const roles = await userRoles(deps.db, user.id);
  return totpRuleApplies(deps.config, { is_demo: user.is_demo, privileged: roles.some((r) => r.privileged) });
}

/** The session answer the console works from: who I am, what I may do, the CSRF token. */
export async function sessionView(
  deps: AuthDeps,
  userId: string,
  csrfToken: string,
): Promise<SessionResponse> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  const [roles, permissions, org, required] = await Promise.all([
    userRoles(deps.db, userId),
    userPermissions(deps.db, userId),
    orgNameOf(deps.db, user.org_id),
    totpRequired(deps, user),
  ]);
  return {
    csrfToken,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      orgId: user.org_id,
      orgName: org.name,
      locale: user.locale,
      permissions: permissions.sort(),
      roles: roles.map((r) => ({ code: r.code, name: user.locale === 'en-US' ? r.name_en : r.name })),
      mustChangePassword: user.must_change_password,
      totpEnabled: user.totp_enabled,
      totpRequired: required,
    },
  };
}

/**
 * Signs a user in. Every refusal before the password is proven says the same thing, and an unknown
 * username costs the same time as a known one: nobody learns which usernames exist or are locked.
 */
export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; totp?: string | undefined },
  origin: Origin,
): Promise<{ token: string; session: SessionResponse }> {
  const { db, clock } = deps;
  const now = clock.now();
  const user = await findUserByUsername(db, input.username);
  const history = (success: boolean, reason: string) =>
    recordLogin(db, {
      userId: user?.id ?? null,
      orgId: user?.org_id ?? null,
      username: input.username,
      ...origin,
      success,
      reason,
    });
  if (!user) {
    await burnVerification(input.password);
    await history(false, 'unknown_user');
    throw invalidCredentials();
  }
  const locked = user.locked_until !== null && user.locked_until > now;
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (locked) {
    await history(false, 'locked');
    throw invalidCredentials();
  }
  if (!passwordOk) {
    await registerFailure(deps, user.id, user.username, now);
    await history(false, 'wrong_password');
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    await history(false, 'disabled');
    throw invalidCredentials();
  }
  if (user.totp_enabled && user.totp_secret) {
    if (!input.totp) {
      await history(false, 'totp_required');
      throw new AppError('TOTP_REQUIRED', 'enter the 6-digit code of your authenticator app');
    }
    const secret = openTotpSecret(deps.config.SECRET_KEY, user.totp_secret);
    if (!(await acceptTotp(db, user.id, user.username, secret, input.totp))) {
      await registerFailure(deps, user.id, user.username, now);
      await history(false, 'totp_invalid');
      throw new AppError('TOTP_INVALID', 'the authenticator code is wrong or expired');
    }
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (tx) => {
    await markSignedIn(tx, user.id, now);
    await insertSession(tx, {
      id: tokenId(token),
      userId: user.id,
      csrfToken,
      ...origin,
      now,
      expiresAt: new Date(now.getTime() + deps.config.SESSION_ABSOLUTE_HOURS * 3_600_000),
    });
  });
  await history(true, 'ok');
  return { token, session: await sessionView(deps, user.id, csrfToken) };
}

async function registerFailure(deps: AuthDeps, userId: string, username: string, now: Date) {
  await deps.db.transaction().execute(async (tx) => {
    const row = await countFailedLogin(tx, userId);
    if (row.failed_attempts >= LOGIN_FAILURES_MAX) {
      const until = new Date(now.getTime() + LOCKOUT_MS);
      await lockUserAfterFailures(tx, userId, until);
      await recordAudit(
        tx,
        { actorId: null, actorName: 'system:login', orgId: row.org_id, ip: null, requestId: null },
        {
          action: 'user.locked',
          objectType: 'user',
          objectId: userId,
          after: { username, lockedUntil: until },
        },
      );
    }
  });
}

/** Resolves the session cookie: idle and absolute timeouts, disabled users, permissions as of now. */
export async function lookupSession(deps: AuthDeps, token: string): Promise<SessionLookup> {
  if (token.length > 100) return { ok: false, reason: 'none' };
  const now = deps.clock.now();
  const id = tokenId(token);
  const s = await sessionWithUser(deps.db, id);
  if (!s) return { ok: false, reason: 'expired' };
  const idleMs = deps.config.SESSION_IDLE_MINUTES * 60_000;
  if (s.expires_at <= now || now.getTime() - s.last_seen_at.getTime() > idleMs || s.status !== 'active') {
    await deleteSession(deps.db, id);
    return { ok: false, reason: 'expired' };
  }
  if (now.getTime() - s.last_seen_at.getTime() > SESSION_TOUCH_INTERVAL_MS)
    await touchSession(deps.db, id, now);
  const permissions = s.permissions;
  const required = !s.totp_enabled && totpRuleApplies(deps.config, s);
  const actor: Actor = {
    userId: s.user_id,
    username: s.username,
    displayName: s.display_name,
    orgId: s.org_id,
    orgPath: s.org_path,
    permissions: new Set(permissions),
    sessionId: id,
    csrfToken: s.csrf_token,
    mustChangePassword: s.must_change_password,
    totpSetupRequired: required,
    locale: s.locale,
    merchantId: s.merchant_id,
  };
  return { ok: true, actor };
}

export async function logout(deps: AuthDeps, actor: Actor): Promise<void> {
  await deleteSession(deps.db, actor.sessionId);
}

export async function changePassword(ctx: ServiceContext, currentPassword: string, newPassword: string) {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (!(await verifyPassword(user.password_hash, currentPassword))) {
    throw new AppError('VALIDATION_FAILED', 'current password is wrong', {
      currentPassword: 'wrong password',
    });
  }
  const recent = await recentPasswordHashes(ctx.db, user.id, PASSWORD_HISTORY_DEPTH);
  await checkPasswordPolicy(newPassword, user.username, [user.password_hash, ...recent]);
  const passwordHash = await hashPassword(newPassword);
  await ctx.db.transaction().execute(async (tx) => {
    await setPassword(tx, user.id, passwordHash, false, ctx.clock.now());
    await deleteSessionsOfUser(tx, user.id, ctx.actor.sessionId);
    await recordAudit(tx, originOf(ctx), {
      action: 'user.password.change',
      objectType: 'user',
      objectId: user.id,
    });
  });
}

export async function setLocale(ctx: ServiceContext, locale: 'zh-CN' | 'en-US') {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findUserById(tx, ctx.actor.userId);
    await setUserLocale(tx, ctx.actor.userId, locale);
    await recordAudit(tx, originOf(ctx), {
      action: 'user.locale.set',
      objectType: 'user',
      objectId: ctx.actor.userId,
      before: { locale: before?.locale },
      after: { locale },
    });
  });
}

export async function setupTotp(ctx: ServiceContext) {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (user.totp_enabled) throw new AppError('CONFLICT', 'two-factor authentication is already enabled');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await ctx.db.transaction().execute(async (tx) => {
    await storeTotpSecret(tx, user.id, sealText(ctx.config.SECRET_KEY, secret));
    await recordAudit(tx, originOf(ctx), {
      action: 'user.totp.setup',
      objectType: 'user',
      objectId: user.id,
    });
  });
  return { secret, otpauthUrl: totpFor(user.username, secret).toString() };
}

export async function enableTotp(ctx: ServiceContext, code: string) {
  const user = await findUserById(ctx.db, ctx.actor.userId);
  if (!user?.totp_secret) throw new AppError('CONFLICT', 'start the set-up first');
  const secret = openTotpSecret(ctx.config.SECRET_KEY, user.totp_secret);
  if (!(await acceptTotp(ctx.db, user.id, user.username, secret, code))) {
    throw new AppError('TOTP_INVALID', 'the authenticator code is wrong or expired', { code: 'wrong code' });
  }
  await ctx.db.transaction().execute(async (tx) => {
    await enableUserTotp(tx, user.id);
    await recordAudit(tx, originOf(ctx), {
      action: 'user.totp.enable',
      objectType: 'user',
      objectId: user.id,
      after: { totpEnabled: true },
    });
  });
}

/** For tests and the demo: the code of a secret now, or `stepsAhead` 30-second steps later. */
export function currentTotp(username: string, secret: string, stepsAhead = 0): string {
  return totpFor(username, secret).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}
