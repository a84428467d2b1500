/** Steps a person takes in the console, shared by the journeys. */
import type { APIRequestContext, Browser, Locator, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { DEMO_PASSWORD } from './browser';

export type ConsoleLocale = 'zh-CN' | 'en-US';

/** Four digits to tell apart people a journey creates, as staff numbers in user names often do. */
export function staffNumber(): string {
  return String(1000 + Math.floor(Math.random() * 9000));
}

/** The language the console shows (the switch carries it in `data-locale`). */
export async function shownLocale(page: Page): Promise<string | null> {
  return page.getByTestId('lang-switch').getAttribute('data-locale');
}

/** Clicks the language switch until the console shows `locale`. */
export async function switchLocale(page: Page, locale: ConsoleLocale): Promise<void> {
  const button = page.getByTestId('lang-switch');
  await button.waitFor();
  if ((await shownLocale(page)) === locale) return;
  await button.click();
  await expect.poll(() => shownLocale(page)).toBe(locale);
}

/** Opens /login and waits for the form. */
export async function openLogin(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').waitFor();
}

/** Fills and submits the login form (the page must show it). */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Signs in through the login page, in `locale`, and waits for the shell. The language is picked on the
 * login page (switching away and back when it already shows it), so it wins over the one saved for the
 * user by an earlier session.
 */
export async function signIn(page: Page, username: string, locale: ConsoleLocale = 'zh-CN'): Promise<void> {
  if (new URL(page.url()).pathname !== '/login') await openLogin(page);
  await page.getByTestId('login-username').waitFor();
  if ((await shownLocale(page)) === locale) await switchLocale(page, locale === 'zh-CN' ? 'en-US' : 'zh-CN');
  await switchLocale(page, locale);
  await submitLogin(page, username);
  await page.getByTestId('side-menu').waitFor();
  await expect.poll(() => new URL(page.url()).pathname).not.toBe('/login');
  await expect.poll(() => shownLocale(page)).toBe(locale);
}

/** Signs out from the user menu and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByTestId('login-username').waitFor();
}

/** Follows a menu entry (opening its group first when it is folded). */
export async function openMenu(page: Page, key: string): Promise<void> {
  const item = page.getByTestId(`menu-${key}`);
  if (!(await item.isVisible())) {
    const group = page.getByTestId('menu-group-system');
    if (await group.isVisible()) await group.click();
  }
  await item.click();
}

/**
 * Waits for the page's finite animations and transitions to end — a drawer or a modal sliding in, a
 * dropdown opening — so that a click lands where the element stays. Endless ones (spinners, an active
 * progress bar) are not waited for, nor is any for more than two seconds.
 */
export async function motionsDone(page: Page): Promise<void> {
  // A script rather than a function: the journeys are compiled without the DOM's types.
  await page.evaluate(`Promise.race([
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ])`);
}

/**
 * Clicks once the page has stopped moving: the OK button of a confirmation, a popconfirm or a drawer
 * still zooming or sliding in can lose a click.
 */
export async function clickSettled(target: Locator): Promise<void> {
  await target.waitFor();
  await motionsDone(target.page());
  await target.click();
}

/** The dropdown of an open Ant Design Select / TreeSelect. */
function openDropdown(page: Page): Locator {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
}

/**
 * Picks an option of the Ant Design Select carrying `testId` by its text, typing it into the search box
 * first (the list is virtual: options far down are not rendered until scrolled to).
 */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  // A drawer still sliding in carries the field away from under the click (and its dropdown with it).
  await motionsDone(page);
  await select.click();
  await select.locator('input').fill(text);
  const option = openDropdown(page).locator('.ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await motionsDone(page);
  await option.click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** Picks a node of the Ant Design TreeSelect carrying `testId` by its exact title. */
export async function pickTreeNode(page: Page, testId: string, title: string): Promise<void> {
  await motionsDone(page);
  await page.getByTestId(testId).click();
  const node = openDropdown(page).locator('.ant-select-tree-title').getByText(title, { exact: true });
  await node.waitFor();
  // Clicked while the dropdown still slides open, a node can be missed.
  await motionsDone(page);
  await node.click();
  await openDropdown(page).waitFor({ state: 'hidden' });
}

/** A table row (not the header) holding `text`. */
export function rowWith(table: Locator, text: string): Locator {
  return table.locator('tbody tr.ant-table-row', { hasText: text });
}

/** Waits until a table has finished loading. */
export async function tableSettled(table: Locator): Promise<void> {
  await expect.poll(() => table.locator('.ant-spin-spinning').count(), { timeout: 15_000 }).toBe(0);
}

/**
 * Submits a page's search form and waits for the list the server answers (`apiPath` with `params`),
 * then for the table to show it.
 */
export async function searchAndWait(
  page: Page,
  form: string,
  table: string,
  apiPath: string,
  params: Record<string, string>,
): Promise<void> {
  const answered = page.waitForResponse((r) => {
    const url = new URL(r.url());
    if (url.pathname !== apiPath || r.request().method() !== 'GET') return false;
    return Object.entries(params).every(([key, value]) => (url.searchParams.get(key) ?? '') === value);
  });
  await page.getByTestId(form).getByTestId('search-submit').click();
  expect((await answered).status()).toBe(200);
  await tableSettled(page.getByTestId(table));
}

/** Searches the Users page by keyword. */
export async function searchUsers(page: Page, keyword: string): Promise<void> {
  await page.getByTestId('users-filter-q').fill(keyword);
  await searchAndWait(page, 'users-search', 'users-table', '/api/users', { q: keyword });
}

/** GET on the API with the page's cookies: the status and the parsed body. */
export async function apiGet<T = unknown>(page: Page, path: string): Promise<{ status: number; body: T }> {
  const response = await page.request.get(path);
  return { status: response.status(), body: (await response.json()) as T };
}

/** A session used through the API only (to look things up or prepare data), in its own browser context. */
export interface ApiSession {
  request: APIRequestContext;
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  post<T = unknown>(path: string, data: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function apiSession(browser: Browser, username: string): Promise<ApiSession> {
  const context = await browser.newContext({ baseURL: inject('baseUrl') });
  const request = context.request;
  const login = await request.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  if (login.status() !== 200) throw new Error(`${username} could not sign in: ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const read = async <T>(response: Awaited<ReturnType<APIRequestContext['get']>>) => {
    const text = await response.text();
    return { status: response.status(), body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    request,
    get: async <T>(path: string) => read<T>(await request.get(path)),
    post: async <T>(path: string, data: unknown) =>
      read<T>(
        await request.post(path, {
          data: data as Record<string, unknown>,
          headers: { 'x-csrf-token': csrfToken },
        }),
      ),
    close: () => context.close(),
  };
}

/**
 * 培训记录 on the merchant page being shown: the trainer, the topics (typed into the tags input) and who
 * attended; waits until the merchant's trainings list it.
 */
export async function recordTraining(
  page: Page,
  training: { trainer: string; topics: readonly string[]; attendees: string },
): Promise<void> {
  await page.getByTestId('training-record').click();
  await page.getByTestId('training-trainer').fill(training.trainer);
  const topics = page.getByTestId('training-topics');
  await topics.click();
  for (const topic of training.topics) {
    await topics.locator('input').fill(topic);
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => topics.innerText()).toContain(training.topics.at(-1));
  // Leave the tags input (its dropdown covers the next field) by going back to the trainer's name.
  await page.getByTestId('training-trainer').click();
  await openDropdown(page).waitFor({ state: 'hidden' });
  await page.getByTestId('training-attendees').fill(training.attendees);
  await page.getByTestId('training-submit').click();
  await page.getByTestId('training-submit').waitFor({ state: 'hidden' });
  await expect.poll(() => page.getByTestId('merchant-trainings').innerText()).toContain(training.trainer);
}
