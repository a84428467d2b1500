/**
 * Journey 4: a live merchant's limits raised through a change request (变更申请). The back office opens a
 * demo merchant's 360 page, asks for the limits it already has (the server refuses, next to the field),
 * then for new limits effective today; the risk officer and then the Beijing branch approve it in the
 * approval centre, seeing before and after side by side; the 360 page shows the new limits, the change as
 * applied (已生效) and the change in the merchant's history.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './browser';
import { apiGet, apiSession, rowWith, signIn, signOut, tableSettled } from './console';

const screenshotPath = path.resolve(import.meta.dirname, '../../test-results/merchant-360.png');
const changesScreenshotPath = path.resolve(import.meta.dirname, '../../test-results/merchant-changes.png');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Merchant {
  id: string;
  mid: string;
  name: string;
  status: string;
  riskGrade: string;
  singleLimitMinor: string;
  dailyLimitMinor: string;
  monthlyLimitMinor: string;
}

interface Change {
  id: string;
  no: string;
  kind: string;
  status: string;
  after: Record<string, unknown>;
}

/** Fen as the console shows them in zh-CN: ¥30,000.00. */
function yuan(fen: string): string {
  const value = BigInt(fen);
  const whole = new Intl.NumberFormat('zh-CN').format(value / 100n);
  return `¥${whole}.${(value % 100n).toString().padStart(2, '0')}`;
}

/** Today as a business date (Asia/Shanghai). */
function businessToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** A toast of the console holding `text`. */
async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/** A demo merchant that is live, graded A or B (no head-office step) and has no limits change open. */
async function pickMerchant(): Promise<Merchant> {
  const api = await apiSession(browser, 'backoffice');
  try {
    const list = await api.get<{ items: Merchant[] }>('/api/merchants?status=active&limit=50');
    expect(list.status).toBe(200);
    for (const m of list.body.items.filter((x) => x.riskGrade === 'A' || x.riskGrade === 'B')) {
      const changes = await api.get<{ items: Change[] }>(`/api/merchants/${m.id}/changes`);
      const open = changes.body.items.some(
        (c) => c.kind === 'limits' && ['pending_approval', 'returned', 'scheduled'].includes(c.status),
      );
      if (!open) return m;
    }
    throw new Error('no active grade A/B demo merchant without an open limits change');
  } finally {
    await api.close();
  }
}

/** Opens a tab of the merchant page by its zh-CN name. */
async function openTab(page: Page, name: string): Promise<void> {
  await page
    .getByTestId('merchant-tabs')
    .getByRole('tab', { name: new RegExp(`^${name}`) })
    .click();
}

/** An approver finds the change in the inbox, checks before/after and approves it. */
async function approve(page: Page, approver: string, changeNo: string, comment: string): Promise<void> {
  await signIn(page, approver, 'zh-CN');
  await page.goto('/approvals');
  await page.getByTestId('approvals-tab-inbox').click();
  const table = page.getByTestId('approvals-table');
  await tableSettled(table);
  const row = rowWith(table, changeNo);
  await row.waitFor();
  await row.getByTestId('approval-open').click();
  const drawer = page.getByTestId('approval-drawer');
  await drawer.getByTestId('approval-approve').waitFor();
  // The payload reads as a comparison: the three limits changed, labelled in Chinese.
  const diff = drawer.getByTestId('approval-payload-diff');
  for (const key of ['singleLimitMinor', 'dailyLimitMinor', 'monthlyLimitMinor']) {
    expect(await diff.getByTestId(`approval-payload-diff-row-${key}`).getAttribute('data-changed')).toBe(
      'true',
    );
  }
  expect(await diff.innerText()).toContain('单笔限额');
  expect(await drawer.getByTestId('approval-payload').innerText()).toContain('限额变更');
  await drawer.getByTestId('approval-comment').fill(comment);
  await drawer.getByTestId('approval-approve').click();
  await toast(page, '已处理');
  await expect.poll(() => drawer.getByTestId('approval-history').innerText()).toContain(comment);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await signOut(page);
}

describe('merchant change requests', () => {
  it('changes a merchant’s limits through the risk officer and the branch, and the 360 page shows them in effect', async () => {
    const merchant = await pickMerchant();
    const next = { single: '3000000', daily: '12000000', monthly: '150000000' };
    const { page } = await newPage(browser, 'zh-CN');

    // ── back office: the 360 page, then a limits change ──
    await signIn(page, 'backoffice', 'zh-CN');
    await page.goto(`/merchants/${merchant.id}`);
    expect(await page.getByTestId('merchant-mid').innerText()).toBe(merchant.mid);
    expect(await page.getByTestId('merchant-limit-single').innerText()).toBe(yuan(merchant.singleLimitMinor));
    await openTab(page, '变更');
    await page.getByTestId('change-new').click();
    const drawer = page.getByTestId('change-drawer');
    await drawer.getByTestId('change-form').waitFor();
    await drawer.getByTestId('change-kind-limits').click();
    // The form starts from the limits the merchant has, effective today.
    await expect.poll(() => drawer.getByTestId('change-limits-single').inputValue()).not.toBe('');
    expect(await drawer.getByTestId('change-effective-date').inputValue()).toBe(businessToday());
    await drawer.getByTestId('change-reason').fill('节假日客流增加，申请调整交易限额');

    // Unchanged limits: the server refuses, and says so under the first limit, in Chinese.
    const refused = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        new URL(r.url()).pathname === `/api/merchants/${merchant.id}/changes`,
    );
    await drawer.getByTestId('change-submit').click();
    expect((await refused).status()).toBe(400);
    await drawer.locator('.ant-form-item-explain-error', { hasText: '与商户当前的限额相同' }).waitFor();

    // A daily limit below the single one is caught before it is sent.
    await drawer.getByTestId('change-limits-single').fill('30000');
    await drawer.getByTestId('change-limits-daily').fill('20000');
    await drawer.locator('.ant-form-item-explain-error', { hasText: '单日限额不能低于单笔限额' }).waitFor();

    await drawer.getByTestId('change-limits-daily').fill('120000');
    await drawer.getByTestId('change-limits-monthly').fill('1500000');
    const submitted = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        new URL(r.url()).pathname === `/api/merchants/${merchant.id}/changes`,
    );
    await drawer.getByTestId('change-submit').click();
    const response = await submitted;
    expect(response.status()).toBe(200);
    const change = (await response.json()) as Change;
    expect(change.status).toBe('pending_approval');
    expect(change.after).toEqual({
      singleLimitMinor: next.single,
      dailyLimitMinor: next.daily,
      monthlyLimitMinor: next.monthly,
    });
    const done = drawer.getByTestId('change-submitted');
    await done.waitFor();
    expect(await done.getAttribute('data-no')).toBe(change.no);
    expect(await done.innerText()).toContain(`变更申请 ${change.no} 已提交审批`);
    await done.getByTestId('change-submitted-close').click();
    await drawer.waitFor({ state: 'hidden' });

    const changes = page.getByTestId('merchant-changes');
    const row = changes.locator(`tr[data-no="${change.no}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending_approval');
    expect(await row.innerText()).toContain('待审批');
    // Only one limits change at a time: the form no longer offers another.
    await page.getByTestId('change-new').click();
    await drawer.getByTestId('change-form').waitFor();
    expect(await drawer.getByTestId('change-kind-limits').getAttribute('data-disabled')).toBe('true');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await signOut(page);

    // ── the risk officer, then the Beijing branch approve ──
    await approve(page, 'risk', change.no, '限额在 A 级标准内，同意');
    await approve(page, 'approver.bj', change.no, '同意调整');

    // ── back office: the new limits are in effect ──
    await signIn(page, 'backoffice', 'zh-CN');
    await page.goto(`/merchants/${merchant.id}`);
    await expect.poll(() => page.getByTestId('merchant-limit-single').innerText()).toBe(yuan(next.single));
    expect(await page.getByTestId('merchant-limit-daily').innerText()).toBe(yuan(next.daily));
    expect(await page.getByTestId('merchant-limit-monthly').innerText()).toBe(yuan(next.monthly));
    const after = await apiGet<Merchant>(page, `/api/merchants/${merchant.id}`);
    expect(after.body.monthlyLimitMinor).toBe(next.monthly);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.mouse.move(1390, 890);
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath, fullPage: true });

    await openTab(page, '变更');
    const applied = page.getByTestId('merchant-changes').locator(`tr[data-no="${change.no}"]`);
    await expect.poll(() => applied.getAttribute('data-status')).toBe('applied');
    expect(await applied.innerText()).toContain('已生效');
    // The row opens on before and after.
    await applied.locator('.ant-table-row-expand-icon').click();
    const detail = page.getByTestId(`change-detail-${change.no}`);
    await detail.waitFor();
    expect(await detail.innerText()).toContain(yuan(next.monthly));
    await page.mouse.move(1390, 890);
    // Let the tab's ink bar finish moving before the picture.
    await page.waitForTimeout(400);
    await page.screenshot({ path: changesScreenshotPath, fullPage: true });

    await openTab(page, '历史');
    const history = page.getByTestId('merchant-history');
    await history.waitFor();
    const applyEntry = history.locator('[data-action="merchant.change.apply"]').first();
    await applyEntry.waitFor();
    expect(await applyEntry.innerText()).toContain('变更生效');
    expect(await applyEntry.innerText()).toContain(change.no);

    // ── the list of change requests finds it by status and kind ──
    await page.goto('/merchants/changes');
    const list = page.getByTestId('changes-table');
    await tableSettled(list);
    expect(await list.locator(`tr[data-no="${change.no}"]`).getAttribute('data-status')).toBe('applied');
    await signOut(page);
  });
});
