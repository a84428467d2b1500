/**
 * Journey 2: a privileged role needs a second administrator. admin creates a Beijing user and asks for
 * 风控专员 (Risk officer); the role waits for approval; admin2 approves it from the Approvals inbox; the
 * user then holds it, and the audit log tells the story. Ends with the README screenshot.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, newPage } from './browser';
import {
  apiGet,
  apiSession,
  openMenu,
  pickOption,
  pickTreeNode,
  rowWith,
  searchAndWait,
  searchUsers,
  signIn,
  signOut,
  staffNumber,
  tableSettled,
} from './console';

interface UserItem {
  id: string;
  username: string;
  orgName: string;
  roles: { id: string; code: string; name: string }[];
}

interface ApprovalItem {
  id: string;
  status: string;
  title: string;
}

// The README's picture is refreshed only on request (UPDATE_README_SCREENSHOT=1), so a test run leaves
// the working tree clean.
const screenshotPath = path.resolve(
  import.meta.dirname,
  process.env.UPDATE_README_SCREENSHOT ? '../../docs/images/console.png' : '../../test-results/console.png',
);

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** A toast of the console holding `text`. */
async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/** Searches the Audit log page by action prefix and object id. */
async function searchAudit(page: Page, filter: { action?: string; objectId?: string }): Promise<void> {
  await page.getByTestId('audit-filter-action').fill(filter.action ?? '');
  await page.getByTestId('audit-filter-object-id').fill(filter.objectId ?? '');
  await searchAndWait(page, 'audit-search', 'audit-table', '/api/audit', {
    action: filter.action ?? '',
    objectId: filter.objectId ?? '',
  });
}

/** The action tags shown in the audit table. */
async function auditActions(page: Page): Promise<string[]> {
  const tags = await page
    .getByTestId('audit-table')
    .locator('tbody tr.ant-table-row .ant-tag')
    .allInnerTexts();
  return tags.map((t) => t.trim()).sort();
}

describe('privileged role', () => {
  const username = `zhao.min${staffNumber()}`;
  const displayName = '赵敏';
  let userId = '';
  let approvalId = '';

  it('is granted only after a second administrator approves it', async () => {
    const { page } = await newPage(browser, 'zh-CN');

    // ── admin creates the user in the Beijing branch ──
    await signIn(page, 'admin', 'zh-CN');
    await openMenu(page, 'users');
    await page.waitForURL((url) => url.pathname === '/system/users');
    await page.getByTestId('create-user').click();
    await page.getByTestId('create-user-username').fill(username);
    await page.getByTestId('create-user-display-name').fill(displayName);
    await pickTreeNode(page, 'create-user-org', '北京分行 (BJ)');
    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/users' && r.request().method() === 'POST',
    );
    await page.getByTestId('create-user-submit').click();
    const createdResponse = await created;
    expect(createdResponse.status()).toBe(201);
    userId = ((await createdResponse.json()) as { user: UserItem }).user.id;
    expect(userId).not.toBe('');

    // The initial password is shown once.
    const shown = page.getByTestId('initial-password');
    await shown.waitFor();
    const dialog = page.getByRole('dialog', { name: '初始密码' });
    expect(await dialog.innerText()).toContain(username);
    const password = (await shown.innerText()).trim();
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect(password).not.toBe(DEMO_PASSWORD);
    await page.getByTestId('initial-password-done').click();
    await shown.waitFor({ state: 'hidden' });

    // The new user is listed, in the Beijing branch.
    await searchUsers(page, username);
    const row = rowWith(page.getByTestId('users-table'), username);
    await row.waitFor();
    expect(await row.innerText()).toContain('北京分行');

    // ── admin asks for the privileged role from the user's drawer ──
    await page.getByTestId(`user-open-${username}`).click();
    const drawer = page.getByTestId('user-drawer');
    await drawer.getByTestId('user-roles').waitFor();
    expect(await drawer.getByTestId('user-roles').innerText()).toContain('暂无角色');
    await pickOption(page, 'grant-role-select', '风控专员');
    await drawer.getByTestId('grant-role-reason').fill('负责北京分行商户风险监控');
    const granted = page.waitForResponse(
      (r) => new URL(r.url()).pathname === `/api/users/${userId}/roles` && r.request().method() === 'POST',
    );
    await drawer.getByTestId('grant-role-submit').click();
    const grantBody = (await (await granted).json()) as { status: string; approvalId: string | null };
    expect(grantBody.status).toBe('pending_approval');
    approvalId = grantBody.approvalId ?? '';
    expect(approvalId).not.toBe('');
    await toast(page, '已提交审批，审批通过后生效');

    // The user does not hold the role yet: not in the drawer, not in the list, not on the server.
    expect(await drawer.getByTestId('user-roles').innerText()).not.toContain('风控专员');
    const pending = await apiGet<UserItem>(page, `/api/users/${userId}`);
    expect(pending.status).toBe(200);
    expect(pending.body.roles.map((r) => r.code)).not.toContain('risk_officer');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(await rowWith(page.getByTestId('users-table'), username).innerText()).not.toContain('风控专员');

    await signOut(page);

    // ── admin2 approves it from the inbox ──
    await signIn(page, 'admin2', 'zh-CN');
    await openMenu(page, 'approvals');
    await page.waitForURL((url) => url.pathname === '/approvals');
    await page.getByTestId('approvals-tab-inbox').click();
    const approvals = page.getByTestId('approvals-table');
    await tableSettled(approvals);
    const request = rowWith(approvals, username);
    await request.waitFor();
    expect(await request.innerText()).toContain('审批中');
    expect(await request.innerText()).toContain('风控专员');
    await request.getByTestId('approval-open').click();
    await page.waitForURL((url) => url.searchParams.get('id') === approvalId);
    const detail = page.getByTestId('approval-drawer');
    await detail.getByTestId('approval-approve').waitFor();
    expect(await detail.innerText()).toContain(username);
    expect(await detail.innerText()).toContain('系统管理员'); // the maker
    await detail.getByTestId('approval-comment').fill('已核实岗位职责，同意授权');
    await detail.getByTestId('approval-approve').click();
    await toast(page, '已处理');
    await expect.poll(() => detail.locator('.ant-tag', { hasText: '已通过' }).count()).toBe(1);
    expect(await detail.getByTestId('approval-approve').count()).toBe(0);
    await expect
      .poll(() => detail.getByTestId('approval-history').innerText())
      .toContain('已核实岗位职责，同意授权');
    const decided = await apiGet<ApprovalItem>(page, `/api/approvals/${approvalId}`);
    expect(decided.body.status).toBe('approved');
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    // Decided: it has left the inbox.
    await tableSettled(approvals);
    await expect.poll(() => rowWith(approvals, username).count()).toBe(0);

    // ── the user now holds the role ──
    await openMenu(page, 'users');
    await page.waitForURL((url) => url.pathname === '/system/users');
    await searchUsers(page, username);
    const holder = rowWith(page.getByTestId('users-table'), username);
    await expect.poll(() => holder.innerText()).toContain('风控专员');
    const now = await apiGet<UserItem>(page, `/api/users/${userId}`);
    expect(now.body.roles.map((r) => r.code)).toContain('risk_officer');

    // ── the audit log tells the story ──
    await openMenu(page, 'audit');
    await page.waitForURL((url) => url.pathname === '/system/audit');
    await searchAudit(page, { action: 'approval.', objectId: approvalId });
    await expect.poll(() => auditActions(page)).toEqual(['approval.approve', 'approval.submit']);
    const approveRow = rowWith(page.getByTestId('audit-table'), 'approval.approve');
    expect(await approveRow.innerText()).toMatch(/\badmin2\b/);
    const submitRow = rowWith(page.getByTestId('audit-table'), 'approval.submit');
    expect(await submitRow.innerText()).toMatch(/\badmin\b/);

    await searchAudit(page, { objectId: userId });
    await expect.poll(() => auditActions(page)).toEqual(['role.grant', 'user.create']);
    await searchAudit(page, { action: 'role.grant', objectId: userId });
    await expect.poll(() => auditActions(page)).toEqual(['role.grant']);
    // role.grant was applied by the approval, under the approver's name.
    expect(await rowWith(page.getByTestId('audit-table'), 'role.grant').innerText()).toMatch(/\badmin2\b/);
  });

  it('leaves admin2 an Approvals inbox worth showing (README screenshot)', async () => {
    // More requests from the branches, so the inbox shows a working day rather than one line.
    const ask = async (maker: string, people: [string, string, string, string][]) => {
      const session = await apiSession(browser, maker);
      const roles = await session.get<{ id: string; code: string }[]>('/api/roles');
      const orgs = await session.get<{ id: string; code: string }[]>('/api/orgs');
      for (const [username, name, org, role] of people) {
        const created = await session.post<{ pendingApprovalIds: string[] }>('/api/users', {
          username: `${username}${staffNumber()}`,
          displayName: name,
          orgId: orgs.body.find((o) => o.code === org)?.id,
          roleIds: [roles.body.find((r) => r.code === role)?.id],
        });
        expect(created.status).toBe(201);
        expect(created.body.pendingApprovalIds).toHaveLength(1);
      }
      await session.close();
    };
    await ask('bj.admin', [
      ['sun.qiang', '孙强', 'BJCY', 'settlement'],
      ['zhou.ting', '周婷', 'BJHD', 'risk_officer'],
    ]);
    await ask('sh.admin', [['wu.hao', '吴昊', 'SHPD', 'settlement']]);
    await ask('admin', [['wang.lei', '王磊', 'HQ', 'risk_officer']]);

    const { page } = await newPage(browser, 'zh-CN');
    await signIn(page, 'admin2', 'zh-CN');
    await openMenu(page, 'approvals');
    await page.waitForURL((url) => url.pathname === '/approvals');
    await page.getByTestId('approvals-tab-inbox').click();
    const table = page.getByTestId('approvals-table');
    await tableSettled(table);
    for (const name of ['孙强', '周婷', '吴昊', '王磊', '(bj.ops)', '(sh.ops)'])
      await rowWith(table, name).waitFor();
    // Approved in the journey: no longer waiting for admin2.
    expect(await rowWith(table, username).count()).toBe(0);
    const statuses = await table.locator('tbody tr.ant-table-row .ant-tag').allInnerTexts();
    expect(new Set(statuses)).toEqual(new Set(['审批中']));
    // A still page: no toast, nothing hovered.
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.mouse.move(1390, 890);
    await page.waitForTimeout(400);
    await page.screenshot({ path: screenshotPath });
  });
});
