/**
 * Journey 3: a branch administrator sees only their branch. bj.admin (Beijing) finds no Shanghai user in
 * the Users page, and a Shanghai user or approval request asked for by id is "not found", not shown.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './browser';
import { apiGet, apiSession, openMenu, rowWith, searchUsers, signIn, staffNumber } from './console';

interface UserItem {
  id: string;
  username: string;
  orgName: string;
}

interface ListPage<T> {
  items: T[];
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('org scope', () => {
  it('keeps a Beijing administrator out of Shanghai', async () => {
    // Looked up as head office: sh.ops' id. Prepared as the Shanghai administrator: a Shanghai request.
    const headOffice = await apiSession(browser, 'admin');
    const found = await headOffice.get<ListPage<UserItem>>('/api/users?q=sh.ops');
    expect(found.status).toBe(200);
    const shOps = found.body.items.find((u) => u.username === 'sh.ops');
    expect(shOps?.orgName).toBe('上海分行');
    const shOpsId = shOps?.id ?? '';
    await headOffice.close();

    const shanghai = await apiSession(browser, 'sh.admin');
    const roles = await shanghai.get<{ id: string; code: string }[]>('/api/roles');
    const riskOfficer = roles.body.find((r) => r.code === 'risk_officer');
    const orgs = await shanghai.get<{ id: string; code: string }[]>('/api/orgs');
    const pudong = orgs.body.find((o) => o.code === 'SHPD');
    const shUser = await shanghai.post<{ pendingApprovalIds: string[] }>('/api/users', {
      username: `qian.li${staffNumber()}`,
      displayName: '钱丽',
      orgId: pudong?.id,
      roleIds: [riskOfficer?.id],
    });
    expect(shUser.status).toBe(201);
    const shApprovalId = shUser.body.pendingApprovalIds[0] ?? '';
    expect(shApprovalId).not.toBe('');
    await shanghai.close();

    const { page } = await newPage(browser, 'zh-CN');
    await signIn(page, 'bj.admin', 'zh-CN');
    expect(await page.getByTestId('current-org').innerText()).toBe('北京分行');

    // The Users page lists Beijing users only.
    await openMenu(page, 'users');
    await page.waitForURL((url) => url.pathname === '/system/users');
    const table = page.getByTestId('users-table');
    await page.getByTestId('user-open-bj.admin').waitFor();
    await page.getByTestId('user-open-bj.ops').waitFor();
    const orgNames = await table.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(orgNames.length).toBeGreaterThan(0);
    for (const name of orgNames) expect(name).toMatch(/^北京|^京捷付/);
    expect(await page.getByTestId('user-open-sh.ops').count()).toBe(0);
    expect(await page.getByTestId('user-open-sh.admin').count()).toBe(0);

    // Searching for sh.ops finds nobody.
    await searchUsers(page, 'sh.ops');
    expect(await rowWith(table, 'sh.ops').count()).toBe(0);
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(0);
    await table.locator('.ant-table-placeholder .ant-empty-description', { hasText: '暂无数据' }).waitFor();
    // …while a Beijing colleague is found the same way.
    await searchUsers(page, 'bj.ops');
    await rowWith(table, 'bj.ops').waitFor();

    // The organisation filter offers the Beijing subtree only.
    await page.getByTestId('users-filter-org').click();
    const tree = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title');
    await tree.first().waitFor();
    const offered = await tree.allInnerTexts();
    expect(offered).toContain('北京分行 (BJ)');
    expect(offered.some((t) => t.includes('上海'))).toBe(false);
    await page.keyboard.press('Escape');

    // Asked for by id, sh.ops does not exist for bj.admin.
    const direct = await apiGet<{ code: string }>(page, `/api/users/${shOpsId}`);
    expect(direct.status).toBe(404);
    expect(direct.body.code).toBe('NOT_FOUND');

    // The console opens approval requests by id (/approvals?id=…): a Shanghai one is not found.
    const viaApi = await apiGet<{ code: string }>(page, `/api/approvals/${shApprovalId}`);
    expect(viaApi.status).toBe(404);
    expect(viaApi.body.code).toBe('NOT_FOUND');
    const listed = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/approvals' && new URL(r.url()).searchParams.get('box') === 'all',
    );
    await page.goto(`/approvals?box=all&id=${shApprovalId}`);
    const drawer = page.getByTestId('approval-drawer');
    await drawer.getByTestId('approval-not-found').waitFor();
    expect(await drawer.innerText()).toContain('记录不存在或已被删除');
    expect(await drawer.innerText()).not.toContain('钱丽');
    expect(await drawer.getByTestId('approval-approve').count()).toBe(0);
    // Nor is it listed among all the requests bj.admin can see.
    const list = (await (await listed).json()) as ListPage<{ id: string }>;
    expect(list.items.map((a) => a.id)).not.toContain(shApprovalId);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).searchParams.get('id')).toBeNull();
    expect(await rowWith(page.getByTestId('approvals-table'), '钱丽').count()).toBe(0);
  });
});
