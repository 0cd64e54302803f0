// `npm test`: every check of the project in one run. Each step runs even when
// an earlier one failed, so a single run shows everything; the output ends
// with a per-step summary and, as its very last line, `N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCluster, type Cluster } from '../test/support/postgres.ts';
import { secretsIn } from '../test/support/secrets.ts';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'ic-test-'));

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
  note: string;
  seconds: number;
}

const results: StepResult[] = [];
/** Everything every step printed: scanned for secrets at the end. */
let transcript = '';

/**
 * Runs a command, passing its output on (once it ends) and keeping it for the
 * secrets scan; returns its exit code (null if killed) and duration.
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; seconds: number } {
  const started = performance.now();
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  for (const [out, chunk] of [
    [process.stdout, child.stdout],
    [process.stderr, child.stderr],
  ] as const) {
    if (!chunk) continue;
    out.write(chunk);
    transcript += chunk.toString();
  }
  if (child.error) console.error(`could not start ${command}: ${child.error.message}`);
  return { code: child.error ? null : child.status, seconds: (performance.now() - started) / 1000 };
}

function banner(name: string): void {
  console.log(`\n=== ${name} ===`);
}

/** A step that is one check: one passed or one failed test. */
function check(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): boolean {
  banner(name);
  const { code, seconds } = run(command, args, env);
  const ok = code === 0;
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: ok ? '' : exitNote(code), seconds });
  return ok;
}

/** A step that runs a test suite and reports its counts as JSON in a summary file. */
function suite(name: string, command: string, args: (summaryFile: string) => string[], useEnv = false): void {
  banner(name);
  const summaryFile = join(scratch, `${name.replace(/\W+/g, '-')}.json`);
  const { code, seconds } = run(command, args(summaryFile), useEnv ? { IC_SUMMARY_FILE: summaryFile } : {});
  const counts = readCounts(summaryFile);
  if (!counts) {
    // The runner died before it could report: one failure, never zero tests.
    results.push({ name, passed: 0, failed: 1, skipped: 0, note: `no counts reported (${exitNote(code)})`, seconds });
    return;
  }
  let note = '';
  if (code !== 0 && counts.failed === 0) {
    // The runner failed for a reason no test recorded; that still fails the step.
    counts.failed = 1;
    note = `${exitNote(code)} with no failed test`;
  }
  results.push({ name, ...counts, note, seconds });
}

function readCounts(file: string): { passed: number; failed: number; skipped: number } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (typeof data.passed !== 'number' || typeof data.failed !== 'number') return undefined;
    return { passed: data.passed, failed: data.failed, skipped: typeof data.skipped === 'number' ? data.skipped : 0 };
  } catch {
    return undefined;
  }
}

function exitNote(code: number | null): string {
  return code === null ? 'killed or did not start' : `exit code ${code}`;
}

function notRun(name: string, reason: string, failed: number): void {
  banner(name);
  console.log(`not run: ${reason}`);
  results.push({ name, passed: 0, failed, skipped: 0, note: `not run: ${reason}`, seconds: 0 });
}

function testFiles(dir: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

function nodeTests(name: string, files: string[]): void {
  suite(name, process.execPath, (summaryFile) => [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=./scripts/node-summary-reporter.mjs',
    `--test-reporter-destination=${summaryFile}`,
    ...files,
  ]);
}

// 0. The browser every browser step needs. Setup, not a test: counted only when it fails.
banner('chromium');
{
  const { code, seconds } = run('bash', ['scripts/ensure-chromium.sh']);
  results.push({
    name: 'chromium',
    passed: 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    note: code === 0 ? 'present (setup, not counted)' : exitNote(code),
    seconds,
  });
}

// 0b. PostgreSQL for the store's tests: a throw-away cluster, its URL handed to every test run as
// TEST_DATABASE_URL (unless one is given), stopped at the end. Setup, counted only when it fails.
let cluster: Cluster | undefined;
if (!process.env.TEST_DATABASE_URL) {
  banner('postgresql');
  const { code, seconds } = run('bash', [
    'scripts/ensure-debian-package.sh',
    'postgresql',
    '"$(ls -1d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)" --version',
    "the store's tests need a server (or set TEST_DATABASE_URL to one where they may create databases)",
  ]);
  let note = code === 0 ? '' : exitNote(code);
  if (code === 0) {
    try {
      cluster = await startCluster();
      process.once('exit', () => cluster?.stop());
      process.env.TEST_DATABASE_URL = cluster.url;
      note = 'throw-away cluster (setup, not counted)';
    } catch (err) {
      console.error(`postgresql: ${(err as Error).message}`);
      note = 'the cluster did not start';
    }
  }
  results.push({ name: 'postgresql', passed: 0, failed: cluster ? 0 : 1, skipped: 0, note, seconds });
}

// 1–4. Static checks, one test each: types, lint (with the import boundaries),
// Prettier formatting (`npm run format` fixes it; .prettierignore lists what
// generators write), and the OpenAPI document, linted with Redocly's
// recommended rules, warnings as errors (redocly.yaml); the node tests check it is
// generated from the current routes. Redocly CLI sends no usage data from a test run.
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
check('format', 'npx', ['prettier', '--check', '.']);
check('openapi lint', 'npx', ['redocly', 'lint', 'openapi.json'], { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' });

// 4. Node tests (broker, sandbox, InvoiceCloud client).
const nodeFiles = testFiles('test/node');
if (nodeFiles.length > 0) nodeTests('node tests', nodeFiles);
// No files would make node look for tests all over the tree; and a missing suite is a failure.
else notRun('node tests', 'no test/node/*.test.ts files', 1);

// 5. Browser tests in real Chromium (the runner itself fails when there are no test files).
suite('browser tests', 'npm', () => ['run', '--silent', 'test:browser'], true);

// 6. End-to-end tests, when there are any: the one optional suite.
const e2eFiles = testFiles('test/e2e');
if (e2eFiles.length > 0) nodeTests('e2e tests', e2eFiles);
else notRun('e2e tests', 'no test/e2e/*.test.ts files', 0);

// 7. Stories: build Storybook, then render every story in Chromium.
if (check('storybook build', 'npm', ['run', '--silent', 'build-storybook'])) {
  suite('stories', process.execPath, () => ['--import', 'tsx', 'scripts/check-stories.ts'], true);
} else {
  // Checking an older storybook-static/ would report on stale stories.
  notRun('stories', 'the Storybook build failed', 1);
}

// 8. Nothing the run printed holds a card number or a password (the e2e demos scan their own files).
banner('secrets scan');
{
  const found = secretsIn(transcript);
  console.log(found.length ? `found in the test output: ${found.join(', ')}` : 'no card number or password in the test output');
  results.push({ name: 'secrets scan', passed: found.length ? 0 : 1, failed: found.length ? 1 : 0, skipped: 0, note: '', seconds: 0 });
}

rmSync(scratch, { recursive: true, force: true });
cluster?.stop();
cluster = undefined;

const total = { passed: 0, failed: 0 };
console.log('\n=== summary ===');
for (const r of results) {
  total.passed += r.passed;
  total.failed += r.failed;
  const counts = `${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`;
  const status = r.failed > 0 ? 'FAIL' : 'ok  ';
  console.log(`${status} ${r.name.padEnd(16)} ${counts.padEnd(34)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.note}`.trimEnd());
}
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exitCode = total.failed > 0 ? 1 : 0;
