import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A focused or skipped test must never pass CI unnoticed (see scripts/test.ts).
    allowOnly: false,
    projects: [
      'web/vitest.config.ts',
      {
        test: {
          name: 'server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium and one server at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
