/** Merchant applications for tests: valid forms with real checksums, drafts with their documents. */
import { luhnCheckDigit, residentIdCheckCharacter } from '@posops/kernel';
import { expect } from 'vitest';
import type { Client, TestApp } from './app';
import { pdf, png, uploadDocument } from './files';
import { stockTerminals } from './terminal-fixtures';

let serial = 0;

/** A resident ID with a correct GB 11643 check digit, different on every call (born 1985, Chaoyang). */
export function nextIdNumber(): string {
  serial += 1;
  const first17 = `11010519850101${String(serial).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

/** A 19-digit ICBC-style card number passing Luhn, different on every call. */
export function nextCardNumber(): string {
  serial += 1;
  const body = `622202${String(1_000_000_000 + serial * 7919).padStart(12, '0')}`;
  return `${body}${luhnCheckDigit(body)}`;
}

/**
 * A complete, valid application. Credit codes are real companies' (each test its own, so no test sees
 * another's as a duplicate); ID and card numbers are constructed with correct check digits.
 */
export function validForm(
  overrides: { creditCode?: string; idNumber?: string; accountNo?: string; name?: string } = {},
) {
  return {
    business: {
      name: overrides.name ?? '北京朝阳美味餐饮有限公司',
      shortName: '朝阳美味',
      type: 'company',
      mcc: '5812',
      scope: '餐饮服务',
      address: { divisionCode: '110105', detail: '朝阳路88号' },
      hours: { open: '09:00', close: '22:00' },
    },
    legalRep: {
      name: '张伟',
      idType: 'resident_id',
      idNumber: overrides.idNumber ?? nextIdNumber(),
      validFrom: '2020-01-01',
      validTo: 'long_term',
    },
    licence: {
      creditCode: overrides.creditCode ?? '914403001922038216',
      registeredName: overrides.name ?? '北京朝阳美味餐饮有限公司',
      validTo: 'long_term',
    },
    tax: { taxpayerType: 'small_scale' },
    settlement: {
      accountType: 'personal',
      bankName: '中国工商银行',
      branchName: '北京朝阳支行',
      accountNo: overrides.accountNo ?? nextCardNumber(),
      holderName: '张伟',
    },
    contacts: { name: '张伟', mobile: '13812345678' },
    expected: { monthlyVolumeMinor: '50000000', averageTicketMinor: '8000' },
    terminals: [{ model: 'PAX A920', count: 1, acceptance: ['card', 'qr'] }],
    attribution: {},
  };
}

/** A draft with every required document uploaded (ID card both sides, licence, storefront, account proof). */
export async function draftApplication(
  app: TestApp,
  client: Client,
  form: object = validForm(),
  documents = true,
) {
  const created = await client.post('/api/merchant-applications', { form });
  expect(created.status).toBe(201);
  if (documents) {
    for (const kind of ['id_front', 'id_back', 'licence', 'storefront', 'account_proof']) {
      const file =
        kind === 'licence' ? { bytes: pdf(), name: '营业执照.pdf', type: 'application/pdf' } : undefined;
      const uploaded = await uploadDocument(
        app.baseUrl,
        client,
        { ownerType: 'merchant_application', ownerId: created.body.id, kind },
        file,
      );
      expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    }
  }
  return created.body as { id: string; version: number; no: string };
}

/**
 * An application taken through intake, review and branch approval, its contract generated and signed
 * (rate plan DINING, effective tomorrow).
 */
export async function contractedApplication(
  app: TestApp,
  creditCode: string,
  name: string,
  terminals = 1,
  form = validForm({ creditCode, name }),
) {
  const frontdesk = await app.as('frontdesk');
  const backoffice = await app.as('backoffice');
  const approverBj = await app.as('approver.bj');
  form.terminals = [{ model: 'PAX A920', count: terminals, acceptance: ['card', 'qr'] }];
  const { id } = await draftApplication(app, frontdesk, form);
  expect((await frontdesk.post(`/api/merchant-applications/${id}/submit`)).status).toBe(200);
  await backoffice.post(`/api/merchant-applications/${id}/start-review`);
  for (const item of ['documents_match', 'scope_matches_mcc', 'premises_verified']) {
    await backoffice.put(`/api/merchant-applications/${id}/checklist/${item}`, { result: 'passed' });
  }
  await backoffice.post(`/api/merchant-applications/${id}/complete-review`);
  const requested = await backoffice.post(`/api/merchant-applications/${id}/request-approval`);
  expect((await approverBj.post(`/api/approvals/${requested.body.approvalId}/approve`, {})).body.status).toBe(
    'approved',
  );
  const plans = (await backoffice.get('/api/rate-plans')).body.items as { id: string; code: string }[];
  const plan = plans.find((p) => p.code === 'DINING') ?? plans.find((p) => p.code === 'STD');
  const generated = await backoffice.post(`/api/merchant-applications/${id}/contract`, {
    ratePlanId: plan!.id,
    effectiveDate: new Date(app.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10),
  });
  expect(generated.status, JSON.stringify(generated.body)).toBeLessThan(300);
  const signed = await backoffice.post(`/api/merchant-applications/${id}/contract/sign`, {
    signerName: '张伟',
  });
  expect(signed.status, JSON.stringify(signed.body)).toBeLessThan(300);
  expect((await backoffice.get(`/api/merchant-applications/${id}`)).body.status).toBe('contracted');
  return id;
}

/**
 * A live, active merchant: gone live, training recorded, one terminal (serial given) installed and
 * signed off, so active. With `signedOff: false` the unit is only bound (installed) and the merchant
 * still onboarding.
 */
export async function activeMerchant(
  app: TestApp,
  creditCode: string,
  name: string,
  serialNo: string,
  position: { latitude?: number; longitude?: number } = {},
  { signedOff = true } = {},
) {
  const backoffice = await app.as('backoffice');
  const ops = await app.as('ops');
  await stockTerminals(app, [serialNo]);
  const id = await contractedApplication(app, creditCode, name);
  const live = await backoffice.post(`/api/merchant-applications/${id}/go-live`);
  expect(live.status, JSON.stringify(live.body)).toBe(200);
  const merchantId = live.body.merchantId as string;
  const merchant = (await backoffice.get(`/api/merchants/${merchantId}`)).body;
  const done = await ops.post(`/api/work-orders/${merchant.workOrders[0].id}/install`, {
    serialNo,
    ...position,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  expect(done.body.keyInjection.tmk).toMatch(/^[0-9A-F]{32}$/);
  const trained = await backoffice.post(`/api/merchants/${merchantId}/trainings`, {
    trainerName: '李培训',
    trainedAt: app.clock.now().toISOString(),
    topics: ['刷卡与扫码收款'],
    attendees: '店长',
  });
  expect(trained.status, JSON.stringify(trained.body)).toBe(200);
  if (signedOff) {
    const signed = await signOff(app, ops, merchant.workOrders[0].id, position);
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.status).toBe('active');
  }
  return {
    merchantId,
    mid: live.body.mid as string,
    applicationId: id,
    keyInjection: done.body.keyInjection as { tid: string; tmk: string; checkValue: string },
  };
}

/**
 * 完工签收 as the engineer does it: a site photo and the merchant's signature uploaded to the work order,
 * every checklist item passed, an approved test transaction where the kind wants one. `report` overrides.
 */
export async function signOff(
  app: TestApp,
  client: Client,
  workOrderId: string,
  report: Record<string, unknown> = {},
) {
  const order = (await client.get(`/api/work-orders/${workOrderId}`)).body as {
    requirements: { checklist: { item: string }[]; minPhotos: number; testTransaction: boolean };
  };
  const target = { ownerType: 'work_order', ownerId: workOrderId };
  for (let i = 0; i < order.requirements.minPhotos; i++) {
    const photo = await uploadDocument(app.baseUrl, client, { ...target, kind: 'site_photo' });
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
  }
  const signature = await uploadDocument(
    app.baseUrl,
    client,
    { ...target, kind: 'signature' },
    { bytes: png(), name: 'signature.png', type: 'image/png' },
  );
  expect(signature.status, JSON.stringify(signature.body)).toBe(201);
  return client.post(`/api/work-orders/${workOrderId}/finish`, {
    result: '现场作业完成',
    checklist: order.requirements.checklist.map((c) => ({ item: c.item, passed: true })),
    ...(order.requirements.testTransaction
      ? { testTransaction: { amountMinor: '1', reference: '000000123456', approved: true } }
      : {}),
    signOff: { signerName: '店长', signatureDocumentId: signature.body.id },
    ...report,
  });
}

/** A well-formed finish body that no open work order would accept as it is: for "closed already" checks. */
export const finishAgain = {
  result: '再次',
  checklist: [],
  signOff: { signerName: '店长', signatureDocumentId: '00000000-0000-4000-8000-000000000000' },
};
