/** Merchant applications for tests: valid forms with real checksums, drafts with their documents. */
import { luhnCheckDigit, residentIdCheckCharacter } from '@posops/kernel';
import { expect } from 'vitest';
import type { Client, TestApp } from './app';
import { pdf, uploadDocument } from './files';

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
