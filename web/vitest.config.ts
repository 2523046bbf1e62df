import { defineConfig } from 'vitest/config';

// Unit tests of the web app (no browser): run with `vitest run --config web/vitest.config.ts`,
// or as the `web` project when the root vitest.config.ts lists this file among its projects.
export default defineConfig({
  test: {
    name: 'web',
    root: import.meta.dirname,
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
