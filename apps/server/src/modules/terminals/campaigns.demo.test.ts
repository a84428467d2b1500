import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({}, { demoActivity: true });
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

describe('demo 远程升级', () => {
  it('has published releases of the demo models and a firmware campaign in its canary, one unit upgraded', async () => {
    const ops = await app.as('ops');
    const releases = (await ops.get('/api/terminal-releases')).body.items as {
      modelName: string;
      kind: string;
      version: string;
      status: string;
    }[];
    expect(
      releases.filter((r) => r.status === 'published').map((r) => `${r.modelName} ${r.kind} ${r.version}`),
    ).toEqual(
      expect.arrayContaining([
        'PAX A920 firmware 1.7.0',
        'PAX A920 app 3.2.1',
        'Newland ME51 firmware 2.0.3',
      ]),
    );
    const campaigns = (await ops.get('/api/terminal-campaigns')).body.items as {
      id: string;
      state: string;
      targets: number;
      progress: { canary: { total: number; upgraded: number; scheduled: number } };
    }[];
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]!.state).toBe('canary');
    expect(campaigns[0]!.targets).toBeGreaterThanOrEqual(3);
    expect(campaigns[0]!.progress.canary).toMatchObject({ upgraded: 1, scheduled: 1 });
  });
});
