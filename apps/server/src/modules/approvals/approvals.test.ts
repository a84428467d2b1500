import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, roleId, startTestApp, type TestApp, userId } from '../../../test/app';
import { loadConfig } from '../../platform/config';
import type { Db } from '../../platform/db/database';
import { scopedDb } from '../../platform/db/org-scope';
import type { ServiceContext } from '../../platform/http/context';
import { recordAudit } from '../audit';
import { type ApprovedRequest, registerApprovalHandler, submitApproval } from '.';

let app: TestApp;
let admin: Client;
let admin2: Client;
let riskOfficerRole: string;
let sequence = 0;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.as('admin');
  admin2 = await app.as('admin2');
  riskOfficerRole = await roleId(app, 'risk_officer');
});

afterAll(async () => {
  await app?.stop();
});

/** A fresh user without roles, created by admin in the org with the given code. */
async function newUser(orgCode: string): Promise<{ id: string; username: string }> {
  sequence += 1;
  const username = `appr.user${sequence}`;
  const response = await admin.post('/api/users', {
    username,
    displayName: `Approval test user ${sequence}`,
    orgId: await orgId(app, orgCode),
  });
  expect(response.status).toBe(201);
  return { id: response.body.user.id as string, username };
}

async function heldRoles(user: string): Promise<string[]> {
  const rows = await app.db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('r.code')
    .where('ur.user_id', '=', user)
    .orderBy('r.code')
    .execute();
  return rows.map((r) => r.code);
}

async function requestRiskOfficer(user: string) {
  const response = await admin.post(`/api/users/${user}/roles`, {
    roleId: riskOfficerRole,
    reason: 'covers the risk desk',
  });
  expect(response.status).toBe(200);
  expect(response.body.status).toBe('pending_approval');
  return response.body.approvalId as string;
}

async function auditActions(objectId: string): Promise<string[]> {
  const rows = await app.db
    .selectFrom('audit_log')
    .select('action')
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('granting a privileged role waits for a second administrator', () => {
  let user: { id: string; username: string };
  let approvalId: string;

  it('answers pending_approval with the request id, and the role is not held yet', async () => {
    user = await newUser('HQ');
    approvalId = await requestRiskOfficer(user.id);
    expect(approvalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await heldRoles(user.id)).toEqual([]);
    const request = await admin.get(`/api/approvals/${approvalId}`);
    expect(request.status).toBe(200);
    expect(request.body).toMatchObject({
      type: 'role.grant',
      status: 'pending',
      currentStep: 0,
      makerName: '系统管理员',
      steps: [{ index: 0, roleCode: 'sysadmin', orgLevel: 'any' }],
      payload: { userId: user.id, roleCode: 'risk_officer', reason: 'covers the risk desk' },
      canDecide: false,
    });
  });

  it('refuses the maker as checker with 409 MAKER_CHECKER', async () => {
    const response = await admin.post(`/api/approvals/${approvalId}/approve`, {});
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('MAKER_CHECKER');
    expect(await heldRoles(user.id)).toEqual([]);
  });

  it("shows the request in admin2's inbox and not in the maker's, and notifies admin2", async () => {
    const inbox = await admin2.get('/api/approvals?box=inbox');
    expect(inbox.status).toBe(200);
    const mine = inbox.body.items.find((r: { id: string }) => r.id === approvalId);
    expect(mine).toMatchObject({ status: 'pending', canDecide: true });
    const makerInbox = await admin.get('/api/approvals?box=inbox');
    expect(makerInbox.body.items.map((r: { id: string }) => r.id)).not.toContain(approvalId);
    const makerOwn = await admin.get('/api/approvals?box=mine');
    expect(makerOwn.body.items.map((r: { id: string }) => r.id)).toContain(approvalId);

    const notifications = await admin2.get('/api/notifications?limit=200');
    expect(notifications.status).toBe(200);
    const waiting = notifications.body.items.filter(
      (n: { link: string | null }) => n.link === `/approvals?id=${approvalId}`,
    );
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ kind: 'approval.waiting', readAt: null });
    expect(waiting[0].title).toContain(user.username);
  });

  it('grants the role when admin2 approves, and tells the maker', async () => {
    const response = await admin2.post(`/api/approvals/${approvalId}/approve`, { comment: 'ok' });
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('approved');
    expect(response.body.decidedAt).not.toBeNull();
    expect(response.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'approve']);
    expect(await heldRoles(user.id)).toEqual(['risk_officer']);
    const grant = await app.db
      .selectFrom('user_roles')
      .select('granted_by')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(grant.granted_by).toBe(await userId(app, 'admin'));

    const notifications = await admin.get('/api/notifications?limit=200');
    const outcome = notifications.body.items.filter(
      (n: { link: string | null }) => n.link === `/approvals?id=${approvalId}`,
    );
    expect(outcome).toHaveLength(1);
    expect(outcome[0]).toMatchObject({ kind: 'approval.approved', body: 'ok' });
  });

  it('leaves approval.submit, approval.approve and role.grant in the audit log', async () => {
    expect(await auditActions(approvalId)).toEqual(['approval.submit', 'approval.approve']);
    const grant = await app.db
      .selectFrom('audit_log')
      .select(['actor_name', 'after'])
      .where('action', '=', 'role.grant')
      .where('object_id', '=', user.id)
      .execute();
    expect(grant).toHaveLength(1);
    expect(grant[0]!.actor_name).toBe('admin2');
    expect(grant[0]!.after).toEqual({ roleId: riskOfficerRole, grantedBy: await userId(app, 'admin') });
  });

  it('does not let anyone decide the request again', async () => {
    const again = await admin2.post(`/api/approvals/${approvalId}/approve`, {});
    expect(again.status).toBe(409);
    const other = await (await app.as('bj.admin')).post(`/api/approvals/${approvalId}/reject`, {
      comment: 'late',
    });
    expect(other.status).toBe(404);
    expect(await heldRoles(user.id)).toEqual(['risk_officer']);
  });
});

describe('rejecting and returning', () => {
  it('needs a comment to reject (400 with fields.comment), then rejects without granting', async () => {
    const user = await newUser('HQ');
    const id = await requestRiskOfficer(user.id);
    const bare = await admin2.post(`/api/approvals/${id}/reject`, {});
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe('VALIDATION_FAILED');
    expect(bare.body.fields).toEqual({ comment: 'required' });
    const blank = await admin2.post(`/api/approvals/${id}/reject`, { comment: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.fields.comment).toBe('required');

    const rejected = await admin2.post(`/api/approvals/${id}/reject`, { comment: 'no business need' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.history.at(-1)).toMatchObject({
      action: 'reject',
      step: 0,
      comment: 'no business need',
      actorName: '第二管理员',
    });
    expect(await heldRoles(user.id)).toEqual([]);
    expect(await auditActions(id)).toEqual(['approval.submit', 'approval.reject']);
    const makerNotes = await admin.get('/api/notifications?limit=200');
    expect(
      makerNotes.body.items.find((n: { link: string | null }) => n.link === `/approvals?id=${id}`),
    ).toMatchObject({ kind: 'approval.rejected', body: 'no business need' });

    // a rejected request is closed: the same grant may be asked for again
    const second = await admin.post(`/api/users/${user.id}/roles`, { roleId: riskOfficerRole });
    expect(second.status).toBe(200);
    expect(second.body.approvalId).not.toBe(id);
  });

  it('returns for correction, and the maker resubmits with the whole history kept', async () => {
    const user = await newUser('HQ');
    const id = await requestRiskOfficer(user.id);
    const returned = await admin2.post(`/api/approvals/${id}/return`, { comment: 'state the reason' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');

    const notMaker = await admin2.post(`/api/approvals/${id}/resubmit`, { comment: 'me instead' });
    expect(notMaker.status).toBe(403);
    const whileReturned = await admin2.post(`/api/approvals/${id}/approve`, {});
    expect(whileReturned.status).toBe(409);

    const resubmitted = await admin.post(`/api/approvals/${id}/resubmit`, { comment: 'reason added' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('pending');
    expect(resubmitted.body.currentStep).toBe(0);
    expect(
      resubmitted.body.history.map((h: { action: string; comment: string | null }) => [h.action, h.comment]),
    ).toEqual([
      ['submit', null],
      ['return', 'state the reason'],
      ['resubmit', 'reason added'],
    ]);
    expect(await auditActions(id)).toEqual(['approval.submit', 'approval.return', 'approval.resubmit']);

    const approved = await admin2.post(`/api/approvals/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(await heldRoles(user.id)).toEqual(['risk_officer']);
  });

  it('lets the maker cancel a pending request, and nobody decides it afterwards', async () => {
    const user = await newUser('HQ');
    const id = await requestRiskOfficer(user.id);
    const cancelled = await admin.post(`/api/approvals/${id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const late = await admin2.post(`/api/approvals/${id}/approve`, {});
    expect(late.status).toBe(409);
    expect(await heldRoles(user.id)).toEqual([]);
  });
});

describe('one open request per grant', () => {
  it('refuses a second request for the same user and role while the first is open (409 CONFLICT)', async () => {
    const user = await newUser('HQ');
    const first = await requestRiskOfficer(user.id);
    const second = await admin2.post(`/api/users/${user.id}/roles`, { roleId: riskOfficerRole });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CONFLICT');
    const open = await app.db
      .selectFrom('approval_requests')
      .select('id')
      .where('object_id', '=', `${user.id}:${riskOfficerRole}`)
      .execute();
    expect(open.map((r) => r.id)).toEqual([first]);
  });
});

describe('two approvers racing', () => {
  it('lets exactly one win, and grants the role once', async () => {
    const user = await newUser('BJ');
    const id = await requestRiskOfficer(user.id);
    const bjAdmin = await app.as('bj.admin');
    const answers = await Promise.all([
      admin2.post(`/api/approvals/${id}/approve`, {}),
      bjAdmin.post(`/api/approvals/${id}/approve`, {}),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const loser = answers.find((a) => a.status !== 200)!;
    expect(['CONFLICT', 'ILLEGAL_TRANSITION', 'FORBIDDEN']).toContain(loser.body.code);

    expect(await heldRoles(user.id)).toEqual(['risk_officer']);
    const grants = await app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'role.grant')
      .where('object_id', '=', user.id)
      .execute();
    expect(grants).toHaveLength(1);
    const events = await app.db
      .selectFrom('approval_events')
      .select('action')
      .where('request_id', '=', id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['submit', 'approve']);
  });
});

describe('org scoping of approval requests', () => {
  it("hides a BJ user's request from the SH branch administrator (404)", async () => {
    const user = await newUser('BJ');
    const id = await requestRiskOfficer(user.id);
    const shAdmin = await app.as('sh.admin');
    expect((await shAdmin.get(`/api/approvals/${id}`)).status).toBe(404);
    const decide = await shAdmin.post(`/api/approvals/${id}/approve`, {});
    expect(decide.status).toBe(404);
    const all = await shAdmin.get('/api/approvals?box=all&limit=200');
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const inbox = await shAdmin.get('/api/approvals?box=inbox&limit=200');
    expect(inbox.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const shNotes = await shAdmin.get('/api/notifications?limit=200');
    expect(shNotes.body.items.map((n: { link: string | null }) => n.link)).not.toContain(
      `/approvals?id=${id}`,
    );

    const bjAdmin = await app.as('bj.admin');
    const seen = await bjAdmin.get(`/api/approvals/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.canDecide).toBe(true);
  });

  it('refuses approval routes to a user without approval permissions (403)', async () => {
    const analyst = await app.as('analyst');
    expect((await analyst.get('/api/approvals')).status).toBe(403);
    const user = await newUser('HQ');
    const id = await requestRiskOfficer(user.id);
    const decide = await analyst.post(`/api/approvals/${id}/approve`, {});
    expect(decide.status).toBe(403);
    expect(decide.body.code).toBe('FORBIDDEN');
  });
});

describe('listing', () => {
  it('pages the list by cursor and refuses a forged one (400)', async () => {
    const first = await admin.get('/api/approvals?box=mine&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await admin.get(`/api/approvals?box=mine&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = await app.db
      .selectFrom('approval_requests')
      .select('id')
      .where('maker_id', '=', await userId(app, 'admin'))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(4)
      .execute();
    expect(ids).toEqual(expected.map((r) => r.id));
    for (const values of [
      ['yesterday', '00000000-0000-4000-8000-000000000000'],
      ['2026-01-01T00:00:00.000Z', 'x'],
    ]) {
      const forged = Buffer.from(JSON.stringify(values)).toString('base64url');
      const bad = await admin.get(`/api/approvals?box=all&cursor=${forged}`);
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({ cursor: 'invalid cursor' });
    }
  });
});

/** A service context for a demo user, built as the HTTP layer builds it for a signed-in request. */
async function contextFor(username: string): Promise<ServiceContext> {
  const user = await app.db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.org_id', 'o.path'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  const permissions = await app.db
    .selectFrom('user_roles as ur')
    .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
    .select('rp.permission')
    .where('ur.user_id', '=', user.id)
    .execute();
  return {
    db: scopedDb(app.db, { orgId: user.org_id, orgPath: user.path }),
    system: app.db,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      orgId: user.org_id,
      orgPath: user.path,
      permissions: new Set(permissions.map((p) => p.permission)),
      sessionId: 'test-session',
      csrfToken: 'test-csrf',
      mustChangePassword: false,
      totpSetupRequired: false,
      locale: 'en-US',
      merchantId: null,
    },
    ip: '127.0.0.1',
    requestId: 'approvals-test',
    clock: app.clock,
    config: loadConfig({ DEMO: 'true', LOG_LEVEL: 'silent' }),
  };
}

describe('a multi-step chain with an amount threshold', () => {
  const applied: ApprovedRequest[] = [];
  const refused: ApprovedRequest[] = [];
  let approverBj: Client;
  let approverHq: Client;

  beforeAll(async () => {
    await app.db
      .insertInto('approval_chains')
      .values([
        {
          type: 'test.spend',
          name: '测试支出',
          name_en: 'Test spend',
          steps: JSON.stringify([
            { roleCode: 'approver', orgLevel: 'branch' },
            { roleCode: 'approver', orgLevel: 'head_office', minAmountMinor: '1000000' },
          ]),
        },
        {
          type: 'test.three',
          name: '三级测试',
          name_en: 'Three steps',
          steps: JSON.stringify([
            { roleCode: 'approver', orgLevel: 'any' },
            { roleCode: 'sysadmin', orgLevel: 'head_office' },
            { roleCode: 'approver', orgLevel: 'any' },
          ]),
        },
      ])
      .execute();
    const handler = {
      async onApproved(tx: Db, request: ApprovedRequest) {
        applied.push(request);
        await recordAudit(
          tx,
          { actorId: null, actorName: 'test', orgId: request.orgId, ip: null, requestId: null },
          { action: 'test.spend.apply', objectType: 'spend', objectId: request.objectId },
        );
      },
      async onRejected(_tx: Db, request: ApprovedRequest) {
        refused.push(request);
      },
    };
    registerApprovalHandler('test.spend', handler);
    registerApprovalHandler('test.three', handler);
    approverBj = await app.as('approver.bj');
    approverHq = await app.as('approver.hq');
  });

  async function submitSpend(objectId: string, amountMinor: bigint, type = 'test.spend') {
    const ctx = await contextFor('bj.ops');
    const bj = await orgId(app, 'BJ');
    return ctx.db.transaction().execute((tx) =>
      submitApproval(ctx, tx, {
        type,
        title: `Spend ${objectId}`,
        orgId: bj,
        objectType: 'spend',
        objectId,
        payload: { objectId, amountMinor: amountMinor.toString() },
        amountMinor,
      }),
    );
  }

  it('has one step below the threshold, decided by the branch approver', async () => {
    const id = await submitSpend('spend-small', 999_999n);
    const view = await approverBj.get(`/api/approvals/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.steps).toEqual([{ index: 0, roleCode: 'approver', orgLevel: 'branch' }]);
    expect(view.body.canDecide).toBe(true);
    const approved = await approverBj.post(`/api/approvals/${id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(applied.map((r) => r.objectId)).toEqual(['spend-small']);
    expect(applied[0]).toMatchObject({
      type: 'test.spend',
      objectType: 'spend',
      payload: { objectId: 'spend-small', amountMinor: '999999' },
      makerId: await userId(app, 'bj.ops'),
      orgId: await orgId(app, 'BJ'),
    });
    expect(await auditActions('spend-small')).toEqual(['test.spend.apply']);
  });

  it('has two steps above it: branch approver, then head office approver, the handler running once', async () => {
    const id = await submitSpend('spend-large', 1_000_000n);
    const view = await approverBj.get(`/api/approvals/${id}`);
    expect(view.body.steps).toEqual([
      { index: 0, roleCode: 'approver', orgLevel: 'branch' },
      { index: 1, roleCode: 'approver', orgLevel: 'head_office' },
    ]);
    const bjNotes = await approverBj.get('/api/notifications?limit=200');
    expect(bjNotes.body.items.map((n: { link: string | null }) => n.link)).toContain(`/approvals?id=${id}`);

    const first = await approverBj.post(`/api/approvals/${id}/approve`, {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'pending', currentStep: 1 });
    expect(applied.map((r) => r.objectId)).not.toContain('spend-large');

    const twice = await approverBj.post(`/api/approvals/${id}/approve`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('MAKER_CHECKER');
    const bjInbox = await approverBj.get('/api/approvals?box=inbox&limit=200');
    expect(bjInbox.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const hqInbox = await approverHq.get('/api/approvals?box=inbox&limit=200');
    expect(hqInbox.body.items.map((r: { id: string }) => r.id)).toContain(id);
    // approver.hq heard of the request twice: it may decide step 0 (branch level) and step 1
    const hqNotes = await approverHq.get('/api/notifications?limit=200');
    expect(
      hqNotes.body.items
        .filter((n: { link: string | null }) => n.link === `/approvals?id=${id}`)
        .map((n: { kind: string }) => n.kind),
    ).toEqual(['approval.waiting', 'approval.waiting']);

    const second = await approverHq.post(`/api/approvals/${id}/approve`, {});
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('approved');
    expect(
      second.body.history.map((h: { action: string; step: number | null }) => [h.action, h.step]),
    ).toEqual([
      ['submit', null],
      ['approve', 0],
      ['approve', 1],
    ]);
    expect(applied.filter((r) => r.objectId === 'spend-large')).toHaveLength(1);
    expect(await auditActions('spend-large')).toEqual(['test.spend.apply']);
  });

  it('keeps the branch approver from the head-office step even when it comes first', async () => {
    const id = await submitSpend('spend-order', 5_000_000n);
    const hqFirst = await approverHq.post(`/api/approvals/${id}/approve`, {});
    expect(hqFirst.status).toBe(200);
    expect(hqFirst.body.currentStep).toBe(1);
    const bjSecond = await approverBj.post(`/api/approvals/${id}/approve`, {});
    expect(bjSecond.status).toBe(403);
    expect(bjSecond.body.code).toBe('FORBIDDEN');
    const view = await approverBj.get(`/api/approvals/${id}`);
    expect(view.body).toMatchObject({ status: 'pending', currentStep: 1, canDecide: false });
    expect(applied.map((r) => r.objectId)).not.toContain('spend-order');
  });

  it('calls onRejected when a later step rejects', async () => {
    const id = await submitSpend('spend-refused', 2_000_000n);
    expect((await approverBj.post(`/api/approvals/${id}/approve`, {})).status).toBe(200);
    const rejected = await approverHq.post(`/api/approvals/${id}/reject`, { comment: 'over budget' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect(refused.map((r) => r.objectId)).toEqual(['spend-refused']);
    expect(applied.map((r) => r.objectId)).not.toContain('spend-refused');
  });

  it('refuses the generic resubmit and cancel for a type whose module takes returns itself', async () => {
    const returnsSeen: string[] = [];
    await app.db
      .insertInto('approval_chains')
      .values({
        type: 'test.owned',
        name: '模块自管退回',
        name_en: 'Module-owned returns',
        steps: JSON.stringify([{ roleCode: 'approver', orgLevel: 'branch' }]),
      })
      .execute();
    registerApprovalHandler('test.owned', {
      async onApproved() {},
      async onReturned(_tx: Db, request: ApprovedRequest) {
        returnsSeen.push(request.objectId);
      },
    });
    const id = await submitSpend('owned-1', 100n, 'test.owned');
    expect((await approverBj.post(`/api/approvals/${id}/return`, { comment: 'fix it' })).status).toBe(200);
    expect(returnsSeen).toEqual(['owned-1']);
    const maker = await app.as('bj.ops');
    for (const action of ['resubmit', 'cancel']) {
      const refused = await maker.post(`/api/approvals/${id}/${action}`, { comment: 'try' });
      expect(refused.status, action).toBe(409);
      expect(refused.body.message).toMatch(/resubmitted or withdrawn from its spend/);
    }
    expect((await maker.get(`/api/approvals/${id}`)).body.status).toBe('returned');
  });

  it('after a return at the last step and a resubmit, the first-step approver may approve again', async () => {
    const id = await submitSpend('spend-returned', 3_000_000n);
    expect((await approverBj.post(`/api/approvals/${id}/approve`, {})).status).toBe(200);
    const returned = await approverHq.post(`/api/approvals/${id}/return`, { comment: 'attach the quote' });
    expect(returned.body.status).toBe('returned');
    const maker = await app.as('bj.ops');
    const resubmitted = await maker.post(`/api/approvals/${id}/resubmit`, { comment: 'quote attached' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'pending', currentStep: 0 });

    const bjInbox = await approverBj.get('/api/approvals?box=inbox&limit=200');
    expect(bjInbox.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const again = await approverBj.post(`/api/approvals/${id}/approve`, {});
    expect(again.status).toBe(200);
    expect(again.body.currentStep).toBe(1);
    const last = await approverHq.post(`/api/approvals/${id}/approve`, {});
    expect(last.status).toBe(200);
    expect(last.body.status).toBe('approved');
    expect(last.body.history.map((h: { action: string }) => h.action)).toEqual([
      'submit',
      'approve',
      'return',
      'resubmit',
      'approve',
      'approve',
    ]);
    expect(applied.filter((r) => r.objectId === 'spend-returned')).toHaveLength(1);
  });

  it('does not ask someone who already approved an earlier step to decide a later one', async () => {
    const id = await submitSpend('spend-three', 1n, 'test.three');
    expect((await approverBj.post(`/api/approvals/${id}/approve`, {})).status).toBe(200);
    expect((await admin2.post(`/api/approvals/${id}/approve`, {})).status).toBe(200);
    const bjNotes = await approverBj.get('/api/notifications?limit=200');
    expect(
      bjNotes.body.items.filter((n: { link: string | null }) => n.link === `/approvals?id=${id}`),
    ).toHaveLength(1);
    const hqNotes = await approverHq.get('/api/notifications?limit=200');
    expect(
      hqNotes.body.items.filter((n: { link: string | null }) => n.link === `/approvals?id=${id}`),
    ).toHaveLength(2);
    const all = await approverBj.get('/api/approvals?box=all&limit=200');
    expect(all.body.items.find((r: { id: string }) => r.id === id)).toMatchObject({
      currentStep: 2,
      canDecide: false,
    });
    const last = await approverHq.post(`/api/approvals/${id}/approve`, {});
    expect(last.body.status).toBe('approved');
  });
});
