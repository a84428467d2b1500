import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/console/src/**/*.test.ts',
            'apps/channel-sim/src/**/*.test.ts',
            'apps/terminal-sim/src/**/*.test.ts',
          ],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/server/src/**/*.test.ts'],
          globalSetup: 'apps/server/test/global-setup.ts',
          pool: 'forks',
          fileParallelism: true,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/src/**/*.e2e.ts'],
          globalSetup: 'e2e/src/global-setup.ts',
          fileParallelism: false,
          testTimeout: 120_000,
          // expect.poll waits on the UI, which waits on the server: 10 s rather than vitest's 1 s default.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
