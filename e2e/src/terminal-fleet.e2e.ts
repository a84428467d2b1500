/**
 * Journey 5: a terminal from its purchase to a merchant's counter (采购 → 到货验收 → 台账 → 装机). Procurement
 * requests three PAX A920 for the Chaoyang outlet's warehouse; the Beijing branch approves it; procurement
 * orders them from a supplier and receives two (a serial number already in the ledger is refused under the
 * field first), returning a third with its casing damaged; the ledger shows the two in stock in that
 * warehouse and not the returned one. The back office takes the demo's contracted florist live, the
 * engineer binds one of the received units on the site page (and loads its key), the terminal page shows
 * it installed — in use only after the merchant's sign-off — and bound to the merchant's MID, and the
 * fleet overview's register still adds up.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './browser';
import { apiGet, pickOption, rowWith, signIn, signOut, tableSettled } from './console';

const overviewScreenshot = path.resolve(import.meta.dirname, '../../test-results/terminal-overview.png');
const procurementScreenshot = path.resolve(import.meta.dirname, '../../test-results/procurement-detail.png');

const WAREHOUSE = '北京朝阳支行仓库';
const FLORIST = '北京朝阳鲜花坊';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface ProcurementDetail {
  id: string;
  no: string;
  status: string;
  quantity: number;
  amountMinor: string;
  receivedUnits: number;
  rejectedUnits: number;
  outstanding: number;
  receipts: { no: string; accepted: number; rejected: { serialNo: string; reason: string }[] }[];
}

interface TerminalDetail {
  id: string;
  serialNo: string;
  status: string;
  warehouseName: string | null;
}

/** A toast of the console holding `text`. */
async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/** A business date (Asia/Shanghai) `days` from today. */
function businessDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** Picks an option of a Select without a search box by its text. */
async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await dropdown.locator('.ant-select-item-option', { hasText: text }).first().click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** The status of the purchase request the detail drawer shows. */
async function procurementStatus(page: Page): Promise<string | null> {
  return page.getByTestId('procurement-detail').getByTestId('procurement-status').getAttribute('data-status');
}

/** Waits for the toasts to go, so that a screenshot shows the page alone. */
async function quiet(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
  await page.mouse.move(1390, 890);
  await page.waitForTimeout(300);
}

describe('terminal fleet', () => {
  const run = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const accepted = [`E2EA920-${run}-1`, `E2EA920-${run}-2`];
  const rejected = `E2EA920-${run}-3`;

  it('buys terminals, receives them by serial number and installs one at a merchant', async () => {
    const { page } = await newPage(browser, 'zh-CN');

    // ── procurement: a request for three PAX A920 for the Chaoyang outlet's warehouse ──
    await signIn(page, 'procurement', 'zh-CN');
    const menuEntry = page.getByTestId('menu-terminal-procurements');
    if (!(await menuEntry.isVisible())) await page.getByTestId('menu-group-terminals').click();
    await menuEntry.click();
    await page.waitForURL((url) => url.pathname === '/terminals/procurements');
    await page.getByTestId('procurement-create').click();
    const form = page.getByTestId('procurement-drawer');
    await pickOption(page, 'procurement-model', 'PAX A920');
    await form.getByTestId('procurement-quantity').fill('3');
    // The amount follows the catalogue price (¥1,500.00) as the quantity is typed.
    await expect.poll(() => form.getByTestId('procurement-amount').innerText()).toBe('¥4,500.00');
    const neededBy = page.getByTestId('procurement-needed-by');
    await neededBy.click();
    // Days already past cannot be picked (yesterday, when this month's panel shows it).
    const yesterday = page.locator(
      `.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) td[title="${businessDay(-1)}"]`,
    );
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor();
    if ((await yesterday.count()) > 0)
      expect(await yesterday.first().getAttribute('class')).toContain('ant-picker-cell-disabled');
    await neededBy.fill(businessDay(14));
    await neededBy.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => neededBy.inputValue()).toBe(businessDay(14));
    await pickOption(page, 'procurement-warehouse', WAREHOUSE);
    await form.getByTestId('procurement-reason').fill('朝阳支行新商户装机备货');
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/procurements' && r.request().method() === 'POST',
    );
    await page.getByTestId('procurement-submit').click();
    const createdResponse = await created;
    expect(createdResponse.status()).toBe(201);
    const request = (await createdResponse.json()) as ProcurementDetail;
    expect(request).toMatchObject({ status: 'pending_approval', quantity: 3, amountMinor: '450000' });
    await toast(page, `已提交采购申请 ${request.no}`);
    // The new request opens: pending approval, in the list too.
    const detail = page.getByTestId('procurement-detail');
    await expect.poll(() => procurementStatus(page)).toBe('pending_approval');
    expect(await detail.getByTestId('procurement-no').innerText()).toBe(request.no);
    expect(await detail.getByTestId('procurement-warehouse-shown').innerText()).toBe(WAREHOUSE);
    await detail.getByTestId('procurement-pending').waitFor();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    const row = page.locator(`tr[data-no="${request.no}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending_approval');
    const rowText = await row.innerText();
    for (const text of ['待审批', 'PAX A920', '¥4,500.00', businessDay(14), WAREHOUSE])
      expect(rowText).toContain(text);
    await signOut(page);

    // ── the Beijing branch approves it ──
    await signIn(page, 'approver.bj', 'zh-CN');
    await page.goto('/approvals');
    await page.getByTestId('approvals-tab-inbox').click();
    const approvals = page.getByTestId('approvals-table');
    await tableSettled(approvals);
    const approvalRow = rowWith(approvals, request.no);
    await approvalRow.waitFor();
    await approvalRow.getByTestId('approval-open').click();
    const approval = page.getByTestId('approval-drawer');
    await approval.getByTestId('approval-approve').waitFor();
    await approval.getByTestId('approval-comment').fill('备货合理，同意采购');
    await approval.getByTestId('approval-approve').click();
    await toast(page, '已处理');
    await expect.poll(() => approval.getByTestId('approval-history').innerText()).toContain('同意采购');
    await page.keyboard.press('Escape');
    await approval.waitFor({ state: 'hidden' });
    await signOut(page);

    // ── procurement orders it from a supplier ──
    await signIn(page, 'procurement', 'zh-CN');
    await page.goto(`/terminals/procurements?id=${request.id}`);
    await expect.poll(() => procurementStatus(page)).toBe('approved');
    await pickOption(page, 'procurement-supplier', '深圳百富');
    await detail.getByTestId('procurement-order').click();
    await toast(page, '已向 深圳百富计算机技术股份有限公司 下单');
    await expect.poll(() => procurementStatus(page)).toBe('ordered');

    // ── 到货验收: two accepted, one returned with its casing damaged ──
    await detail.getByTestId('procurement-receive').click();
    const receipt = page.getByTestId('receipt-drawer');
    const serials = receipt.getByTestId('receipt-accepted');
    // A unit already in the ledger: the server refuses, under the serial numbers, and nothing is received.
    await serials.fill(['PAXA920-10000000', ...accepted].join('\n'));
    await expect
      .poll(() => receipt.getByTestId('receipt-accepted-count').getAttribute('data-count'))
      .toBe('3');
    const refused = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/procurements/${request.id}/receipts`,
    );
    await receipt.getByTestId('receipt-submit').click();
    expect((await refused).status()).toBe(400);
    await receipt
      .locator('.ant-form-item-explain-error', { hasText: '已在机具台账中：PAXA920-10000000' })
      .waitFor();
    // Scanned twice by mistake: the repeat is dropped and counted.
    await serials.fill([...accepted, accepted[0]].join('\n'));
    await expect
      .poll(() => receipt.getByTestId('receipt-accepted-count').getAttribute('data-count'))
      .toBe('2');
    expect(await receipt.getByTestId('receipt-accepted-count').innerText()).toContain(
      '合格 2 台 / 待到货 3 台',
    );
    expect(await receipt.getByTestId('receipt-accepted-count').innerText()).toContain('已去除 1 个重复');
    await receipt.getByTestId('receipt-add-reject').click();
    await receipt.getByTestId('receipt-reject-serial-0').fill(rejected);
    await chooseOption(page, 'receipt-reject-reason-0', '外观破损');
    await receipt.getByTestId('receipt-firmware').fill('1.6.0');
    const received = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/procurements/${request.id}/receipts`,
    );
    await receipt.getByTestId('receipt-submit').click();
    expect((await received).status()).toBe(200);
    await toast(page, '验收完成：入库 2 台，退回 1 台');
    await receipt.waitFor({ state: 'hidden' });
    // Two of three in: still ordered, one outstanding; the receipt lists the returned unit and why.
    const progress = detail.getByTestId('procurement-progress');
    await expect.poll(() => progress.getAttribute('data-received')).toBe('2');
    expect(await progress.getAttribute('data-outstanding')).toBe('1');
    expect(await procurementStatus(page)).toBe('ordered');
    const receipts = detail.getByTestId('procurement-receipts');
    expect(await receipts.locator('tr[data-testid="receipt-row"]').count()).toBe(1);
    const returned = receipts.getByTestId('receipt-rejected-unit');
    expect(await returned.getAttribute('data-serial')).toBe(rejected);
    expect(await returned.innerText()).toContain('外观破损');
    const after = await apiGet<ProcurementDetail>(page, `/api/procurements/${request.id}`);
    expect(after.body).toMatchObject({
      status: 'ordered',
      receivedUnits: 2,
      rejectedUnits: 1,
      outstanding: 1,
    });
    await quiet(page);
    await page.screenshot({ path: procurementScreenshot });
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // ── the ledger: the two accepted units in stock in the Chaoyang warehouse, not the returned one ──
    await page.goto('/terminals');
    const scan = page.getByTestId('terminals-scan');
    const ledger = page.getByTestId('terminals-table');
    await scan.fill(`E2EA920-${run}`);
    await scan.press('Enter');
    await expect.poll(() => ledger.locator('tr[data-testid="terminal-row"]').count()).toBe(2);
    for (const serial of accepted) {
      const unit = ledger.locator(`tr[data-serial="${serial}"]`);
      const text = await unit.innerText();
      expect(text).toContain('在库');
      expect(text).toContain(WAREHOUSE);
    }
    expect(await ledger.locator(`tr[data-serial="${rejected}"]`).count()).toBe(0);
    expect((await page.request.get(`/api/terminals/by-serial/${rejected}`)).status()).toBe(404);
    // A scan of a whole serial number opens the unit.
    await scan.fill(accepted[0] ?? '');
    await scan.press('Enter');
    await page.waitForURL((url) => /^\/terminals\/[0-9a-f-]{36}$/.test(url.pathname));
    const terminalId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await page.getByTestId('terminal-serial').innerText()).toBe(accepted[0]);
    expect(await page.getByTestId('terminal-status').getAttribute('data-status')).toBe('in_stock');
    expect(await page.getByTestId('terminal-overview').innerText()).toContain(WAREHOUSE);
    await signOut(page);

    // ── back office takes the demo's contracted florist live ──
    await signIn(page, 'backoffice', 'zh-CN');
    await page.goto('/merchants/applications');
    await chooseOption(page, 'apps-filter-status', '已签约');
    const answered = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/merchant-applications' &&
        new URL(r.url()).searchParams.get('status') === 'contracted',
    );
    await page.getByTestId('apps-search').getByTestId('search-submit').click();
    expect((await answered).status()).toBe(200);
    const applications = page.getByTestId('apps-table');
    await tableSettled(applications);
    await rowWith(applications, FLORIST).click();
    await page.waitForURL((url) => /^\/merchants\/applications\/[^/]+$/.test(url.pathname));
    await expect
      .poll(() => page.getByTestId('app-status').first().getAttribute('data-status'))
      .toBe('contracted');
    await page.getByTestId('app-go-live').click();
    await page.getByTestId('golive-confirm').click();
    const goLive = page.getByTestId('golive-modal');
    const mid = (await goLive.getByTestId('golive-mid').innerText()).trim();
    expect(mid).toMatch(/^[0-9A-Z]{15}$/);
    const workOrderNos = await goLive.getByTestId('golive-work-orders').locator('.ant-tag').allInnerTexts();
    expect(workOrderNos).toHaveLength(1);
    const workOrderNo = workOrderNos[0] ?? '';
    // The portal login's first password is shown once: noted, then on to the merchant.
    expect((await goLive.getByTestId('golive-password').innerText()).trim().length).toBeGreaterThanOrEqual(8);
    await goLive.getByTestId('golive-merchant-link').click();
    await page.waitForURL((url) => /^\/merchants\/[^/]+$/.test(url.pathname));
    const merchantId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await page.getByTestId('merchant-mid').innerText()).toBe(mid);
    await signOut(page);

    // ── the engineer, on site, binds a received unit and loads its key (the sign-off comes later) ──
    await signIn(page, 'engineer', 'zh-CN');
    await page.goto(`/merchants/${merchantId}`);
    await page.getByTestId(`wo-complete-${workOrderNo}`).click();
    await page.waitForURL((url) => /^\/work-orders\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByTestId('site-serial').fill(accepted[0] ?? '');
    const bound = page.waitForResponse((r) =>
      /^\/api\/work-orders\/[^/]+\/install$/.test(new URL(r.url()).pathname),
    );
    await page.getByTestId('site-bind').click();
    const binding = await bound;
    expect(binding.status(), await binding.text()).toBe(200);
    await page.getByTestId('key-injection').waitFor();
    expect(await page.getByTestId('key-injection-done').isDisabled()).toBe(true);
    await page.getByTestId('key-injection-ack').click();
    await page.getByTestId('key-injection-done').click();
    await page.getByTestId('key-injection').waitFor({ state: 'hidden' });
    // The work order stays open for the checks, the test transaction and the merchant's sign-off.
    await page.getByTestId('site-form').waitFor();
    expect(await page.getByTestId('site-header').getAttribute('data-status')).toBe('open');

    // ── the terminal: installed, bound to the florist's MID ──
    await page.goto(`/terminals/${terminalId}`);
    await expect
      .poll(() => page.getByTestId('terminal-status').getAttribute('data-status'))
      .toBe('installed');
    expect(await page.getByTestId('terminal-status').innerText()).toBe('已装机');
    await page.getByTestId('terminal-tabs').getByRole('tab', { name: '绑定' }).click();
    expect(await page.getByTestId('terminal-binding-mid').innerText()).toBe(mid);
    expect(await page.getByTestId('terminal-binding-merchant').innerText()).toContain('朝阳鲜花');
    const installed = await apiGet<TerminalDetail>(page, `/api/terminals/${terminalId}`);
    expect(installed.body).toMatchObject({ status: 'installed', warehouseName: null });
    await signOut(page);

    // ── the fleet overview: the register adds up ──
    await signIn(page, 'procurement', 'zh-CN');
    await page.goto('/terminals/overview');
    const register = page.getByTestId('register-check');
    await register.waitFor();
    expect(await register.getAttribute('data-balanced')).toBe('true');
    expect(await page.getByTestId('register-verdict').innerText()).toBe('账实相符');
    await quiet(page);
    await page.screenshot({ path: overviewScreenshot, fullPage: true });
  }, 240_000);
});
