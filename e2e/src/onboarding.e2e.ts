/**
 * Journey 3: a merchant from its first application to an active merchant (进件 → 开通). The front desk
 * enters the application with its documents; the back office reviews it; the Beijing branch returns it
 * once for correction, the front desk corrects it and the back office sends it again; the branch and the
 * head office approve; the back office generates and records the signed contract and takes the merchant
 * live (MID, installation work order, portal login); training is recorded; on site the engineer binds the
 * terminal and loads its key, checks it, photographs it, makes a test transaction and has the merchant
 * sign on the phone — the merchant becomes active; its portal user signs in and sees only its own merchant.
 */
import path from 'node:path';
import {
  creditCodeCheckCharacter,
  luhnCheckDigit,
  organisationCodeCheckCharacter,
  residentIdCheckCharacter,
} from '@posops/kernel';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, pdf } from '../../apps/server/src/platform/demo/sample-files';
import { launchBrowser, newPage } from './browser';
import {
  apiGet,
  clickSettled,
  openLogin,
  pickOption,
  recordTraining,
  rowWith,
  signIn,
  signOut,
  submitLogin,
  tableSettled,
} from './console';
import {
  bindAndLoadKey,
  openSiteWork,
  passChecklist,
  recordTestTransaction,
  signOnPad,
  submitSiteReport,
  uploadSitePhoto,
} from './site-work';

const screenshotPath = path.resolve(import.meta.dirname, '../../test-results/onboarding.png');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A unified social credit code valid under GB 32100 (and its GB 11714 organisation code), new per run. */
function creditCode(): string {
  const body = `L${digits(7)}`;
  const first17 = `91110105${body}${organisationCodeCheckCharacter(body)}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

/** A resident ID number valid under GB 11643, born in 1985, registered in Chaoyang. */
function idNumber(): string {
  const first17 = `110105198506${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}${digits(3)}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

/** A UnionPay debit card number passing Luhn. */
function cardNumber(): string {
  const body = `622202${digits(12)}`;
  return `${body}${luhnCheckDigit(body)}`;
}

interface MerchantDetail {
  id: string;
  mid: string;
  status: string;
  workOrders: { id: string; no: string; status: string }[];
}

/** A toast of the console holding `text`. */
async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/** The status tag of the application page being shown. */
async function appStatus(page: Page): Promise<string | null> {
  return page.getByTestId('app-status').first().getAttribute('data-status');
}

/** Types a date (or time) into an Ant Design picker input and confirms it. */
async function typeDate(page: Page, input: ReturnType<Page['getByTestId']>, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
  await page.keyboard.press('Escape');
}

const field = (page: Page, path: string) => page.getByTestId(`app-field-${path}`);

/** Goes to the next step of the application form and waits for it. */
async function nextStep(page: Page, key: string): Promise<void> {
  await page.getByTestId('app-step-next').click();
  await page.getByTestId(`app-step-panel-${key}`).waitFor();
}

/** Back office: starts the review, passes the three reviewer items, completes it and sends for approval. */
async function review(page: Page, applicationId: string): Promise<void> {
  await page.goto(`/merchants/applications/${applicationId}`);
  await expect.poll(() => appStatus(page)).toBe('submitted');
  await page.getByTestId('app-action-start_review').click();
  await clickSettled(page.getByTestId('app-action-confirm'));
  await expect.poll(() => appStatus(page)).toBe('in_review');
  await page.getByTestId('checklist').waitFor();
  for (const item of ['documents_match', 'scope_matches_mcc', 'premises_verified']) {
    await page.getByTestId(`check-decide-${item}`).click();
    await page.getByTestId('check-result-passed').click();
    await page.getByTestId('review-comment').fill('已核对');
    await page.getByTestId('check-decide-submit').click();
    await page.getByTestId('check-decide-submit').waitFor({ state: 'hidden' });
  }
  await expect.poll(() => page.getByTestId('app-action-complete_review').isEnabled()).toBe(true);
  await page.getByTestId('app-action-complete_review').click();
  await clickSettled(page.getByTestId('app-action-confirm'));
  await expect.poll(() => appStatus(page)).toBe('reviewed');
  await page.getByTestId('app-action-request_approval').click();
  await clickSettled(page.getByTestId('app-action-confirm'));
  await expect.poll(() => appStatus(page)).toBe('pending_approval');
}

/** An approver opens the request from the inbox and decides it with a comment. */
async function decide(
  page: Page,
  approver: string,
  appNo: string,
  decision: 'approve' | 'return',
  comment: string,
): Promise<void> {
  await signIn(page, approver, 'zh-CN');
  await page.goto('/approvals');
  await page.getByTestId('approvals-tab-inbox').click();
  const table = page.getByTestId('approvals-table');
  await tableSettled(table);
  const row = rowWith(table, appNo);
  await row.waitFor();
  expect(await row.innerText()).toContain('审批中');
  await row.getByTestId('approval-open').click();
  const drawer = page.getByTestId('approval-drawer');
  await drawer.getByTestId(`approval-${decision}`).waitFor();
  expect(await drawer.innerText()).toContain(appNo);
  await drawer.getByTestId('approval-comment').fill(comment);
  await clickSettled(drawer.getByTestId(`approval-${decision}`));
  await toast(page, '已处理');
  await expect.poll(() => drawer.getByTestId('approval-history').innerText()).toContain(comment);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await signOut(page);
}

describe('merchant onboarding', () => {
  const suffix = digits(4);
  const name = `北京味道餐饮管理有限公司${suffix}`;
  const shortName = `味道餐厅${suffix}`;
  const correctedShortName = `味道小馆${suffix}`;
  const code = creditCode();
  let applicationId = '';
  let appNo = '';

  it('takes an application from the front desk to an active merchant and its portal', async () => {
    const { page } = await newPage(browser, 'zh-CN');

    // ── front desk enters the application, step by step ──
    await signIn(page, 'frontdesk', 'zh-CN');
    await page.goto('/merchants/applications');
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/merchant-applications' && r.request().method() === 'POST',
    );
    await page.getByTestId('app-new').click();
    const createdResponse = await created;
    expect(createdResponse.status()).toBe(201);
    ({ id: applicationId, no: appNo } = (await createdResponse.json()) as { id: string; no: string });
    await page.waitForURL((url) => url.pathname === `/merchants/applications/${applicationId}/edit`);

    // ① business
    await page.getByTestId('app-step-panel-business').waitFor();
    await field(page, 'business.name').fill(name);
    await field(page, 'business.shortName').fill(shortName);
    await page.getByTestId('app-field-business.type-company').click();
    await pickOption(page, 'app-field-business.mcc', '5812');
    await field(page, 'business.scope').fill('餐饮服务；食品销售');
    await field(page, 'business.address.divisionCode').click();
    const cascader = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
    for (const level of ['北京市', '市辖区', '朝阳区'])
      await cascader.locator(`.ant-cascader-menu-item[title="${level}"]`).click();
    await cascader.waitFor({ state: 'hidden' });
    await field(page, 'business.address.detail').fill('建国路88号SOHO现代城1层');
    const hours = field(page, 'business.hours').locator('input');
    await hours.nth(0).click();
    await hours.nth(0).fill('09:00');
    await hours.nth(0).press('Enter');
    await hours.nth(1).fill('21:30');
    await hours.nth(1).press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => hours.nth(1).inputValue()).toBe('21:30');
    await nextStep(page, 'legalRep');

    // ② legal representative
    await field(page, 'legalRep.name').fill('王建国');
    await field(page, 'legalRep.idNumber').fill(idNumber());
    await typeDate(page, field(page, 'legalRep.validFrom'), '2019-05-01');
    await page.getByTestId('app-field-legalRep.validTo-long-term').click();
    await nextStep(page, 'licence');

    // ③ licence and tax
    await field(page, 'licence.creditCode').fill(code);
    await field(page, 'licence.registeredName').fill(name);
    await typeDate(page, field(page, 'licence.establishedOn'), '2016-03-15');
    await page.getByTestId('app-field-licence.validTo-long-term').click();
    await page.getByTestId('app-field-tax.taxpayerType-small_scale').click();
    await nextStep(page, 'settlement');

    // ④ settlement account
    await page.getByTestId('app-field-settlement.accountType-personal').click();
    await field(page, 'settlement.holderName').fill('王建国');
    await field(page, 'settlement.bankName').fill('中国工商银行');
    await field(page, 'settlement.branchName').fill('北京朝阳支行');
    await field(page, 'settlement.accountNo').fill(cardNumber());
    await nextStep(page, 'contacts');

    // ⑤ contacts, expected volume (≥ ¥1,000,000 a month: the head office approves too), terminals
    await field(page, 'contacts.name').fill('王建国');
    await field(page, 'contacts.mobile').fill(`139${digits(8)}`);
    await field(page, 'expected.monthlyVolumeYuan').fill('2000000');
    await field(page, 'expected.averageTicketYuan').fill('150');
    await field(page, 'terminals.0.model').fill('PAX A920');
    // 业务归属: brought by the outlet's sales rep.
    await pickOption(page, 'app-sales-rep', '销售人员');
    await nextStep(page, 'documents');

    // ⑥ documents: real files, a JPEG for the pictures and a PDF for the account proof
    const files: [string, { name: string; mimeType: string; buffer: Buffer }][] = [
      ['id_front', { name: 'id-front.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg()) }],
      ['id_back', { name: 'id-back.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg()) }],
      ['licence', { name: 'licence.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg()) }],
      ['storefront', { name: 'storefront.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg()) }],
      [
        'account_proof',
        { name: 'account-proof.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf()) },
      ],
    ];
    for (const [kind, file] of files) {
      const uploaded = page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.includes('/documents'),
      );
      await page.getByTestId(`doc-upload-${kind}`).locator('input[type=file]').setInputFiles(file);
      expect((await uploaded).status()).toBe(201);
      await expect.poll(() => page.getByTestId(`doc-slot-${kind}`).innerText()).toContain(file.name);
    }

    await page.getByTestId('app-submit').click();
    await clickSettled(page.getByTestId('app-submit-confirm'));
    await page.waitForURL((url) => url.pathname === `/merchants/applications/${applicationId}`);
    await expect.poll(() => appStatus(page)).toBe('submitted');
    expect(await page.getByTestId('app-status').first().innerText()).toBe('已提交');
    await signOut(page);

    // ── back office reviews and sends it for approval ──
    await signIn(page, 'backoffice', 'zh-CN');
    await review(page, applicationId);
    await signOut(page);

    // ── the branch returns it once for correction ──
    const correction = '简称请与门头招牌一致';
    await decide(page, 'approver.bj', appNo, 'return', correction);

    // ── front desk corrects the short name and resubmits ──
    await signIn(page, 'frontdesk', 'zh-CN');
    await page.goto(`/merchants/applications/${applicationId}`);
    await expect.poll(() => appStatus(page)).toBe('returned');
    expect(await page.getByTestId('app-status').first().innerText()).toBe('已退回');
    await page.getByTestId('app-action-edit').click();
    await page.waitForURL((url) => url.pathname === `/merchants/applications/${applicationId}/edit`);
    await field(page, 'business.shortName').fill(correctedShortName);
    await page.getByTestId('app-step-documents').click();
    await page.getByTestId('app-step-panel-documents').waitFor();
    await page.getByTestId('app-submit').click();
    await clickSettled(page.getByTestId('app-submit-confirm'));
    await page.waitForURL((url) => url.pathname === `/merchants/applications/${applicationId}`);
    await expect.poll(() => appStatus(page)).toBe('submitted');
    await signOut(page);

    // ── back office reviews it again and sends it again ──
    await signIn(page, 'backoffice', 'zh-CN');
    await review(page, applicationId);
    await signOut(page);

    // ── the branch, then the head office approve ──
    await decide(page, 'approver.bj', appNo, 'approve', '资料齐全，同意');
    await decide(page, 'approver.hq', appNo, 'approve', '月交易额较大，同意开通');

    // ── back office: contract generated and signed, then go-live ──
    await signIn(page, 'backoffice', 'zh-CN');
    await page.goto(`/merchants/applications/${applicationId}`);
    await expect.poll(() => appStatus(page)).toBe('approved');
    const approved = await apiGet<{ form: { business: { shortName: string } } }>(
      page,
      `/api/merchant-applications/${applicationId}`,
    );
    expect(approved.body.form.business.shortName).toBe(correctedShortName);

    await page.getByTestId('contract-form').waitFor();
    await page.getByTestId('contract-plan').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
      .click();
    await page.getByTestId('contract-plan-rates').waitFor();
    await page.getByTestId('contract-generate').click();
    await toast(page, '商户协议已生成');
    await page.getByTestId('contract-panel').waitFor();
    await page.getByTestId('contract-sign').click();
    await page.getByTestId('contract-signer').fill('王建国');
    await clickSettled(page.getByTestId('contract-sign-confirm'));
    await expect.poll(() => page.getByTestId('contract-status').getAttribute('data-status')).toBe('signed');
    await expect.poll(() => appStatus(page)).toBe('contracted');

    await page.getByTestId('app-go-live').click();
    await clickSettled(page.getByTestId('golive-confirm'));
    const goLive = page.getByTestId('golive-modal');
    const mid = (await goLive.getByTestId('golive-mid').innerText()).trim();
    expect(mid).toMatch(/^[0-9A-Z]{15}$/);
    expect(mid).toContain('5812');
    const workOrderNos = await goLive.getByTestId('golive-work-orders').locator('.ant-tag').allInnerTexts();
    expect(workOrderNos).toHaveLength(1);
    const portalUser = (await goLive.getByTestId('golive-username').innerText()).trim();
    const firstPassword = (await goLive.getByTestId('golive-password').innerText()).trim();
    expect(firstPassword.length).toBeGreaterThanOrEqual(8);
    await goLive.getByTestId('golive-merchant-link').click();
    await page.waitForURL((url) => /^\/merchants\/[^/]+$/.test(url.pathname));
    const merchantId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await page.getByTestId('merchant-mid').innerText()).toBe(mid);
    await expect
      .poll(() => page.getByTestId('merchant-status').getAttribute('data-status'))
      .toBe('onboarding');

    // The installation work order is open.
    const workOrders = page.getByTestId('merchant-work-orders');
    const workOrderNo = workOrderNos[0] ?? '';
    expect(await rowWith(workOrders, workOrderNo).innerText()).toContain('PAX A920');

    // ── training recorded ──
    await recordTraining(page, {
      trainer: '李培训',
      topics: ['刷卡收款', '结算对账'],
      attendees: '王建国、收银员张丽',
    });
    // Not active yet: no terminal is installed.
    expect(await page.getByTestId('merchant-status').getAttribute('data-status')).toBe('onboarding');
    await signOut(page);

    // ── the engineer on site: binds the unit and loads its key, then the merchant signs off ──
    await signIn(page, 'engineer', 'zh-CN');
    const workOrderId = await openSiteWork(page, merchantId, workOrderNo);
    // A unit from the Chaoyang outlet's stock (the demo's PAX A920s); the demo merchants use the first ones.
    await bindAndLoadKey(page, 'PAXA920-10000059');
    expect((await apiGet<MerchantDetail>(page, `/api/merchants/${merchantId}`)).body.status).toBe(
      'onboarding',
    );
    expect(await passChecklist(page, workOrderId)).toBe(7);
    // Without the photo and the signature the form says what is missing, beside each.
    await page.getByTestId('site-submit').click();
    await page
      .getByTestId('site-photos')
      .locator('.ant-form-item-explain-error', { hasText: '至少需要 1 张现场照片' })
      .waitFor();
    await page
      .getByTestId('site-sign-off')
      .locator('.ant-form-item-explain-error', { hasText: '请商户签名' })
      .waitFor();
    await uploadSitePhoto(page, 'counter.jpg');
    // The test transaction: one fen, approved, its RRN from the slip.
    await recordTestTransaction(page, '0.01', '400000012345');
    await signOnPad(page, '王建国');
    await submitSiteReport(page, workOrderId, '装机完成，测试交易成功，已培训收银员');
    await toast(page, '商户已开通');
    // The report keeps the signature the merchant drew, uploaded as a PNG.
    const documents = await apiGet<{ items: { kind: string; contentType: string }[] }>(
      page,
      `/api/documents?ownerType=work_order&ownerId=${workOrderId}`,
    );
    expect(documents.body.items.map((d) => `${d.kind}:${d.contentType}`).sort()).toEqual([
      'signature:image/png',
      'site_photo:image/jpeg',
    ]);
    // The merchant is live, its unit in use.
    await page.goto(`/merchants/${merchantId}`);
    await expect.poll(() => page.getByTestId('merchant-status').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('merchant-status').innerText()).toBe('已开通');
    expect(await page.getByTestId('merchant-mid').innerText()).toBe(mid);
    const unit = await apiGet<{ status: string }>(page, '/api/terminals/by-serial/PAXA920-10000059');
    expect(unit.body.status).toBe('active');
    const merchant = await apiGet<MerchantDetail>(page, `/api/merchants/${merchantId}`);
    expect(merchant.body.status).toBe('active');
    const { attribution } = merchant.body as unknown as {
      attribution: { salesRep: { name: string } | null };
    };
    expect(attribution.salesRep?.name).toBe('销售人员');
    expect(merchant.body.workOrders.map((w) => w.status)).toEqual(['completed']);
    await signOut(page);

    // ── the application shows it live (README screenshot) ──
    await signIn(page, 'backoffice', 'zh-CN');
    await page.goto(`/merchants/applications/${applicationId}`);
    await expect.poll(() => appStatus(page)).toBe('active');
    expect(await page.getByTestId('app-status').first().innerText()).toBe('已开通');
    expect(await page.getByTestId('app-merchant-link').innerText()).toContain(mid);
    // The history tab tells the story: submitted, reviewed, returned by the branch, approved, contracted.
    await page.getByTestId('app-tabs').getByRole('tab', { name: '处理记录' }).click();
    const history = page.getByTestId('app-history');
    await history.waitFor();
    expect(await history.getByTestId('app-history-return_from_approval').count()).toBe(1);
    expect(await history.getByTestId('app-history-resubmit').count()).toBe(1);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.mouse.move(1390, 890);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath });
    await signOut(page);

    // ── the portal user signs in, changes its first password and sees only its merchant ──
    await openLogin(page);
    await submitLogin(page, portalUser, firstPassword);
    await page.waitForURL((url) => url.pathname === '/account/password');
    await page.getByTestId('password-current').fill(firstPassword);
    await page.getByTestId('password-new').fill('Merchant-e2e-2026');
    await page.getByTestId('password-confirm').fill('Merchant-e2e-2026');
    await page.getByTestId('password-submit').click();
    await page.waitForURL((url) => url.pathname !== '/account/password');
    const own = await apiGet<{ mid: string; status: string; shortName: string }>(
      page,
      '/api/portal/merchant',
    );
    expect(own.status).toBe(200);
    expect(own.body.mid).toBe(mid);
    expect(own.body.shortName).toBe(correctedShortName);
    expect(own.body.status).toBe('active');
    expect((await page.request.get('/api/merchants')).status()).toBe(403);
    expect((await page.request.get(`/api/merchants/${merchantId}`)).status()).toBe(403);
    expect((await page.request.get('/api/merchant-applications')).status()).toBe(403);
  }, 240_000);
});
