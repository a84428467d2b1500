/**
 * Journey 5: a terminal from its purchase to a merchant's counter and the count that finds one missing
 * (采购 → 到货验收 → 调拨 → 装机签收 → 盘点 → 核销). Procurement requests three PAX A920 for the Beijing
 * branch's warehouse; the branch approves it; procurement orders them from a supplier and receives two (a
 * serial number already in the ledger is refused under the field first), returning a third with its
 * casing damaged — the branch's stock of the model rises by two. The branch sends the two to the Chaoyang
 * outlet's warehouse (调拨, in transit until received) and they are received there. The back office takes
 * the demo's contracted florist live and records its training; the engineer binds one of the units on the site page, loads its key
 * and completes the sign-off with the merchant — the unit is in use at the florist's MID, the merchant
 * active, and the unit's maintenance archive tells where it has been. A stocktake of the outlet's
 * warehouse scans everything but the other unit; its report goes to the branch, whose approval writes
 * the unit off as lost. The fleet overview's register adds up and its counts moved by what happened.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './browser';
import {
  apiGet,
  clickSettled,
  motionsDone,
  pickOption,
  recordTraining,
  rowWith,
  signIn,
  signOut,
  tableSettled,
} from './console';
import { bindAndLoadKey, openSiteWork, signOffOnSite } from './site-work';

const overviewScreenshot = path.resolve(import.meta.dirname, '../../test-results/terminal-overview.png');
const procurementScreenshot = path.resolve(import.meta.dirname, '../../test-results/procurement-detail.png');

const BRANCH_WAREHOUSE = '北京分行仓库';
const OUTLET_WAREHOUSE = '北京朝阳支行仓库';
const MODEL = 'PAX A920';
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

interface TransferDetail {
  id: string;
  no: string;
  kind: string;
  status: string;
  units: number;
  fromWarehouse: { name: string };
  toWarehouse: { name: string };
  serialNos: string[];
}

interface StocktakeDetail {
  id: string;
  no: string;
  status: string;
  expected: number;
  scanned: number;
  missing: number;
  unexpected: number;
  wrongPlace: number;
  pendingScans: number;
  discrepancies: { serialNo: string; finding: string }[];
}

interface FleetOverview {
  total: number;
  byStatus: { key: string; units: number }[];
  register: { received: number; scrapped: number; lost: number; inService: number };
}

/** Units of the fleet in one status (0 when none). */
const inStatus = (overview: FleetOverview, status: string) =>
  overview.byStatus.find((s) => s.key === status)?.units ?? 0;

/** A number as the console shows it (thousands separated). */
const shownNumber = (text: string) => Number(text.replace(/[^\d-]/g, ''));

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
  await motionsDone(page);
  await page.getByTestId(testId).click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const option = dropdown.locator('.ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await motionsDone(page);
  await option.click();
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

/** The 库存预警 row of the model in the branch's warehouse. */
const branchStockRow = (page: Page) =>
  page.locator(`tr[data-testid="stock-row"][data-warehouse="${BRANCH_WAREHOUSE}"][data-model="${MODEL}"]`);

/**
 * The available stock of the model in the branch's warehouse, read off the stock page (库存预警). The page
 * lists the warehouses and models that have a minimum: one is set first when the pair has none yet.
 */
async function branchStock(page: Page): Promise<number> {
  await page.goto('/terminals/stock');
  const table = page.getByTestId('stock-table');
  await table.waitFor();
  await tableSettled(table);
  if ((await branchStockRow(page).count()) === 0) {
    await page.getByTestId('stock-add').click();
    const modal = page.getByTestId('stock-modal');
    await pickOption(page, 'stock-warehouse', BRANCH_WAREHOUSE);
    await pickOption(page, 'stock-model', MODEL);
    await modal.getByTestId('stock-min-units').fill('5');
    const saved = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/stock-levels' && r.request().method() === 'PUT',
    );
    await clickSettled(page.getByTestId('stock-save'));
    expect((await saved).status()).toBe(200);
    await toast(page, '已保存');
    await modal.waitFor({ state: 'hidden' });
  }
  const row = branchStockRow(page);
  await row.waitFor();
  return shownNumber(await row.getByTestId('stock-available').innerText());
}

/** Every unit the ledger holds in stock in a warehouse (status in stock or allocated), page by page. */
async function unitsInWarehouse(page: Page, warehouseId: string): Promise<string[]> {
  const serials: string[] = [];
  for (const status of ['in_stock', 'allocated']) {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ warehouseId, status, limit: '200' });
      if (cursor) query.set('cursor', cursor);
      const { status: code, body } = await apiGet<{
        items: { serialNo: string }[];
        nextCursor: string | null;
      }>(page, `/api/terminals?${query}`);
      expect(code).toBe(200);
      serials.push(...body.items.map((t) => t.serialNo));
      cursor = body.nextCursor;
    } while (cursor);
  }
  return serials;
}

/** An approver opens the request holding `no` from the inbox and approves it with a comment. */
async function approve(page: Page, approver: string, no: string, comment: string): Promise<void> {
  await signIn(page, approver, 'zh-CN');
  await page.goto('/approvals');
  await page.getByTestId('approvals-tab-inbox').click();
  const approvals = page.getByTestId('approvals-table');
  await tableSettled(approvals);
  const approvalRow = rowWith(approvals, no);
  await approvalRow.waitFor();
  await approvalRow.getByTestId('approval-open').click();
  const approval = page.getByTestId('approval-drawer');
  await approval.getByTestId('approval-approve').waitFor();
  expect(await approval.innerText()).toContain(no);
  await approval.getByTestId('approval-comment').fill(comment);
  await clickSettled(approval.getByTestId('approval-approve'));
  await toast(page, '已处理');
  await expect.poll(() => approval.getByTestId('approval-history').innerText()).toContain(comment);
  await page.keyboard.press('Escape');
  await approval.waitFor({ state: 'hidden' });
  await signOut(page);
}

describe('terminal fleet', () => {
  const run = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const accepted = [`E2EA920-${run}-1`, `E2EA920-${run}-2`] as const;
  const rejected = `E2EA920-${run}-3`;
  const [installedSerial, missingSerial] = accepted;

  it('buys terminals, receives and transfers them, installs one with sign-off and writes off one lost in a stocktake', async () => {
    const { page } = await newPage(browser, 'zh-CN');

    // ── procurement: the fleet as it is, and the branch's stock of the model before anything arrives ──
    await signIn(page, 'procurement', 'zh-CN');
    const fleetBefore = (await apiGet<FleetOverview>(page, '/api/terminals/overview')).body;
    const stockBefore = await branchStock(page);

    // ── a request for three PAX A920 for the Beijing branch's warehouse ──
    const menuEntry = page.getByTestId('menu-terminal-procurements');
    if (!(await menuEntry.isVisible())) await page.getByTestId('menu-group-terminals').click();
    await menuEntry.click();
    await page.waitForURL((url) => url.pathname === '/terminals/procurements');
    await page.getByTestId('procurement-create').click();
    const form = page.getByTestId('procurement-drawer');
    await pickOption(page, 'procurement-model', MODEL);
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
    await pickOption(page, 'procurement-warehouse', BRANCH_WAREHOUSE);
    await form.getByTestId('procurement-reason').fill('北京分行备货，调拨朝阳支行新商户装机');
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
    expect(await detail.getByTestId('procurement-warehouse-shown').innerText()).toBe(BRANCH_WAREHOUSE);
    await detail.getByTestId('procurement-pending').waitFor();
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    const row = page.locator(`tr[data-no="${request.no}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending_approval');
    const rowText = await row.innerText();
    for (const text of ['待审批', MODEL, '¥4,500.00', businessDay(14), BRANCH_WAREHOUSE])
      expect(rowText).toContain(text);
    await signOut(page);

    // ── the Beijing branch approves it ──
    await approve(page, 'approver.bj', request.no, '备货合理，同意采购');

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
    await serials.fill([...accepted, installedSerial].join('\n'));
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

    // ── stock rises: the branch's available PAX A920 up by the two accepted ──
    expect(await branchStock(page)).toBe(stockBefore + 2);

    // ── the ledger: the two accepted units in stock in the branch's warehouse, not the returned one ──
    await page.goto('/terminals');
    const scan = page.getByTestId('terminals-scan');
    const ledger = page.getByTestId('terminals-table');
    await scan.fill(`E2EA920-${run}`);
    await scan.press('Enter');
    await expect.poll(() => ledger.locator('tr[data-testid="terminal-row"]').count()).toBe(2);
    for (const serial of accepted) {
      const text = await ledger.locator(`tr[data-serial="${serial}"]`).innerText();
      expect(text).toContain('在库');
      expect(text).toContain(BRANCH_WAREHOUSE);
    }
    expect(await ledger.locator(`tr[data-serial="${rejected}"]`).count()).toBe(0);
    expect((await page.request.get(`/api/terminals/by-serial/${rejected}`)).status()).toBe(404);
    // A scan of a whole serial number opens the unit.
    await scan.fill(installedSerial);
    await scan.press('Enter');
    await page.waitForURL((url) => /^\/terminals\/[0-9a-f-]{36}$/.test(url.pathname));
    const terminalId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await page.getByTestId('terminal-serial').innerText()).toBe(installedSerial);
    expect(await page.getByTestId('terminal-status').getAttribute('data-status')).toBe('in_stock');
    expect(await page.getByTestId('terminal-overview').innerText()).toContain(BRANCH_WAREHOUSE);
    await signOut(page);

    // ── 调拨: the branch sends the two to the Chaoyang outlet's warehouse ──
    await signIn(page, 'bj.ops', 'zh-CN');
    await page.goto('/terminals/transfers');
    await page.getByTestId('transfer-create').click();
    const transferForm = page.getByTestId('transfer-drawer');
    await pickOption(page, 'transfer-from', BRANCH_WAREHOUSE);
    await pickOption(page, 'transfer-to', OUTLET_WAREHOUSE);
    // Between two warehouses of the bank: a transfer (not a 下发 to an agent).
    await expect
      .poll(() => transferForm.getByTestId('transfer-kind').getAttribute('data-kind'))
      .toBe('transfer');
    await transferForm.getByTestId('transfer-serials').fill(accepted.join('\n'));
    await expect
      .poll(() => transferForm.getByTestId('transfer-serial-count').getAttribute('data-count'))
      .toBe('2');
    await transferForm.getByTestId('transfer-reason').fill('朝阳支行新商户装机');
    const dispatched = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/terminal-transfers' && r.request().method() === 'POST',
    );
    await page.getByTestId('transfer-submit').click();
    const dispatchResponse = await dispatched;
    expect(dispatchResponse.status(), await dispatchResponse.text()).toBe(201);
    const transfer = (await dispatchResponse.json()) as TransferDetail;
    expect(transfer).toMatchObject({
      kind: 'transfer',
      status: 'in_transit',
      units: 2,
      fromWarehouse: { name: BRANCH_WAREHOUSE },
      toWarehouse: { name: OUTLET_WAREHOUSE },
      serialNos: [...accepted].sort(),
    });
    await toast(page, transfer.no);
    // The new transfer opens: in transit, carrying the two serial numbers.
    const transferDetail = page.getByTestId('transfer-detail');
    await expect
      .poll(() => transferDetail.getByTestId('transfer-status').getAttribute('data-status'))
      .toBe('in_transit');
    expect(await transferDetail.getByTestId('transfer-no').innerText()).toBe(transfer.no);
    const carried = await transferDetail.getByTestId('transfer-serials-table').innerText();
    for (const serial of accepted) expect(carried).toContain(serial);
    await page.keyboard.press('Escape');
    await transferDetail.waitFor({ state: 'hidden' });
    const transferRow = page.locator(`tr[data-testid="transfer-row"][data-no="${transfer.no}"]`);
    await expect.poll(() => transferRow.getAttribute('data-status')).toBe('in_transit');
    // In transit, the units are no longer the branch's to install or send.
    expect(await branchStock(page)).toBe(stockBefore);
    await signOut(page);

    // ── the outlet's side receives them (签收) ──
    // No user of the Chaoyang outlet holds terminal.transfer (the demo's only 机具调拨 roles are
    // operations, procurement and the agent); the server lets any holder whose subtree contains the
    // destination receive — here the head office's operations manager, someone other than the sender.
    await signIn(page, 'ops', 'zh-CN');
    await page.goto('/terminals/transfers?status=in_transit');
    const inTransit = page.locator(`tr[data-testid="transfer-row"][data-no="${transfer.no}"]`);
    await inTransit.waitFor();
    await inTransit.getByTestId(`transfer-receive-${transfer.no}`).click();
    const receivedTransfer = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === `/api/terminal-transfers/${transfer.id}/receive` &&
        r.request().method() === 'POST',
    );
    await clickSettled(page.getByTestId('transfer-receive-confirm'));
    const receiveResponse = await receivedTransfer;
    expect(receiveResponse.status(), await receiveResponse.text()).toBe(200);
    await toast(page, transfer.no);
    await page.goto('/terminals/transfers');
    await expect
      .poll(() =>
        page.locator(`tr[data-testid="transfer-row"][data-no="${transfer.no}"]`).getAttribute('data-status'),
      )
      .toBe('received');
    // Both in stock at the outlet now.
    await page.goto('/terminals');
    await page.getByTestId('terminals-scan').fill(`E2EA920-${run}`);
    await page.getByTestId('terminals-scan').press('Enter');
    const outletLedger = page.getByTestId('terminals-table');
    await expect.poll(() => outletLedger.locator('tr[data-testid="terminal-row"]').count()).toBe(2);
    for (const serial of accepted) {
      const unit = outletLedger.locator(`tr[data-serial="${serial}"]`);
      await expect.poll(() => unit.innerText()).toContain(OUTLET_WAREHOUSE);
      expect(await unit.innerText()).toContain('在库');
      const { body } = await apiGet<TerminalDetail>(page, `/api/terminals/by-serial/${serial}`);
      expect(body).toMatchObject({ status: 'in_stock', warehouseName: OUTLET_WAREHOUSE });
    }
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
    await clickSettled(page.getByTestId('golive-confirm'));
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
    // Trained: what the merchant's activation waits for besides an installed terminal.
    await recordTraining(page, {
      trainer: '李培训',
      topics: ['扫码收款', '结算对账'],
      attendees: '店主及店员',
    });
    expect(await page.getByTestId('merchant-status').getAttribute('data-status')).toBe('onboarding');
    await signOut(page);

    // ── the engineer, on site: binds a transferred unit, loads its key, and the florist signs off ──
    await signIn(page, 'engineer', 'zh-CN');
    const workOrderId = await openSiteWork(page, merchantId, workOrderNo);
    await bindAndLoadKey(page, installedSerial);
    // Bound, not yet in use: that waits for the sign-off.
    expect((await apiGet<TerminalDetail>(page, `/api/terminals/${terminalId}`)).body.status).toBe(
      'installed',
    );
    await signOffOnSite(page, workOrderId, {
      signer: '李芳',
      result: '装机完成，测试交易成功，已培训店员',
      reference: `4${run}123`,
    });
    await toast(page, '商户已开通');

    // ── the terminal: in use, bound to the florist's MID; the florist active ──
    await page.goto(`/terminals/${terminalId}`);
    await expect.poll(() => page.getByTestId('terminal-status').getAttribute('data-status')).toBe('active');
    expect(await page.getByTestId('terminal-status').innerText()).toBe('在用');
    await page.getByTestId('terminal-tabs').getByRole('tab', { name: '绑定' }).click();
    expect(await page.getByTestId('terminal-binding-mid').innerText()).toBe(mid);
    expect(await page.getByTestId('terminal-binding-merchant').innerText()).toContain('朝阳鲜花');
    const installed = await apiGet<TerminalDetail>(page, `/api/terminals/${terminalId}`);
    expect(installed.body).toMatchObject({ status: 'active', warehouseName: null });
    // 维护档案: the installation work order, and where the unit has been.
    await page.getByTestId('terminal-tabs').getByRole('tab', { name: '维护档案' }).click();
    const archive = page.getByTestId('terminal-archive');
    await archive.waitFor();
    const fieldWork = archive.locator(`[data-testid="archive-work-order"][data-no="${workOrderNo}"]`);
    await fieldWork.waitFor();
    expect(await fieldWork.getAttribute('data-status')).toBe('completed');
    expect(await fieldWork.innerText()).toContain('李芳');
    const locations = archive.getByTestId('archive-location');
    await expect
      .poll(() => locations.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))))
      .toEqual(['warehouse', 'transit', 'warehouse', 'merchant']);
    const places = await locations.allInnerTexts();
    expect(places[0]).toContain(BRANCH_WAREHOUSE);
    expect(places[1]).toContain(`${BRANCH_WAREHOUSE} → ${OUTLET_WAREHOUSE}`);
    expect(places[2]).toContain(OUTLET_WAREHOUSE);
    expect(places[3]).toContain(mid);
    await page.goto(`/merchants/${merchantId}`);
    await expect.poll(() => page.getByTestId('merchant-status').getAttribute('data-status')).toBe('active');
    await signOut(page);

    // ── 盘点: the branch counts the outlet's warehouse; the other unit is not on the shelf ──
    await signIn(page, 'bj.ops', 'zh-CN');
    await page.goto('/terminals/stocktakes');
    await page.getByTestId('stocktake-create').click();
    await pickOption(page, 'stocktake-warehouse', OUTLET_WAREHOUSE);
    const started = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/stocktakes' && r.request().method() === 'POST',
    );
    await clickSettled(page.getByTestId('stocktake-start'));
    const startResponse = await started;
    expect(startResponse.status(), await startResponse.text()).toBe(201);
    const stocktake = (await startResponse.json()) as StocktakeDetail & { warehouseId: string };
    expect(stocktake.status).toBe('counting');
    await toast(page, `盘点 ${stocktake.no} 已开始`);
    const count = page.getByTestId('stocktake-detail');
    await expect
      .poll(() => count.getByTestId('stocktake-status').getAttribute('data-status'))
      .toBe('counting');
    expect(await count.getByTestId('stocktake-no').innerText()).toBe(stocktake.no);
    // What the shelf should hold: the ledger's stock of that warehouse (the count lists no serial numbers,
    // it is blind). The installed unit has left it, the missing one is still in it.
    const onShelf = await unitsInWarehouse(page, stocktake.warehouseId);
    expect(onShelf).toHaveLength(stocktake.expected);
    expect(onShelf).toContain(missingSerial);
    expect(onShelf).not.toContain(installedSerial);
    const found = onShelf.filter((s) => s !== missingSerial);
    // One scanned with the handheld's Enter, the rest pasted as the scanner's batch.
    const [first, ...rest] = found;
    const scanned = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/stocktakes/${stocktake.id}/scans`,
    );
    await count.getByTestId('stocktake-scan-input').fill(first ?? '');
    await count.getByTestId('stocktake-scan-input').press('Enter');
    expect((await scanned).status()).toBe(200);
    await expect.poll(() => count.getByTestId('stocktake-recent').innerText()).toContain(first);
    await count.getByTestId('stocktake-paste').fill(rest.join('\n'));
    const pasted = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/stocktakes/${stocktake.id}/scans`,
    );
    await count.getByTestId('stocktake-paste-submit').click();
    expect((await pasted).status()).toBe(200);
    await toast(page, `已提交 ${rest.length.toLocaleString('en-US')} 个序列号`);
    await expect
      .poll(() => count.getByTestId('stocktake-pending').innerText())
      .toBe('尚有 1 台应盘机具未扫到');
    const counted = await apiGet<StocktakeDetail>(page, `/api/stocktakes/${stocktake.id}`);
    expect(counted.body).toMatchObject({ scanned: found.length, pendingScans: 1 });
    // The report: one missing, to approval.
    await count.getByTestId('stocktake-report').click();
    const reported = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/stocktakes/${stocktake.id}/report`,
    );
    await clickSettled(page.getByTestId('stocktake-report-confirm'));
    expect((await reported).status()).toBe(200);
    await toast(page, '盘点报告已提交，等待审批');
    await expect
      .poll(() => count.getByTestId('stocktake-status').getAttribute('data-status'))
      .toBe('reported');
    const discrepancies = count.getByTestId('stocktake-discrepancies');
    await discrepancies.waitFor();
    const rows = discrepancies.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(missingSerial);
    expect(await rows.first().getByTestId('stocktake-finding').getAttribute('data-finding')).toBe('missing');
    const report = await apiGet<StocktakeDetail>(page, `/api/stocktakes/${stocktake.id}`);
    expect(report.body).toMatchObject({
      status: 'reported',
      missing: 1,
      unexpected: 0,
      wrongPlace: 0,
      discrepancies: [{ serialNo: missingSerial, finding: 'missing' }],
    });
    // Nothing is written off before the approval.
    expect(
      (await apiGet<TerminalDetail>(page, `/api/terminals/by-serial/${missingSerial}`)).body.status,
    ).toBe('in_stock');
    await page.keyboard.press('Escape');
    await count.waitFor({ state: 'hidden' });
    expect(
      await page
        .locator(`tr[data-testid="stocktake-row"][data-no="${stocktake.no}"]`)
        .getAttribute('data-status'),
    ).toBe('reported');
    await signOut(page);

    // ── the branch approves the write-off ──
    await approve(page, 'approver.bj', stocktake.no, '盘亏 1 台已核实，同意核销');

    // ── the outcome: the stocktake approved, the missing unit written off as lost ──
    await signIn(page, 'procurement', 'zh-CN');
    await page.goto('/terminals/stocktakes');
    const stocktakeRow = page.locator(`tr[data-testid="stocktake-row"][data-no="${stocktake.no}"]`);
    await expect.poll(() => stocktakeRow.getAttribute('data-status')).toBe('approved');
    await stocktakeRow.getByTestId(`stocktake-open-${stocktake.no}`).click();
    const settled = page.getByTestId('stocktake-detail');
    await expect
      .poll(() => settled.getByTestId('stocktake-status').getAttribute('data-status'))
      .toBe('approved');
    expect(await settled.getByTestId('stocktake-outcome').innerText()).toContain('盘亏机具已记为丢失');
    await page.keyboard.press('Escape');
    await settled.waitFor({ state: 'hidden' });
    await page.goto('/terminals');
    await page.getByTestId('terminals-scan').fill(missingSerial);
    await page.getByTestId('terminals-scan').press('Enter');
    await page.waitForURL((url) => /^\/terminals\/[0-9a-f-]{36}$/.test(url.pathname));
    await expect.poll(() => page.getByTestId('terminal-status').getAttribute('data-status')).toBe('lost');
    const lost = await apiGet<TerminalDetail>(page, `/api/terminals/by-serial/${missingSerial}`);
    expect(lost.body.status).toBe('lost');

    // ── the fleet overview: the register adds up, and moved by what happened ──
    const fleetAfter = (await apiGet<FleetOverview>(page, '/api/terminals/overview')).body;
    expect(fleetAfter.total).toBe(fleetBefore.total + 2);
    expect(inStatus(fleetAfter, 'active')).toBe(inStatus(fleetBefore, 'active') + 1);
    expect(inStatus(fleetAfter, 'lost')).toBe(inStatus(fleetBefore, 'lost') + 1);
    // Two received, one installed, one lost: the stock is where it was.
    expect(inStatus(fleetAfter, 'in_stock')).toBe(inStatus(fleetBefore, 'in_stock'));
    expect(fleetAfter.register).toMatchObject({
      received: fleetBefore.register.received + 2,
      lost: fleetBefore.register.lost + 1,
      scrapped: fleetBefore.register.scrapped,
      inService: fleetBefore.register.inService + 1,
    });
    await page.goto('/terminals/overview');
    const register = page.getByTestId('register-check');
    await register.waitFor();
    expect(await register.getAttribute('data-balanced')).toBe('true');
    expect(await page.getByTestId('register-verdict').innerText()).toBe('账实相符');
    expect(shownNumber(await register.getByTestId('register-received').innerText())).toBe(
      fleetAfter.register.received,
    );
    expect(shownNumber(await register.getByTestId('register-lost').innerText())).toBe(
      fleetAfter.register.lost,
    );
    expect(shownNumber(await register.getByTestId('register-in-service').innerText())).toBe(
      fleetAfter.register.inService,
    );
    await expect
      .poll(async () =>
        shownNumber(await page.getByTestId('kpi-total').locator('.ant-statistic-content').innerText()),
      )
      .toBe(fleetAfter.total);
    await quiet(page);
    await page.screenshot({ path: overviewScreenshot, fullPage: true });
  }, 420_000);
});
