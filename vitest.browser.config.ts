import { defineConfig } from 'vitest/config';

// Browser suites: the built web app on a real server, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['web/test/**/*.browser.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // expect.poll waits for the page to reach a state, as Playwright's own waits (30 s) do; its default
    // second was the shortest wait in the suite and the first to run out on a loaded machine.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // No blanket retry: a retry hides races and lets assertions grow tolerant of a second run.
    // A test that must be retried is listed by name with its cause in web/test/known-flaky.ts.
    retry: 0,
  },
});
