// Browser tests allowed one retry, each with the cause that makes it flaky. Empty on purpose: a
// test goes here only with a cause someone has found (not "it fails sometimes"), and leaves once
// that cause is fixed. Use it as it(name, { retry: retryFor(name) }, fn).
export interface FlakyTest {
  /** The test's name as given to it(). */
  test: string;
  /** Why it is flaky: the race or outside dependency, with the issue that tracks it. */
  cause: string;
}

export const KNOWN_FLAKY: FlakyTest[] = [];

/** One retry for a listed test, none for any other. */
export const retryFor = (test: string): number => (KNOWN_FLAKY.some((f) => f.test === test && f.cause.trim()) ? 1 : 0);
