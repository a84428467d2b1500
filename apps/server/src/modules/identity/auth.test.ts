import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  DEMO_PASSWORD,
  orgId,
  roleId,
  startTestApp,
  type TestApp,
  userId,
} from '../../../test/app';
import { currentTotp } from './index';

let app: TestApp;
let admin: Client;

const MINUTE = 60_000;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

/** A fresh admin session: tests advance the clock, which ends older sessions. */
async function asAdmin(): Promise<Client> {
  admin = await app.as('admin');
  return admin;
}

async function loginHistory(username: string) {
  return app.db
    .selectFrom('login_history')
    .select(['success', 'reason', 'user_id'])
    .where('username', '=', username)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

async function userRow(username: string) {
  return app.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
}

async function sessionCount(username: string): Promise<number> {
  const rows = await app.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('s.id')
    .where('u.username', '=', username)
    .execute();
  return rows.length;
}

/** Creates a user through the API as admin; returns its id and first password. */
async function createUser(username: string, roleCodes: string[] = []) {
  const client = await asAdmin();
  const roleIds = await Promise.all(roleCodes.map((code) => roleId(app, code)));
  const response = await client.post('/api/users', {
    username,
    displayName: `Test ${username}`,
    orgId: await orgId(app, 'BJ'),
    roleIds,
  });
  expect(response.status).toBe(201);
  return { id: response.body.user.id as string, initialPassword: response.body.initialPassword as string };
}

describe('signing in', () => {
  it('returns the user and a CSRF token and sets an HttpOnly SameSite=Lax session cookie', async () => {
    const client = app.client();
    const response = await client.login('ops');
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({
      username: 'ops',
      displayName: '运营经理',
      orgId: await orgId(app, 'HQ'),
      mustChangePassword: false,
      totpEnabled: false,
      totpRequired: false,
    });
    expect(response.body.user.permissions).toContain('user.read');
    expect(response.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^posops_sid=[\w-]{40,};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('ops');
    expect(me.body.csrfToken).toBe(response.body.csrfToken);
    const history = await loginHistory('ops');
    expect(history.at(-1)).toMatchObject({ success: true, reason: 'ok', user_id: await userId(app, 'ops') });
  });

  it('refuses a wrong password and an unknown user with the same answer, and records both', async () => {
    const wrong = await app.client().login('analyst', 'not-the-password-1');
    const unknown = await app.client().login('no.such.user', 'not-the-password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await loginHistory('analyst')).toEqual([
      { success: false, reason: 'wrong_password', user_id: await userId(app, 'analyst') },
    ]);
    expect(await loginHistory('no.such.user')).toEqual([
      { success: false, reason: 'unknown_user', user_id: null },
    ]);
    expect((await userRow('analyst')).failed_attempts).toBe(1);
  });

  it('locks an account after 10 wrong passwords, even against the right one, for 30 minutes', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await app.client().login('procurement', `wrong-password-${i}`);
      expect(response.status).toBe(401);
    }
    const locked = await userRow('procurement');
    expect(locked.locked_until?.getTime()).toBe(app.clock.now().getTime() + 30 * MINUTE);
    const right = await app.client().login('procurement');
    expect(right.status).toBe(401);
    expect(right.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
    expect((await loginHistory('procurement')).at(-1)?.reason).toBe('locked');

    app.clock.advance(29 * MINUTE);
    expect((await app.client().login('procurement')).status).toBe(401);
    app.clock.advance(2 * MINUTE);
    const later = await app.client().login('procurement');
    expect(later.status).toBe(200);
    expect(later.body.user.username).toBe('procurement');
    const unlocked = await userRow('procurement');
    expect(unlocked.locked_until).toBeNull();
    expect(unlocked.failed_attempts).toBe(0);
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', unlocked.id)
      .where('action', '=', 'user.locked')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('sessions', () => {
  it('expire after 15 minutes without a request', async () => {
    const client = await app.as('cs.lead');
    app.clock.advance(14 * MINUTE);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    app.clock.advance(14 * MINUTE);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    app.clock.advance(16 * MINUTE);
    const expired = await client.get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('SESSION_EXPIRED');
    expect(await sessionCount('cs.lead')).toBe(0);
  });

  it('expire 12 hours after sign-in even when used every 10 minutes', async () => {
    const client = await app.as('settlement');
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      app.clock.advance(10 * MINUTE);
      const me = await client.get('/api/auth/me');
      expect(me.status, `after ${minutes} minutes`).toBe(200);
    }
    app.clock.advance(10 * MINUTE);
    const expired = await client.get('/api/orgs');
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('SESSION_EXPIRED');
  });

  it('refuse a write without the CSRF header and change nothing', async () => {
    const client = await asAdmin();
    const target = await userId(app, 'cs');
    const before = await userRow('cs');
    const missing = await client.request(
      'PATCH',
      `/api/users/${target}`,
      { displayName: 'Changed' },
      { csrf: false },
    );
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await client.request(
      'PATCH',
      `/api/users/${target}`,
      { displayName: 'Changed' },
      { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(32) } },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('CSRF_TOKEN_INVALID');
    const locale = await client.request('PUT', '/api/auth/me/locale', { locale: 'en-US' }, { csrf: false });
    expect(locale.status).toBe(403);
    expect(await userRow('cs')).toEqual(before);
    expect((await userRow('admin')).locale).toBe('zh-CN');
    const audit = await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', target)
      .where('action', '=', 'user.update')
      .execute();
    expect(audit).toEqual([]);
  });

  it('end at logout', async () => {
    const client = await app.as('cs');
    const cookie = client.cookie;
    expect(await sessionCount('cs')).toBe(1);
    const logout = await client.post('/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^posops_sid=;/);
    expect(await sessionCount('cs')).toBe(0);
    client.cookie = cookie;
    const after = await client.get('/api/auth/me');
    expect(after.status).toBe(401);
  });

  it('all end at once when the user is disabled', async () => {
    const first = await app.as('frontdesk');
    const second = await app.as('frontdesk');
    expect(await sessionCount('frontdesk')).toBe(2);
    const client = await asAdmin();
    const disabled = await client.post(`/api/users/${await userId(app, 'frontdesk')}/disable`, {
      reason: 'left the bank',
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.status).toBe('disabled');
    expect(await sessionCount('frontdesk')).toBe(0);
    expect((await first.get('/api/orgs')).status).toBe(401);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    const again = await app.client().login('frontdesk');
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('INVALID_CREDENTIALS');
    expect((await loginHistory('frontdesk')).at(-1)?.reason).toBe('disabled');
  });
});

describe('a user created by an administrator', () => {
  let created: { id: string; initialPassword: string };
  const username = 'new.clerk';

  beforeAll(async () => {
    created = await createUser(username, ['analyst']);
  });

  it('signs in with the first password but may do nothing else until it is changed', async () => {
    const client = app.client();
    const login = await client.login(username, created.initialPassword);
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const orgs = await client.get('/api/orgs');
    expect(orgs.status).toBe(403);
    expect(orgs.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const locale = await client.get('/api/notifications');
    expect(locale.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await client.get('/api/auth/me')).status).toBe(200);
  });

  it('is told precisely why a new password is refused, and nothing changes', async () => {
    const client = app.client();
    expect((await client.login(username, created.initialPassword)).status).toBe(200);
    const before = await userRow(username);
    const attempts: [string, string][] = [
      ['short1abc', 'at least 12 characters'],
      ['abcdefghijklmnop', 'must contain letters and digits'],
      [`${username}-2026x`, 'must not contain the username'],
      ['password1234', 'too common, choose another'],
      [created.initialPassword, 'must differ from your last 4 passwords'],
    ];
    for (const [newPassword, message] of attempts) {
      const response = await client.post('/api/auth/change-password', {
        currentPassword: created.initialPassword,
        newPassword,
      });
      expect(response.status, newPassword).toBe(400);
      expect(response.body).toEqual({ code: 'PASSWORD_POLICY', message, fields: { newPassword: message } });
    }
    const wrongCurrent = await client.post('/api/auth/change-password', {
      currentPassword: 'not-my-password-9',
      newPassword: 'Fresh-start-2026-x',
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.fields).toEqual({ currentPassword: 'wrong password' });
    expect(await userRow(username)).toEqual(before);
    expect((await client.get('/api/orgs')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('works normally once the password is changed, and signs in with the new one only', async () => {
    const client = app.client();
    expect((await client.login(username, created.initialPassword)).status).toBe(200);
    const other = app.client();
    expect((await other.login(username, created.initialPassword)).status).toBe(200);
    const changed = await client.post('/api/auth/change-password', {
      currentPassword: created.initialPassword,
      newPassword: 'Fresh-start-2026-x',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    const orgs = await client.get('/api/orgs');
    expect(orgs.status).toBe(200);
    expect(orgs.body.map((o: { code: string }) => o.code)).toContain('BJ');
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await app.client().login(username, created.initialPassword)).status).toBe(401);
    expect((await app.client().login(username, 'Fresh-start-2026-x')).status).toBe(200);
  });
});

describe('two-factor authentication for privileged roles', () => {
  const username = 'new.admin';
  const password = 'Second-factor-2026';
  let secret: string;
  let enableCode: string;

  it('is required once a privileged role is granted through approval', async () => {
    const created = await createUser(username);
    const client = app.client();
    expect((await client.login(username, created.initialPassword)).status).toBe(200);
    expect(
      (
        await client.post('/api/auth/change-password', {
          currentPassword: created.initialPassword,
          newPassword: password,
        })
      ).status,
    ).toBe(200);
    expect((await client.get('/api/orgs')).status).toBe(403);

    const grant = await (await asAdmin()).post(`/api/users/${created.id}/roles`, {
      roleId: await roleId(app, 'sysadmin'),
      reason: 'second administrator for BJ',
    });
    expect(grant.status).toBe(200);
    expect(grant.body.status).toBe('pending_approval');
    expect((await client.get('/api/orgs')).body.code).toBe('FORBIDDEN');
    const approved = await (await app.as('admin2')).post(
      `/api/approvals/${grant.body.approvalId}/approve`,
      {},
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const orgs = await client.get('/api/orgs');
    expect(orgs.status).toBe(403);
    expect(orgs.body.code).toBe('TOTP_SETUP_REQUIRED');
    const me = await client.get('/api/auth/me');
    expect(me.body.user.totpRequired).toBe(true);
    expect(me.body.user.totpEnabled).toBe(false);
  });

  it('is set up with a secret and a code from the app', async () => {
    const client = app.client();
    expect((await client.login(username, password)).status).toBe(200);
    const setup = await client.post('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    secret = setup.body.secret;
    // Kept sealed: the database never holds the secret in clear.
    const stored = (
      await app.db
        .selectFrom('users')
        .select('totp_secret')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).totp_secret;
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.body.otpauthUrl).toContain(`secret=${secret}`);
    const wrongCode = String((Number(currentTotp(username, secret)) + 500_000) % 1_000_000).padStart(6, '0');
    const refused = await client.post('/api/auth/totp/enable', { code: wrongCode });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('TOTP_INVALID');
    expect((await userRow(username)).totp_enabled).toBe(false);
    enableCode = currentTotp(username, secret);
    const enabled = await client.post('/api/auth/totp/enable', { code: enableCode });
    expect(enabled.status).toBe(200);
    expect(enabled.body.user.totpEnabled).toBe(true);
    expect((await client.get('/api/orgs')).status).toBe(200);
  });

  it('then asks for the code at every sign-in', async () => {
    const without = await app.client().login(username, password);
    expect(without.status).toBe(401);
    expect(without.body.code).toBe('TOTP_REQUIRED');
    expect(without.headers.get('set-cookie')).toBeNull();
    const code = currentTotp(username, secret);
    const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    const wrong = await app.client().login(username, password, wrongCode);
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('TOTP_INVALID');
    const wrongPassword = await app.client().login(username, 'Not-the-password-1', code);
    expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
    const client = app.client();
    // The code used to enable TOTP was accepted once; the next time step's code signs in.
    const replayed = await app.client().login(username, password, enableCode);
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('TOTP_INVALID');
    // A code of a later step than the one used to enable (±1 step is accepted for clock drift).
    const nextCode = currentTotp(username, secret, 1);
    const right = await client.login(username, password, nextCode);
    expect(right.status).toBe(200);
    const again = await app.client().login(username, password, nextCode);
    expect(again.body.code).toBe('TOTP_INVALID');
    expect(right.body.user.roles.map((r: { code: string }) => r.code)).toEqual(['sysadmin']);
    expect((await client.get('/api/users')).status).toBe(200);
    expect((await loginHistory(username)).map((h) => h.reason).slice(-4)).toEqual([
      'wrong_password',
      'totp_invalid',
      'ok',
      'totp_invalid',
    ]);
  });
});

describe('preferences', () => {
  it('remembers the chosen language', async () => {
    const client = await app.as('sales');
    const put = await client.put('/api/auth/me/locale', { locale: 'en-US' });
    expect(put.status).toBe(204);
    expect((await client.get('/api/auth/me')).body.user.locale).toBe('en-US');
    const again = await app.client().login('sales');
    expect(again.body.user.locale).toBe('en-US');
    const bad = await client.put('/api/auth/me/locale', { locale: 'fr-FR' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await userRow('sales')).locale).toBe('en-US');
  });
});

describe('bad input', () => {
  it('names an unknown field', async () => {
    const response = await app.client().post('/api/auth/login', {
      username: 'ops',
      password: DEMO_PASSWORD,
      rememberMe: true,
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.fields).toEqual({ rememberMe: 'unknown field' });
    const client = await asAdmin();
    const patch = await client.patch(`/api/users/${await userId(app, 'cs')}`, {
      displayName: 'X',
      isAdmin: true,
    });
    expect(patch.status).toBe(400);
    expect(patch.body.fields).toEqual({ isAdmin: 'unknown field' });
  });

  it('refuses malformed JSON', async () => {
    const response = await app.client().request('POST', '/api/auth/login', undefined, {
      raw: '{"username": "ops", "password": ',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'VALIDATION_FAILED', message: 'malformed JSON body' });
  });

  it('refuses a body over 1 MiB', async () => {
    const response = await app.client().request('POST', '/api/auth/login', {
      username: 'ops',
      password: 'x'.repeat(1024 * 1024),
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('never answers 500 to odd characters in a search', async () => {
    const client = await asAdmin();
    for (const q of ['%00', '%25', '_', '%5C', encodeURIComponent("'; drop table users; --")]) {
      const response = await client.get(`/api/users?q=${q}`);
      expect(response.status, q).toBeLessThan(500);
    }
    const nul = await client.get('/api/users?q=%00');
    expect(nul.body).toEqual({ code: 'VALIDATION_FAILED', message: 'text must not contain NUL characters' });
    const login = await app.client().login('ops\u0000', DEMO_PASSWORD);
    expect(login.status).toBe(400);
    expect((await client.get('/api/users?q=%25')).body.items).toEqual([]);
    expect(
      (await client.get('/api/users?q=bj.')).body.items.map((u: { username: string }) => u.username),
    ).toEqual(['bj.admin', 'bj.ops']);
  });

  it('refuses a cursor the list did not issue', async () => {
    const client = await asAdmin();
    const encode = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const someId = await userId(app, 'ops');
    const bad = [
      '/api/users?cursor=garbage',
      `/api/users?cursor=${encode(['ops'])}`,
      `/api/users?cursor=${encode(['ops', 'not-a-uuid'])}`,
      `/api/users?cursor=${encode(['o\u0000ps', someId])}`,
      `/api/users?sort=createdAt&cursor=${encode(['yesterday', someId])}`,
      `/api/users?sort=-lastLoginAt&cursor=${encode(['2026-02-30T00:00:00.000Z', someId])}`,
      `/api/permission-review?cursor=${encode(['a\u0000'])}`,
    ];
    for (const url of bad) {
      const response = await client.get(url);
      expect(response.status, url).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields).toEqual({ cursor: 'invalid cursor' });
    }
    const page = await client.get('/api/users?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    const next = await client.get(`/api/users?limit=2&cursor=${page.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].username > page.body.items[1].username).toBe(true);
  });
});
