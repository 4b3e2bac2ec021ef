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
    // No blanket retry: a retry hides races and lets assertions grow tolerant of a second run.
    // A test that must be retried is listed by name with its cause in web/test/known-flaky.ts.
    retry: 0,
  },
});
