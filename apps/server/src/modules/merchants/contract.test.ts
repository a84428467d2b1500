import { businessDate } from '@posops/kernel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app';
import { draftApplication, nextCardNumber, nextIdNumber, validForm } from '../../../test/merchant-fixtures';

let app: TestApp;
let frontdesk: Client;
let backoffice: Client;
let approverBj: Client;
let approverHq: Client;
let salesManager: Client;
let plans: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp();
  frontdesk = await app.as('frontdesk');
  backoffice = await app.as('backoffice');
  approverBj = await app.as('approver.bj');
  approverHq = await app.as('approver.hq');
  salesManager = await app.as('sales.mgr');
  const rows = await app.db.selectFrom('rate_plans').select(['id', 'code']).execute();
  plans = Object.fromEntries(rows.map((r) => [r.code, r.id]));
});
afterAll(async () => {
  await app?.stop();
});

const today = () => businessDate(app.clock.now(), 'Asia/Shanghai');
const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An application through intake, review and approval: status `approved`. */
async function approved(form: ReturnType<typeof validForm>) {
  const { id } = await draftApplication(app, frontdesk, form);
  expect((await frontdesk.post(`/api/merchant-applications/${id}/submit`)).status).toBe(200);
  expect((await backoffice.post(`/api/merchant-applications/${id}/start-review`)).status).toBe(200);
  for (const item of ['documents_match', 'scope_matches_mcc', 'premises_verified']) {
    const decided = await backoffice.put(`/api/merchant-applications/${id}/checklist/${item}`, {
      result: 'passed',
    });
    expect(decided.status).toBe(200);
  }
  expect((await backoffice.post(`/api/merchant-applications/${id}/complete-review`)).status).toBe(200);
  const requested = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
  expect(requested.status, JSON.stringify(requested.body)).toBe(200);
  const approvalId = requested.body.approvalId;
  let decision = await approverBj.post(`/api/approvals/${approvalId}/approve`, { comment: '同意' });
  if (decision.body.status === 'pending') {
    decision = await approverHq.post(`/api/approvals/${approvalId}/approve`, { comment: '总行同意' });
  }
  expect(decision.body.status).toBe('approved');
  expect((await frontdesk.get(`/api/merchant-applications/${id}`)).body.status).toBe('approved');
  return id;
}

/** The PDF over real HTTP, as bytes (the test client reads text). */
async function fetchPdf(client: Client, applicationId: string) {
  const response = await fetch(`${app.baseUrl}/api/merchant-applications/${applicationId}/contract.pdf`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** The text of every page, as pdf.js reads it (glyphs mapped back to Unicode through the font). */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const document = await task.promise;
  let text = '';
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += `${content.items.map((item) => ('str' in item ? item.str : '')).join('')}\n`;
  }
  await task.destroy();
  return text;
}

const auditActions = async (objectId: string) =>
  (
    await app.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', objectId)
      .orderBy('id')
      .execute()
  ).map((a) => a.action);

describe('contract (签约) of an approved application', () => {
  const idNumber = nextIdNumber();
  const accountNo = nextCardNumber();
  let id: string;
  let first: { id: string; contractNo: string; documentId: string };

  beforeAll(async () => {
    id = await approved(validForm({ creditCode: '91330100799655058B', idNumber, accountNo }));
  });

  it('has none before it is generated', async () => {
    const none = await backoffice.get(`/api/merchant-applications/${id}/contract`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('NOT_FOUND');
  });

  it('refuses a retired plan, a plan of another class, an unknown plan and a bad effective date', async () => {
    const attempt = (ratePlanId: string, effectiveDate = today()) =>
      backoffice.post(`/api/merchant-applications/${id}/contract`, { ratePlanId, terms: {}, effectiveDate });
    const retired = await attempt(plans['DINING-2013']!);
    expect(retired.status).toBe(400);
    expect(retired.body.fields.ratePlanId).toBe('rate plan DINING-2013 is retired');
    const otherClass = await attempt(plans.ESSENTIALS!);
    expect(otherClass.status).toBe(400);
    expect(otherClass.body.fields.ratePlanId).toMatch(/民生类 merchants; MCC 5812 is 餐娱类/);
    const unknown = await attempt('00000000-0000-4000-8000-000000000000');
    expect(unknown.body.fields).toEqual({ ratePlanId: 'no such rate plan' });
    const past = await attempt(plans.DINING!, dayAfter(today(), -1));
    expect(past.status).toBe(400);
    expect(past.body.fields.effectiveDate).toMatch(/before today/);
    const farAhead = await attempt(plans.DINING!, dayAfter(today(), 181));
    expect(farAhead.body.fields.effectiveDate).toMatch(/180 days ahead/);
    const badTerms = await backoffice.post(`/api/merchant-applications/${id}/contract`, {
      ratePlanId: plans.DINING,
      terms: { settlementCycle: 'T+0', termYears: 9, extra: true },
      effectiveDate: today(),
    });
    expect(badTerms.status).toBe(400);
    expect(Object.keys(badTerms.body.fields).sort()).toEqual([
      'terms.extra',
      'terms.settlementCycle',
      'terms.termYears',
    ]);
    expect((await backoffice.get(`/api/merchant-applications/${id}/contract`)).status).toBe(404);
  });

  it('generates the contract: the plan’s rates copied, default terms, a stored PDF', async () => {
    const generated = await backoffice.post(`/api/merchant-applications/${id}/contract`, {
      ratePlanId: plans.DINING,
      effectiveDate: today(),
    });
    expect(generated.status, JSON.stringify(generated.body)).toBe(200);
    const contract = generated.body;
    expect(contract.contractNo).toMatch(new RegExp(`^HT${today().replaceAll('-', '')}\\d{6}$`));
    expect(contract).toMatchObject({
      applicationId: id,
      status: 'generated',
      rates: {
        ratePlanId: plans.DINING,
        code: 'DINING',
        mccCategory: '餐娱类',
        debitRatePpm: 6000,
        debitCapMinor: '2500',
        creditRatePpm: 6500,
        qrRatePpm: 3800,
        currency: 'CNY',
      },
      terms: { settlementCycle: 'T+1', termYears: 1, autoRenew: true, depositMinor: '0' },
      effectiveDate: today(),
      signerName: null,
      signedAt: null,
      recordedByName: null,
      allowedEvents: ['revise', 'sign'],
    });
    expect(contract.documentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(contract.generatedAt).toBe(app.clock.now().toISOString());
    first = contract;
    // Anyone with contract.read in the subtree sees it: front desk (outlet), branch approver.
    expect((await frontdesk.get(`/api/merchant-applications/${id}/contract`)).body).toEqual(contract);
    expect((await approverBj.get(`/api/merchant-applications/${id}/contract`)).status).toBe(200);
  });

  it('serves a real PDF with an embedded CJK font, the merchant’s data in Chinese, numbers masked', async () => {
    const { status, headers, bytes } = await fetchPdf(frontdesk, id);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/pdf');
    expect(headers.get('content-disposition')).toBe(`inline; filename="${first.contractNo}.pdf"`);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(20_000);
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/CIDFontType2'); // TrueType outlines as a CID font
    expect(raw).toContain('/FontFile2'); // embedded (a subset), not merely named
    expect(raw).toContain('/ToUnicode'); // text can be copied and searched
    const text = await pdfText(bytes);
    for (const expected of [
      '特约商户受理协议',
      'Merchant Acquiring Agreement',
      first.contractNo,
      '示范银行总行', // the acquirer: the head office at the root of the org tree
      '北京朝阳支行', // the contracting office
      '北京朝阳美味餐饮有限公司',
      '91330100799655058B',
      '北京市朝阳区朝阳路88号',
      'MCC 5812 就餐场所和餐馆（餐娱类）',
      '0.60%',
      '0.65%',
      '0.38%',
      '25.00 元',
      'T+1',
      `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
      `${accountNo.slice(0, 4)}${'*'.repeat(accountNo.length - 8)}${accountNo.slice(-4)}`,
      today(),
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(accountNo);
  });

  it('is a document of the contract that the documents API cannot remove', async () => {
    const listed = await backoffice.get(`/api/documents?ownerType=merchant_contract&ownerId=${first.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      id: first.documentId,
      kind: 'contract_pdf',
      contentType: 'application/pdf',
      fileName: `${first.contractNo}.pdf`,
    });
    const removed = await backoffice.delete(`/api/documents/${first.documentId}`);
    expect(removed.status).toBe(409);
    expect(removed.body.code).toBe('DOCUMENT_OWNER_LOCKED');
    expect(await auditActions(first.id)).toEqual(['merchant.contract.create', 'merchant.contract.generate']);
    expect(await auditActions(first.documentId)).toEqual(['document.upload']);
  });

  it('is revised before signing: new plan and terms, a new PDF, the earlier one kept', async () => {
    const revised = await salesManager.post(`/api/merchant-applications/${id}/contract`, {
      ratePlanId: plans.STD,
      terms: { termYears: 2, autoRenew: false, depositMinor: '500000' },
      effectiveDate: dayAfter(today(), 7),
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({
      id: first.id,
      contractNo: first.contractNo,
      status: 'generated',
      rates: { code: 'STD', debitRatePpm: 5500, debitCapMinor: '2000' },
      terms: { settlementCycle: 'T+1', termYears: 2, autoRenew: false, depositMinor: '500000' },
      effectiveDate: dayAfter(today(), 7),
    });
    expect(revised.body.documentId).not.toBe(first.documentId);
    const documents = await backoffice.get(`/api/documents?ownerType=merchant_contract&ownerId=${first.id}`);
    expect(documents.body.items.map((d: { id: string }) => d.id).sort()).toEqual(
      [first.documentId, revised.body.documentId].sort(),
    );
    const text = await pdfText((await fetchPdf(backoffice, id)).bytes);
    expect(text).toContain('0.55%');
    expect(text).toContain('20.00 元');
    expect(text).toContain('5000.00 元'); // the deposit
    expect(text).not.toContain('0.65%');
    expect(await auditActions(first.id)).toEqual([
      'merchant.contract.create',
      'merchant.contract.generate',
      'merchant.contract.revise',
      'merchant.contract.generate',
    ]);
  });

  it('refuses a signing time in the future or before the PDF, and a caller without contract.manage', async () => {
    const future = new Date(app.clock.now().getTime() + 60_000).toISOString();
    const tooLate = await backoffice.post(`/api/merchant-applications/${id}/contract/sign`, {
      signerName: '张伟',
      signedAt: future,
    });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.fields.signedAt).toBe('the signing time is in the future');
    const early = new Date(app.clock.now().getTime() - 60_000).toISOString();
    const tooEarly = await backoffice.post(`/api/merchant-applications/${id}/contract/sign`, {
      signerName: '张伟',
      signedAt: early,
    });
    expect(tooEarly.body.fields.signedAt).toMatch(/before the contract was generated/);
    const readOnly = await frontdesk.post(`/api/merchant-applications/${id}/contract/sign`, {
      signerName: '张伟',
    });
    expect(readOnly.status).toBe(403);
    expect((await backoffice.get(`/api/merchant-applications/${id}`)).body.status).toBe('approved');
  });

  it('is signed: signer, time and recorder kept; the application becomes contracted in the same step', async () => {
    const generatedAt = app.clock.now();
    app.clock.advance(10 * 60_000);
    const signedAt = new Date(generatedAt.getTime() + 5 * 60_000).toISOString();
    const signed = await backoffice.post(`/api/merchant-applications/${id}/contract/sign`, {
      signerName: '张伟',
      signedAt,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'signed',
      signerName: '张伟',
      signedAt,
      recordedByName: '后台',
      allowedEvents: [],
    });
    const application = (await backoffice.get(`/api/merchant-applications/${id}`)).body;
    expect(application.status).toBe('contracted');
    expect(application.history.at(-1)).toMatchObject({
      event: 'sign_contract',
      actorName: '后台',
      comment: `签约 ${first.contractNo}，签署人 张伟`,
    });
    expect(application.allowedEvents).toEqual(['activate']);
    const row = await app.db
      .selectFrom('merchant_contracts')
      .select(['recorded_by', 'recorded_at'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(row.recorded_at?.toISOString()).toBe(app.clock.now().toISOString());
    expect(await auditActions(first.id)).toContain('merchant.contract.sign');
    expect(await auditActions(id)).toContain('merchant.application.sign_contract');
  });

  it('cannot be signed twice, nor generated again once signed', async () => {
    const twice = await backoffice.post(`/api/merchant-applications/${id}/contract/sign`, {
      signerName: '李四',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ILLEGAL_TRANSITION');
    expect(twice.body.message).toMatch(/already signed by 张伟/);
    const again = await backoffice.post(`/api/merchant-applications/${id}/contract`, {
      ratePlanId: plans.DINING,
      effectiveDate: today(),
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    const contract = (await backoffice.get(`/api/merchant-applications/${id}/contract`)).body;
    expect(contract).toMatchObject({ status: 'signed', signerName: '张伟', rates: { code: 'STD' } });
  });
});

describe('refused moves and scoping', () => {
  it('refuses a contract before approval, and signing before a contract exists', async () => {
    const { id } = await draftApplication(app, frontdesk, validForm({ creditCode: '91110108558521630L' }));
    const early = await backoffice.post(`/api/merchant-applications/${id}/contract`, {
      ratePlanId: plans.STD,
      effectiveDate: today(),
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: 'merchant application: cannot make a contract when draft (it must be approved)',
    });
    const sign = await backoffice.post(`/api/merchant-applications/${id}/contract/sign`, {
      signerName: '张伟',
    });
    expect(sign.status).toBe(409);
    expect(sign.body.code).toBe('ILLEGAL_TRANSITION');
    expect((await backoffice.get(`/api/merchant-applications/${id}/contract`)).status).toBe(404);
    expect((await fetchPdf(backoffice, id)).status).toBe(404);
  });

  it('hides a Beijing contract from Shanghai: 404 on every route, nothing changed', async () => {
    const id = await approved(
      validForm({ creditCode: '9144030071526726XG', name: '北京海淀测试餐饮有限公司' }),
    );
    const made = await backoffice.post(`/api/merchant-applications/${id}/contract`, {
      ratePlanId: plans['SMALL-PROMO'],
      effectiveDate: today(),
    });
    expect(made.status).toBe(200);
    const shanghai = await app.as('sh.ops');
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/merchant-applications/${id}/contract`],
      ['GET', `/api/merchant-applications/${id}/contract.pdf`],
      [
        'POST',
        `/api/merchant-applications/${id}/contract`,
        { ratePlanId: plans.STD, effectiveDate: today() },
      ],
      ['POST', `/api/merchant-applications/${id}/contract/sign`, { signerName: '王五' }],
      ['GET', `/api/documents/${made.body.documentId}`],
    ];
    for (const [method, url, body] of attempts) {
      const response = await shanghai.request(method, url, body);
      expect(response.status, `${method} ${url}`).toBe(404);
      expect(response.body.code, `${method} ${url}`).toBe('NOT_FOUND');
    }
    const after = (await backoffice.get(`/api/merchant-applications/${id}/contract`)).body;
    expect(after).toEqual(made.body);
    // The head office sees every branch's contracts.
    expect((await (await app.as('ops')).get(`/api/merchant-applications/${id}/contract`)).status).toBe(200);
  });

  it('settles two generations at once into one contract', async () => {
    const id = await approved(validForm({ creditCode: '91350100M000100Y43', name: '福州并发测试有限公司' }));
    const body = { ratePlanId: plans.DINING, effectiveDate: today() };
    const results = await Promise.all([
      backoffice.post(`/api/merchant-applications/${id}/contract`, body),
      salesManager.post(`/api/merchant-applications/${id}/contract`, body),
    ]);
    for (const r of results) expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
    expect(results.some((r) => r.status === 200)).toBe(true);
    const rows = await app.db
      .selectFrom('merchant_contracts')
      .select(['status', 'document_id'])
      .where('application_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('generated');
    expect(rows[0]!.document_id).not.toBeNull();
  });
});
