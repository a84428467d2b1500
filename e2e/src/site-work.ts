/**
 * The engineer's steps on the site page (现场作业, /work-orders/:id), shared by the journeys: bind a unit
 * and load its key, then the sign-off — checklist, site photo, test transaction, the merchant's name and
 * signature drawn on the pad, the result — and submit.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { jpeg } from '../../apps/server/src/platform/demo/sample-files';
import { apiGet } from './console';

/** From the merchant page, opens the site page of one of its work orders; returns the work order's id. */
export async function openSiteWork(page: Page, merchantId: string, workOrderNo: string): Promise<string> {
  await page.goto(`/merchants/${merchantId}`);
  await page.getByTestId(`wo-complete-${workOrderNo}`).click();
  await page.waitForURL((url) => /^\/work-orders\/[0-9a-f-]{36}$/.test(url.pathname));
  await page.getByTestId('site-header').waitFor();
  return new URL(page.url()).pathname.split('/').at(-1) ?? '';
}

/**
 * 装机 + 密钥灌装: binds the unit by its serial number; the TMK is shown once with its check value, and
 * the window closes only once acknowledged. Leaves the page on the site form (the work order still open).
 */
export async function bindAndLoadKey(page: Page, serialNo: string): Promise<void> {
  await page.getByTestId('site-serial').fill(serialNo);
  const bound = page.waitForResponse(
    (r) =>
      /^\/api\/work-orders\/[^/]+\/install$/.test(new URL(r.url()).pathname) &&
      r.request().method() === 'POST',
  );
  await page.getByTestId('site-bind').click();
  const binding = await bound;
  expect(binding.status(), await binding.text()).toBe(200);
  await page.getByTestId('key-injection').waitFor();
  expect((await page.getByTestId('key-injection-tmk').innerText()).replace(/\s/g, '')).toMatch(
    /^[0-9A-F]{32}$/,
  );
  expect(await page.getByTestId('key-injection-kcv').innerText()).toMatch(/^[0-9A-F]{8}$/);
  expect(await page.getByTestId('key-injection-done').isDisabled()).toBe(true);
  await page.getByTestId('key-injection-ack').click();
  await page.getByTestId('key-injection-done').click();
  await page.getByTestId('key-injection').waitFor({ state: 'hidden' });
  // Bound and keyed, not live yet: the work order waits for the checks, the test and the sign-off.
  await page.getByTestId('site-form').waitFor();
  expect(await page.getByTestId('site-terminal').innerText()).toContain(serialNo);
  expect(await page.getByTestId('site-header').getAttribute('data-status')).toBe('open');
}

/** Passes every item of the work order's checklist (as the server lists them); returns how many. */
export async function passChecklist(page: Page, workOrderId: string): Promise<number> {
  const { body: order } = await apiGet<{ requirements: { checklist: { item: string }[] } }>(
    page,
    `/api/work-orders/${workOrderId}`,
  );
  for (const { item } of order.requirements.checklist)
    await page.getByTestId(`site-check-${item}-pass`).click();
  return order.requirements.checklist.length;
}

/** The photo of the unit at the counter, taken with the phone (a real JPEG). */
export async function uploadSitePhoto(page: Page, fileName = 'counter.jpg'): Promise<void> {
  const before = Number((await page.getByTestId('site-photo-count').getAttribute('data-count')) ?? '0');
  const uploaded = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/documents',
  );
  await page
    .getByTestId('site-photo-upload')
    .locator('input[type=file]')
    .setInputFiles({ name: fileName, mimeType: 'image/jpeg', buffer: Buffer.from(jpeg()) });
  expect((await uploaded).status()).toBe(201);
  await expect
    .poll(() => page.getByTestId('site-photo-count').getAttribute('data-count'))
    .toBe(String(before + 1));
}

/** The test transaction, approved: its amount in yuan and the RRN from the slip. */
export async function recordTestTransaction(page: Page, amount: string, reference: string): Promise<void> {
  await page.getByTestId('site-test-amount').fill(amount);
  await page.getByTestId('site-test-reference').fill(reference);
  await page.getByTestId('site-test-approved').click();
}

/** 签收: the merchant's name, and a signature drawn on the pad with the mouse. */
export async function signOnPad(page: Page, signer: string): Promise<void> {
  await page.getByTestId('site-signer').fill(signer);
  const pad = page.getByTestId('site-signature');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
  await page.mouse.down();
  for (const [dx, dy] of [
    [60, -40],
    [110, 20],
    [170, -30],
    [230, 25],
    [290, -10],
  ] as const)
    await page.mouse.move(box.x + 30 + dx, box.y + box.height * 0.6 + dy, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => pad.getAttribute('data-empty')).toBe('false');
}

/**
 * Writes the result and submits the report: the work order closes (200 from /finish) and the console goes
 * back to 我的工单. The caller checks the toast, which tells whether the merchant went live.
 */
export async function submitSiteReport(page: Page, workOrderId: string, result: string): Promise<void> {
  await page.getByTestId('site-result').fill(result);
  const finished = page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === `/api/work-orders/${workOrderId}/finish` &&
      r.request().method() === 'POST',
  );
  await page.getByTestId('site-submit').click();
  const response = await finished;
  expect(response.status(), await response.text()).toBe(200);
  await page.waitForURL((url) => url.pathname === '/work-orders/mine');
}

export interface SignOff {
  /** The merchant's representative who signs. */
  signer: string;
  /** The engineer's result, at least the minimum length the form asks. */
  result: string;
  /** The test transaction's RRN (12 digits). */
  reference: string;
  /** In yuan; one fen unless said. */
  amount?: string;
}

/** The whole sign-off of an open work order whose unit is bound: checklist, photo, test, signature, submit. */
export async function signOffOnSite(page: Page, workOrderId: string, signOff: SignOff): Promise<void> {
  await page.getByTestId('site-form').waitFor();
  expect(await passChecklist(page, workOrderId)).toBeGreaterThan(0);
  await uploadSitePhoto(page);
  await recordTestTransaction(page, signOff.amount ?? '0.01', signOff.reference);
  await signOnPad(page, signOff.signer);
  await submitSiteReport(page, workOrderId, signOff.result);
}
