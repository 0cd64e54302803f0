// A node:test reporter that counts tests so `npm test` can sum every run into
// one closing line. It writes `{ passed, failed, skipped }` as JSON to its
// destination (`--test-reporter-destination=<file>`).
//
// What counts:
// - leaf tests (no subtests), never suites or parent tests, which would count
//   the same result twice;
// - a test file that fails to load: node reports it as one failed test named
//   after the file, so it counts as a failure, never as zero tests;
// - a suite or parent test that fails for its own reason (a hook, code after
//   its subtests) while none of its subtests failed (a failing `before` hook
//   already fails each subtest, so it is not counted twice);
// - skipped and todo tests count as skipped, never as passed.
export default async function* summaryReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  // Subtests finish before their parent. Per file, `done[n]` says that a test
  // at nesting n finished since the last one at nesting n - 1, i.e. the next
  // test to finish at nesting n - 1 has children; `failed[n]` likewise says
  // that one of those children failed.
  const byFile = new Map();

  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    const key = data.file ?? '';
    if (!byFile.has(key)) byFile.set(key, { done: [], failed: [] });
    const { done, failed } = byFile.get(key);
    const n = data.nesting;
    const hasChildren = done[n + 1] === true;
    const childFailed = failed[n + 1] === true;
    done[n + 1] = false;
    failed[n + 1] = false;
    done[n] = true;
    if (event.type === 'test:fail') failed[n] = true;

    const leaf = !hasChildren && data.details?.type !== 'suite';
    if (data.skip !== undefined || data.todo !== undefined) {
      if (leaf) totals.skipped++;
    } else if (event.type === 'test:pass') {
      if (leaf) totals.passed++;
    } else if (leaf || !childFailed) {
      totals.failed++;
    }
  }
  yield `${JSON.stringify(totals)}\n`;
}
