/** Journey 1: signing in, in English and in Chinese; a wrong password is refused. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './browser';
import { openLogin, shownLocale, signOut, submitLogin, switchLocale } from './console';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('login', () => {
  it('signs in in English and in Chinese, and refuses a wrong password', async () => {
    const { page } = await newPage(browser, 'zh-CN');
    await openLogin(page);
    // The console opens in Chinese; the switch offers English.
    expect(await shownLocale(page)).toBe('zh-CN');
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toMatch(/登\s*录/);

    // English.
    await switchLocale(page, 'en-US');
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toMatch(/sign in|log in/i);
    await submitLogin(page, 'admin');
    await page.getByTestId('side-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('menu-users').waitFor();
    expect(await page.getByTestId('menu-users').innerText()).toBe('Users');
    expect(await page.getByTestId('menu-group-system').innerText()).toBe('System');
    expect(await page.getByTestId('menu-approvals').innerText()).toBe('Approvals');
    await expect.poll(() => page.getByTestId('home-welcome').innerText()).toContain('Welcome');
    expect(await shownLocale(page)).toBe('en-US');
    expect(await page.getAttribute('html', 'lang')).toBe('en-US');

    // The Users page is in English too.
    await page.getByTestId('menu-users').click();
    await page.waitForURL((url) => url.pathname === '/system/users');
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page.getByTestId('create-user').getByText('New user').waitFor();
    await page.getByTestId('user-open-admin2').waitFor();

    await signOut(page);

    // Back to Chinese on the login page.
    expect(await shownLocale(page)).toBe('en-US');
    await switchLocale(page, 'zh-CN');
    await expect.poll(() => page.getByTestId('login-submit').innerText()).toMatch(/登\s*录/);
    await submitLogin(page, 'admin');
    await page.getByTestId('side-menu').waitFor();
    await page.getByTestId('menu-users').waitFor();
    expect(await page.getByTestId('menu-users').innerText()).toBe('用户管理');
    expect(await page.getByTestId('menu-group-system').innerText()).toBe('系统管理');
    expect(await page.getByTestId('menu-approvals').innerText()).toBe('审批中心');
    await expect.poll(() => page.getByTestId('home-welcome').innerText()).toContain('欢迎');
    expect(await shownLocale(page)).toBe('zh-CN');

    await signOut(page);

    // A wrong password: the error is shown and the page stays on /login.
    await submitLogin(page, 'admin', 'not-the-password-2026');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    expect(await page.getByTestId('login-form').isVisible()).toBe(true);
  });
});
