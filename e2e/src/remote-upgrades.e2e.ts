/**
 * Journey: remote upgrades (远程升级), in English. The operations manager sees the demo's firmware
 * campaign in its canary with the progress the terminals reported; adds an app release of the PAX A920 as
 * a draft and publishes it; creates a campaign of it for the Chaoyang outlet (a draft, with what it would
 * take previewed), starts it — its canary is chosen —, pauses it with a reason and resumes it, the state
 * tags following each move; then cancels it, so that its terminals are free again for other campaigns.
 */
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from './browser';
import { apiGet, clickSettled, pickOption, pickTreeNode, signIn, tableSettled } from './console';

const MODEL = 'PAX A920';
const OUTLET = '北京朝阳支行 (BJCY)';
const DEMO_CAMPAIGN = 'PAX A920 固件 1.7.0 全行升级';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface StageCounts {
  total: number;
  upgraded: number;
}

interface Campaign {
  id: string;
  no: string;
  name: string;
  state: string;
  targets: number;
  canaryTargets: number;
  progress: { canary: StageCounts; rollout: StageCounts; upgraded: number };
  pause: { reason: string; note: string | null } | null;
}

interface Release {
  id: string;
  version: string;
  kind: string;
  status: string;
}

/** A toast of the console holding `text`. */
async function toast(page: Page, text: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

/** Waits for the answer to a POST on `path` while `act` runs; returns its parsed body. */
async function posting<T>(page: Page, path: string, act: () => Promise<void>): Promise<T> {
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === path && r.request().method() === 'POST',
  );
  await act();
  const response = await answered;
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as T;
}

describe('remote upgrades', () => {
  const version = `3.3.${1000 + Math.floor(Math.random() * 9000)}-e2e`;

  it('publishes a release, then starts, pauses and resumes a campaign of it', async () => {
    const { page } = await newPage(browser, 'en-US');
    await signIn(page, 'ops', 'en-US');

    // ── the demo campaign: PAX A920 firmware 1.7.0 in its canary, one unit upgraded ──
    await page.goto('/terminals/upgrades');
    const campaigns = page.getByTestId('campaigns-table');
    await tableSettled(campaigns);
    const listed = await apiGet<{ items: Campaign[] }>(page, '/api/terminal-campaigns');
    const demo = listed.body.items.find((c) => c.name === DEMO_CAMPAIGN);
    if (!demo) throw new Error(`the demo campaign "${DEMO_CAMPAIGN}" is not listed`);
    expect(demo.state).toBe('canary');
    expect(demo.progress.canary.upgraded).toBeGreaterThanOrEqual(1);
    const demoRow = campaigns.locator(`tr[data-testid="campaign-row"][data-no="${demo.no}"]`);
    expect(await demoRow.getAttribute('data-state')).toBe('canary');
    expect(await demoRow.getByTestId('campaign-state').innerText()).toBe('Canary');
    const demoProgress = demoRow.getByTestId('campaign-progress');
    expect(await demoProgress.getAttribute('data-upgraded')).toBe(String(demo.progress.upgraded));
    expect(await demoProgress.getAttribute('data-targets')).toBe(String(demo.targets));
    const progressText = await demoProgress.innerText();
    expect(progressText).toContain(`${demo.progress.upgraded}/${demo.targets}`);
    expect(progressText).toContain(`Canary ${demo.progress.canary.upgraded}/${demo.progress.canary.total}`);
    // Running, not paused.
    await page.getByTestId('campaigns-filter').getByText('Paused', { exact: true }).click();
    await expect.poll(() => demoRow.count()).toBe(0);
    await page.getByTestId('campaigns-filter').getByText('Running', { exact: true }).click();
    await demoRow.waitFor();

    // ── a release of the cashier app for the PAX A920: a draft, then published ──
    await page.getByTestId('upgrades-tab-releases').click();
    const releases = page.getByTestId('releases-table');
    await tableSettled(releases);
    await page.getByTestId('release-create').click();
    const releaseForm = page.getByTestId('release-drawer');
    await pickOption(page, 'release-model', MODEL);
    await releaseForm.getByTestId('release-kind-app').click();
    await releaseForm.getByTestId('release-version').fill(version);
    await releaseForm.getByTestId('release-notes').fill('Cashier app: e-CNY refunds; receipt layout fixes.');
    await releaseForm.getByTestId('release-sha256').fill(randomBytes(32).toString('hex'));
    await releaseForm.getByTestId('release-bytes').fill('23068672');
    await releaseForm
      .getByTestId('release-url')
      .fill(`https://tms.example.com/packages/PAX-A920/app/${version}.pkg`);
    const draft = await posting<Release>(page, '/api/terminal-releases', () =>
      page.getByTestId('release-submit').click(),
    );
    expect(draft).toMatchObject({ version, kind: 'app', status: 'draft' });
    await toast(page, `${MODEL} ${version} saved`);
    await releaseForm.waitFor({ state: 'hidden' });
    const releaseRow = releases.locator(`tr[data-testid="release-row"][data-version="${version}"]`);
    await expect.poll(() => releaseRow.getAttribute('data-status')).toBe('draft');
    expect(await releaseRow.getByTestId('release-status').innerText()).toBe('Draft');
    await releaseRow.getByTestId(`release-publish-${version}`).click();
    await posting<Release>(page, `/api/terminal-releases/${draft.id}/events`, () =>
      clickSettled(page.getByTestId('release-publish-confirm')),
    );
    await toast(page, `${MODEL} ${version} published`);
    await expect.poll(() => releaseRow.getAttribute('data-status')).toBe('published');
    expect(await releaseRow.getByTestId('release-status').innerText()).toBe('Published');
    // Published, it can no longer be edited.
    expect(await releaseRow.getByTestId(`release-edit-${version}`).count()).toBe(0);

    // ── a campaign of it for the Chaoyang outlet: a draft, with the terminals it would take ──
    await page.getByTestId('upgrades-tab-campaigns').click();
    await page.getByTestId('campaign-create').click();
    const campaignForm = page.getByTestId('campaign-drawer');
    await pickOption(page, 'campaign-release', version);
    await pickTreeNode(page, 'campaign-org', OUTLET);
    await campaignForm.getByTestId('campaign-canary').fill('20');
    await campaignForm.getByTestId('campaign-name').fill(`PAX A920 app ${version} (Chaoyang)`);
    const preview = campaignForm.getByTestId('campaign-form-preview');
    await expect.poll(async () => Number(await preview.getAttribute('data-targets'))).toBeGreaterThan(0);
    const previewed = Number(await preview.getAttribute('data-targets'));
    const created = await posting<Campaign>(page, '/api/terminal-campaigns', () =>
      page.getByTestId('campaign-submit').click(),
    );
    expect(created.state).toBe('draft');
    await toast(page, `Campaign ${created.no} created as a draft`);
    // It opens: a draft, nothing offered yet.
    const detail = page.getByTestId('campaign-detail');
    const state = detail.getByTestId('campaign-state');
    await expect.poll(() => state.getAttribute('data-state')).toBe('draft');
    expect(await state.innerText()).toBe('Draft');
    await detail.getByTestId('campaign-preview').waitFor();

    // ── start: the canary is chosen ──
    await detail.getByTestId(`campaign-start-${created.no}`).click();
    const started = await posting<Campaign>(page, `/api/terminal-campaigns/${created.id}/events`, () =>
      clickSettled(page.getByTestId('campaign-start-confirm')),
    );
    expect(started.state).toBe('canary');
    expect(started.targets).toBe(previewed);
    expect(started.canaryTargets).toBe(Math.max(1, Math.ceil((previewed * 20) / 100)));
    await toast(page, `${created.no}: Start done`);
    await expect.poll(() => state.getAttribute('data-state')).toBe('canary');
    expect(await state.innerText()).toBe('Canary');
    const canaryStage = detail.getByTestId('stage-progress').first();
    await expect.poll(() => canaryStage.innerText()).toContain(`0/${started.canaryTargets}`);

    // ── pause, with the reason ──
    await detail.getByTestId(`campaign-pause-${created.no}`).click();
    await page.getByTestId('campaign-reason').fill('Merchant feedback on the new receipt layout');
    const paused = await posting<Campaign>(page, `/api/terminal-campaigns/${created.id}/events`, () =>
      clickSettled(page.getByTestId('campaign-reason-confirm')),
    );
    expect(paused.state).toBe('canary_paused');
    await toast(page, `${created.no}: Pause done`);
    await expect.poll(() => state.getAttribute('data-state')).toBe('canary_paused');
    expect(await state.innerText()).toBe('Canary paused');
    const pause = detail.getByTestId('campaign-pause');
    await pause.waitFor();
    expect(await pause.getAttribute('data-reason')).toBe('manual');
    expect(await pause.innerText()).toContain('Merchant feedback on the new receipt layout');

    // ── resume: back to its canary ──
    await detail.getByTestId(`campaign-resume-${created.no}`).click();
    const resumed = await posting<Campaign>(page, `/api/terminal-campaigns/${created.id}/events`, () =>
      clickSettled(page.getByTestId('campaign-resume-confirm')),
    );
    expect(resumed.state).toBe('canary');
    await toast(page, `${created.no}: Resume done`);
    await expect.poll(() => state.getAttribute('data-state')).toBe('canary');
    expect(await state.innerText()).toBe('Canary');
    await detail.getByTestId('campaign-pause').waitFor({ state: 'detached' });

    // The list says the same.
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await page.getByTestId('campaigns-filter').getByText('All', { exact: true }).click();
    const row = campaigns.locator(`tr[data-testid="campaign-row"][data-no="${created.no}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('canary');
    expect(await row.getByTestId('campaign-state').innerText()).toBe('Canary');
    expect(await row.getByTestId('campaign-progress').getAttribute('data-targets')).toBe(String(previewed));

    // ── cancelled at the end: its terminals are free for the next campaign of an app ──
    await row.getByTestId(`campaign-cancel-${created.no}`).click();
    await page.getByTestId('campaign-reason').fill('End of the end-to-end check');
    await posting<Campaign>(page, `/api/terminal-campaigns/${created.id}/events`, () =>
      clickSettled(page.getByTestId('campaign-reason-confirm')),
    );
    await expect.poll(() => row.getAttribute('data-state')).toBe('cancelled');
    expect(await row.getByTestId('campaign-state').innerText()).toBe('Cancelled');
    const ended = await apiGet<Campaign>(page, `/api/terminal-campaigns/${created.id}`);
    expect(ended.body.state).toBe('cancelled');
  }, 180_000);
});
