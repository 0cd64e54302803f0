// Counts every browser test result so `npm test` can sum node and browser runs
// into one closing line. A test file that fails to load counts as one failure,
// never as zero tests.
import { writeFileSync } from 'node:fs';

function count(suite, totals) {
  for (const t of suite.tests) {
    if (t.skipped) totals.skipped++;
    else if (t.passed) totals.passed++;
    else totals.failed++;
  }
  for (const s of suite.suites) count(s, totals);
}

export function summaryReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const failedBefore = totals.failed;
        if (session.testResults) count(session.testResults, totals);
        // A file that fails to load (or a hook, or a browser timeout) fails the
        // session with session-level errors and no failed test of its own.
        const sessionFailed = !session.passed && ((session.errors?.length ?? 0) > 0 || totals.failed === failedBefore);
        if (sessionFailed) totals.failed++;
      }
      if (process.env.IC_SUMMARY_FILE) writeFileSync(process.env.IC_SUMMARY_FILE, JSON.stringify(totals));
      console.log(`browser: ${totals.passed} passed, ${totals.failed} failed`);
    },
  };
}
