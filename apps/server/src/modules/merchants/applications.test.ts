import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, orgId, startTestApp, type TestApp } from '../../../test/app';
import { uploadDocument } from '../../../test/files';
import { draftApplication, nextIdNumber, validForm } from '../../../test/merchant-fixtures';
import { consoleKnows } from '../../../test/messages';

let app: TestApp;
let frontdesk: Client;
let backoffice: Client;

const draft = (client: Client, form?: object, documents?: boolean) =>
  draftApplication(app, client, form, documents);

beforeAll(async () => {
  app = await startTestApp();
  frontdesk = await app.as('frontdesk');
  backoffice = await app.as('backoffice');
});
afterAll(async () => {
  await app?.stop();
});

describe('intake (进件申请)', () => {
  it('saves an incomplete draft, resumes it, and refuses a stale save', async () => {
    const created = await draft(frontdesk, { business: { name: '半成品小店' } });
    expect(created.no).toMatch(/^AP\d{8}\d{6}$/);
    const saved = await frontdesk.put(`/api/merchant-applications/${created.id}/form`, {
      form: { business: { name: '半成品小店', mcc: '5411' } },
      version: created.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.form.business).toEqual({ name: '半成品小店', mcc: '5411' });
    const stale = await frontdesk.put(`/api/merchant-applications/${created.id}/form`, {
      form: { business: { name: '覆盖' } },
      version: created.version,
    });
    expect(stale.status).toBe(409);
    expect((await frontdesk.get(`/api/merchant-applications/${created.id}`)).body.form.business.name).toBe(
      '半成品小店',
    );
  });

  it('refuses to submit an incomplete form, naming each missing field, and stays a draft', async () => {
    const created = await draft(frontdesk, { business: { name: '半成品小店' } });
    const refused = await frontdesk.post(`/api/merchant-applications/${created.id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(refused.body.fields)).toEqual(
      expect.arrayContaining(['business.shortName', 'legalRep', 'licence', 'settlement']),
    );
    expect((await frontdesk.get(`/api/merchant-applications/${created.id}`)).body.status).toBe('draft');
  });

  it('refuses to submit without the required documents, naming each one missing', async () => {
    const created = await draft(frontdesk, validForm(), false);
    const refused = await frontdesk.post(`/api/merchant-applications/${created.id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toMatchObject({
      'documents.id_front': 'ID card (front) missing',
      'documents.licence': 'business licence missing',
      'documents.account_proof': 'settlement account proof missing',
    });
    expect(refused.body.fields).not.toHaveProperty(['documents.lease']);
    expect(refused.body.fieldMessages['documents.licence']).toEqual({
      key: 'check.document.missing',
      params: { kind: 'licence' },
    });
    for (const m of Object.values(refused.body.fieldMessages) as { key: string }[])
      expect(consoleKnows(m.key), m.key).toBe(true);
  });

  it('locks the documents once submitted and opens them again when returned', async () => {
    const created = await draft(frontdesk);
    expect((await frontdesk.post(`/api/merchant-applications/${created.id}/submit`)).status).toBe(200);
    const late = await uploadDocument(app.baseUrl, frontdesk, {
      ownerType: 'merchant_application',
      ownerId: created.id,
      kind: 'lease',
    });
    expect(late.status).toBe(409);
    await backoffice.post(`/api/merchant-applications/${created.id}/start-review`);
    await backoffice.post(`/api/merchant-applications/${created.id}/return`, { comment: '请补充租赁合同' });
    const lease = await uploadDocument(app.baseUrl, frontdesk, {
      ownerType: 'merchant_application',
      ownerId: created.id,
      kind: 'lease',
    });
    expect(lease.status).toBe(201);
  });

  it('offers the branch’s sales staff and agents as 业务归属, and nothing of another branch', async () => {
    const options = (await frontdesk.get('/api/merchant-applications/attribution-options')).body;
    expect(options.salesReps.map((r: { name: string }) => r.name).sort()).toEqual(['销售人员', '销售经理']);
    expect(options.agents.map((a: { name: string }) => a.name)).toEqual(['京捷付代理']);
    const sh = (await (await app.as('sh.ops')).get('/api/merchant-applications/attribution-options')).body;
    expect(sh).toEqual({ salesReps: [], agents: [] });
  });

  it('refuses a wrong ID checksum and a wrong credit code on their fields', async () => {
    // One digit changed inside each: a typo breaks both of a credit code's checks.
    const created = await draft(
      frontdesk,
      validForm({ idNumber: '110105194912310021', creditCode: '914403001922039216' }),
    );
    const refused = await frontdesk.post(`/api/merchant-applications/${created.id}/submit`);
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty(['legalRep.idNumber']);
    expect(refused.body.fields).toHaveProperty(['licence.creditCode']);
    expect(refused.body.fieldMessages['legalRep.idNumber'].key).toMatch(/^check\.id\./);
    expect(refused.body.fieldMessages['licence.creditCode'].key).toMatch(/^check\.credit_code\./);
    for (const m of Object.values(refused.body.fieldMessages) as { key: string }[])
      expect(consoleKnows(m.key), m.key).toBe(true);
  });

  it('submits a valid application; personal numbers are sealed, hashed and masked, never stored in clear', async () => {
    const created = await draft(
      frontdesk,
      validForm({
        idNumber: '11010519491231002X',
        accountNo: '6222021234567890128',
        creditCode: '9144030071526726XG',
      }),
    );
    const submitted = await frontdesk.post(`/api/merchant-applications/${created.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.checks.filter((c: { result: string }) => c.result === 'failed')).toEqual([]);
    const row = await app.db
      .selectFrom('merchant_applications')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain('11010519491231002X');
    expect(stored).not.toContain('6222021234567890128');
    expect(row.id_number_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await app.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('object_id', '=', created.id)
      .execute();
    expect(JSON.stringify(audit)).not.toContain('6222021234567890128');
    // The reviewer sees the clear numbers; an approver who only reads sees them masked.
    expect(
      (await backoffice.get(`/api/merchant-applications/${created.id}`)).body.form.legalRep.idNumber,
    ).toBe('11010519491231002X');
    const approver = await app.as('approver.bj');
    const masked = (await approver.get(`/api/merchant-applications/${created.id}`)).body.form;
    expect(masked.legalRep.idNumber).toBe('1101**********002X');
    expect(masked.settlement.accountNo).toBe('6222***********0128');
  });
});

describe('document review (资料审核)', () => {
  it('is returned for correction with comments and resubmitted with its history kept', async () => {
    const idNumber = nextIdNumber();
    const created = await draft(
      frontdesk,
      validForm({ creditCode: '91350100M000100Y43', name: '福州闽味小吃店', idNumber }),
    );
    expect((await frontdesk.post(`/api/merchant-applications/${created.id}/submit`)).status).toBe(200);
    const early = await backoffice.post(`/api/merchant-applications/${created.id}/complete-review`);
    expect(early.status).toBe(409);
    expect((await backoffice.post(`/api/merchant-applications/${created.id}/start-review`)).body.status).toBe(
      'in_review',
    );
    const notDecided = await backoffice.post(`/api/merchant-applications/${created.id}/complete-review`);
    expect(notDecided.status).toBe(400);
    expect(Object.keys(notDecided.body.fields).sort()).toEqual([
      'documents_match',
      'premises_verified',
      'scope_matches_mcc',
    ]);
    const returned = await backoffice.post(`/api/merchant-applications/${created.id}/return`, {
      comment: '门头照不清晰，请重新上传',
    });
    expect(returned.body.status).toBe('returned');
    const current = await frontdesk.get(`/api/merchant-applications/${created.id}`);
    const corrected = await frontdesk.put(`/api/merchant-applications/${created.id}/form`, {
      form: { ...current.body.form, business: { ...current.body.form.business, shortName: '闽味小吃' } },
      version: current.body.version,
    });
    expect(corrected.status).toBe(200);
    // The applicant sees the clear number again while correcting; it was not lost behind the mask.
    expect(corrected.body.form.legalRep.idNumber).toBe(idNumber);
    const resubmitted = await frontdesk.post(`/api/merchant-applications/${created.id}/submit`);
    expect(resubmitted.body.status).toBe('submitted');
    expect(resubmitted.body.history.map((h: { event: string }) => h.event)).toEqual([
      'create',
      'submit',
      'start_review',
      'return',
      'resubmit',
    ]);
    expect(resubmitted.body.history[3].comment).toBe('门头照不清晰，请重新上传');
  });

  it('completes once every item is decided; a failed system check needs an override with a reason', async () => {
    // A pilot-region code: its final check character is right, the embedded organisation code's is not.
    const created = await draft(
      frontdesk,
      validForm({ creditCode: '91310000MA1FL8LQ6D', name: '上海试点贸易有限公司' }),
    );
    const submitted = await frontdesk.post(`/api/merchant-applications/${created.id}/submit`);
    expect(submitted.status).toBe(200);
    const failed = submitted.body.checks.find((c: { item: string }) => c.item === 'credit_code');
    expect(failed).toMatchObject({ result: 'failed', field: 'licence.creditCode' });
    await backoffice.post(`/api/merchant-applications/${created.id}/start-review`);
    for (const item of ['documents_match', 'scope_matches_mcc', 'premises_verified']) {
      expect(
        (
          await backoffice.put(`/api/merchant-applications/${created.id}/checklist/${item}`, {
            result: 'passed',
          })
        ).status,
      ).toBe(200);
    }
    const blocked = await backoffice.post(`/api/merchant-applications/${created.id}/complete-review`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('1 checklist item(s) failed');
    const passWithoutOverride = await backoffice.put(
      `/api/merchant-applications/${created.id}/checklist/credit_code?field=licence.creditCode`,
      { result: 'passed' },
    );
    expect(passWithoutOverride.status).toBe(400);
    const noReason = await backoffice.put(
      `/api/merchant-applications/${created.id}/checklist/credit_code?field=licence.creditCode`,
      {
        result: 'overridden',
      },
    );
    expect(noReason.body.fields).toEqual({ comment: 'required' });
    const overridden = await backoffice.put(
      `/api/merchant-applications/${created.id}/checklist/credit_code?field=licence.creditCode`,
      { result: 'overridden', comment: '上海试点期赋码，已与营业执照原件核对' },
    );
    expect(overridden.status).toBe(200);
    const done = await backoffice.post(`/api/merchant-applications/${created.id}/complete-review`);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('reviewed');
  });

  it('flags a duplicate credit code and a blacklisted ID number for the reviewer', async () => {
    const risk = await app.as('risk');
    const listed = await risk.post('/api/blacklist', {
      kind: 'id_number',
      value: '110101198001010037',
      reason: '涉嫌套现',
    });
    expect(listed.status).toBe(201);
    expect(listed.body.valueMasked).toBe('1101**********0037');
    const first = await draft(
      frontdesk,
      validForm({ creditCode: '91110108MA01KPGK0L', name: '海淀重复科技有限公司' }),
    );
    expect((await frontdesk.post(`/api/merchant-applications/${first.id}/submit`)).status).toBe(200);
    const second = await draft(
      frontdesk,
      validForm({
        creditCode: '91110108MA01KPGK0L',
        name: '海淀重复科技有限公司',
        idNumber: '110101198001010037',
      }),
    );
    const submitted = await frontdesk.post(`/api/merchant-applications/${second.id}/submit`);
    expect(submitted.status).toBe(200);
    const failed = submitted.body.checks.filter((c: { result: string }) => c.result === 'failed');
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          item: 'duplicate',
          field: 'licence.creditCode',
          detail: `same credit code as application ${first.no}`,
        }),
        expect.objectContaining({ item: 'blacklist', field: 'legalRep.idNumber' }),
      ]),
    );
    const stored = await app.db.selectFrom('blacklist_entries').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('110101198001010037');
  });

  it('refuses moves the lifecycle does not allow', async () => {
    const created = await draft(frontdesk);
    const review = await backoffice.post(`/api/merchant-applications/${created.id}/start-review`);
    expect(review.status).toBe(409);
    expect(review.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'merchant application: cannot start_review when draft',
    });
  });
});

describe('org scoping', () => {
  it("keeps a branch's applications from another branch: 404 to see or act, absent from lists", async () => {
    const created = await draft(frontdesk);
    const shOps = await app.as('sh.ops');
    expect((await shOps.get(`/api/merchant-applications/${created.id}`)).status).toBe(404);
    expect((await shOps.post(`/api/merchant-applications/${created.id}/start-review`)).status).toBe(404);
    const list = await shOps.get('/api/merchant-applications?limit=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(created.id);
    const bjOps = await app.as('bj.ops');
    expect((await bjOps.get(`/api/merchant-applications/${created.id}`)).status).toBe(200);
  });

  it('does not take an application in for an org outside the subtree', async () => {
    const refused = await frontdesk.post('/api/merchant-applications', {
      orgId: await orgId(app, 'SH'),
      form: {},
    });
    expect(refused.status).toBe(404);
  });
});
