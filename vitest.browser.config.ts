import { defineConfig } from 'vitest/config';

// Browser suites: the built web app on a real server, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['web/test/**/*.browser.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A real browser on a loaded 2-core machine now and then misses a beat; a step that fails
    // twice in a row is a real failure.
    retry: 1,
  },
});
