/** Debian's Chromium driven by Playwright; a screenshot of the page is kept when a journey fails. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject, onTestFailed } from 'vitest';

const screenshotsDir = path.resolve(import.meta.dirname, '../../test-results/e2e-screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(
  browser: Browser,
  locale = 'zh-CN',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    locale,
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  onTestFailed(async ({ task }) => {
    mkdirSync(screenshotsDir, { recursive: true });
    const name = task.name.replace(/[^\w-]+/g, '_').slice(0, 80);
    await page
      .screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true })
      .catch(() => undefined);
  });
  return { context, page };
}

export const DEMO_PASSWORD = 'posops-demo-2026';
