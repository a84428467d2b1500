import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { draftApplication, validForm } from '../../../test/merchant-fixtures';

let app: TestApp;
let frontdesk: Client;
let backoffice: Client;
let approverBj: Client;
let approverHq: Client;

beforeAll(async () => {
  app = await startTestApp();
  frontdesk = await app.as('frontdesk');
  backoffice = await app.as('backoffice');
  approverBj = await app.as('approver.bj');
  approverHq = await app.as('approver.hq');
});
afterAll(async () => {
  await app?.stop();
});

/** Intake and document review done: an application in `reviewed` with its risk assessment. */
async function reviewed(form: object) {
  const { id } = await draftApplication(app, frontdesk, form);
  expect((await frontdesk.post(`/api/merchant-applications/${id}/submit`)).status).toBe(200);
  await review(id);
  return id;
}

async function review(id: string) {
  expect((await backoffice.post(`/api/merchant-applications/${id}/start-review`)).status).toBe(200);
  for (const item of ['documents_match', 'scope_matches_mcc', 'premises_verified']) {
    expect(
      (await backoffice.put(`/api/merchant-applications/${id}/checklist/${item}`, { result: 'passed' }))
        .status,
    ).toBe(200);
  }
  const done = await backoffice.post(`/api/merchant-applications/${id}/complete-review`);
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return done.body;
}

const detail = async (client: Client, id: string) =>
  (await client.get(`/api/merchant-applications/${id}`)).body;

describe('risk assessment at the end of the review', () => {
  it('proposes a grade with its factors and limits; the reviewer may override it with a reason', async () => {
    const id = await reviewed(validForm({ creditCode: '9144030071526726XG' }));
    const { assessment } = await detail(backoffice, id);
    expect(assessment).toMatchObject({ proposedGrade: assessment.grade, overrideReason: null });
    expect(assessment.factors.map((f: { factor: string }) => f.factor)).toContain('region');
    const refused = await backoffice.put(`/api/merchant-applications/${id}/assessment`, {
      grade: 'C',
      singleLimitMinor: '1000000',
      dailyLimitMinor: '500000',
      monthlyLimitMinor: '50000000',
      reason: '餐饮行业现金比例高',
    });
    expect(refused.status).toBe(400);
    const overridden = await backoffice.put(`/api/merchant-applications/${id}/assessment`, {
      grade: 'C',
      singleLimitMinor: '1000000',
      dailyLimitMinor: '5000000',
      monthlyLimitMinor: '50000000',
      reason: '餐饮行业现金比例高',
    });
    expect(overridden.status).toBe(200);
    expect(overridden.body.assessment).toMatchObject({
      grade: 'C',
      overrideReason: '餐饮行业现金比例高',
      inspectionMonths: 3,
    });
    const audit = await app.db.selectFrom('audit_log').select('action').where('object_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['merchant.application.assess', 'merchant.application.assessment.override']),
    );
  });
});

describe('approval (审批)', () => {
  it('needs only the branch for a small, low-grade merchant', async () => {
    const id = await reviewed(validForm({ creditCode: '91330100799655058B' }));
    const requested = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('pending_approval');
    const approval = (await approverBj.get(`/api/approvals/${requested.body.approvalId}`)).body;
    expect(approval.steps).toEqual([{ index: 0, roleCode: 'approver', orgLevel: 'branch' }]);
    expect(approval.canDecide).toBe(true);
    const approved = await approverBj.post(`/api/approvals/${approval.id}/approve`, { comment: '同意' });
    expect(approved.body.status).toBe('approved');
    const after = await detail(frontdesk, id);
    expect(after.status).toBe('approved');
    expect(after.history.at(-1)).toMatchObject({ event: 'approve', actorName: '北京分行审批' });
  });

  it('adds the head office above the volume threshold; the branch approver cannot decide both steps', async () => {
    const form = validForm({ creditCode: '91110108558521630L' });
    form.expected.monthlyVolumeMinor = '200000000'; // 2,000,000 yuan a month
    const id = await reviewed(form);
    const requested = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
    const approvalId = requested.body.approvalId;
    expect((await approverBj.get(`/api/approvals/${approvalId}`)).body.steps).toHaveLength(2);
    expect((await approverBj.post(`/api/approvals/${approvalId}/approve`, {})).body.status).toBe('pending');
    expect((await detail(frontdesk, id)).status).toBe('pending_approval');
    const twice = await approverBj.post(`/api/approvals/${approvalId}/approve`, {});
    expect([403, 409]).toContain(twice.status);
    const hq = await approverHq.post(`/api/approvals/${approvalId}/approve`, { comment: '总行同意' });
    expect(hq.body.status).toBe('approved');
    expect((await detail(frontdesk, id)).status).toBe('approved');
  });

  it('returns for correction to the applicant; the corrected application goes back to the same request', async () => {
    const id = await reviewed(validForm({ creditCode: '91350100M000100Y43', name: '福州回退测试有限公司' }));
    const requested = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
    const approvalId = requested.body.approvalId;
    const returned = await approverBj.post(`/api/approvals/${approvalId}/return`, {
      comment: '经营范围与MCC不符',
    });
    expect(returned.body.status).toBe('returned');
    const back = await detail(frontdesk, id);
    expect(back.status).toBe('returned');
    // The approver's reason reaches the applicant in the application's own history.
    expect(back.history.at(-1)).toMatchObject({
      event: 'return_from_approval',
      comment: '经营范围与MCC不符',
    });
    expect(back.allowedEvents).toEqual(expect.arrayContaining(['resubmit', 'withdraw']));
    const corrected = await frontdesk.put(`/api/merchant-applications/${id}/form`, {
      form: { ...back.form, business: { ...back.form.business, mcc: '5814', scope: '快餐服务' } },
      version: back.version,
    });
    expect(corrected.status).toBe(200);
    expect((await frontdesk.post(`/api/merchant-applications/${id}/submit`)).body.status).toBe('submitted');
    await review(id);
    const again = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
    expect(again.status).toBe(200);
    expect(again.body.approvalId).toBe(approvalId);
    const history = (await approverBj.get(`/api/approvals/${approvalId}`)).body.history.map(
      (h: { action: string }) => h.action,
    );
    expect(history).toEqual(['submit', 'return', 'resubmit']);
    expect((await approverBj.post(`/api/approvals/${approvalId}/approve`, {})).body.status).toBe('approved');
    const events = (await detail(frontdesk, id)).history.map((h: { event: string }) => h.event);
    expect(events).toEqual([
      'create',
      'submit',
      'start_review',
      'complete_review',
      'request_approval',
      'return_from_approval',
      'resubmit',
      'start_review',
      'complete_review',
      'request_approval',
      'approve',
    ]);
  });

  it('withdrawn after a return from approval, cancels the approval request so it waits for nobody', async () => {
    const id = await reviewed(validForm({ creditCode: '91110108MA01KPGK0L', name: '海淀撤回测试有限公司' }));
    const { body } = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
    await approverBj.post(`/api/approvals/${body.approvalId}/return`, { comment: '请补充租赁合同' });
    const withdrawn = await frontdesk.post(`/api/merchant-applications/${id}/withdraw`, {
      comment: '商户决定不再办理',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const approval = (await approverBj.get(`/api/approvals/${body.approvalId}`)).body;
    expect(approval.status).toBe('cancelled');
    expect(approval.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'return', 'cancel']);
    expect(approval.history.at(-1).comment).toBe('商户决定不再办理');
  });

  it('is rejected for good with a reason, and nothing can move it afterwards', async () => {
    const id = await reviewed(validForm({ creditCode: '914403001922038216', name: '深圳拒绝测试有限公司' }));
    const { body } = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
    const rejected = await approverBj.post(`/api/approvals/${body.approvalId}/reject`, {
      comment: '法人涉诉',
    });
    expect(rejected.body.status).toBe('rejected');
    const after = await detail(frontdesk, id);
    expect(after.status).toBe('rejected');
    expect(after.allowedEvents).toEqual([]);
    expect((await frontdesk.post(`/api/merchant-applications/${id}/submit`)).status).toBe(409);
  });
});
