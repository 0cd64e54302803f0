// `npm run bench`: the numbers in BENCHMARKS.md's "npm run bench" section,
// rewritten in place between its markers. In one run:
//   1. bundle sizes — `npm run build`, then `npm run size` (size-limit: the
//      CDN file with every element, and each element built alone, lit included);
//   2. render times in Chromium — each element against a bare Lit element
//      doing one fetch, same page, same lit, interleaved, median of RUNS;
//   3. round trips — every InvoiceCloud operation slowed by 100 ms, the wall
//      time of a sign-in and of a full portal page ÷ 100 ms.
// Not part of npm test (timings on a shared machine are for ratios, not asserts).
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { OPERATION_NAMES } from '../src/sandbox/operation-names.ts';
import { startStack } from '../test/support/stack.ts';
import { USERS } from '../test/support/users.ts';
import type { Setup, Timing } from './bench/render-page.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const LATENCY_MS = 100;
const ACCOUNT = '100200301';

const out: string[] = [];
const say = (line = '') => {
  out.push(line);
  console.log(line);
};

// 1. Sizes.
execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
const sizes = JSON.parse(execFileSync('npm', ['run', '--silent', 'size', '--', '--json'], { encoding: 'utf8' })) as {
  name: string;
  size: number;
  sizeLimit: number;
  passed: boolean;
}[];
const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`;
say('### Bundle sizes (min + gzip, size-limit)');
say();
say('| what | gzip | budget |');
say('|---|---|---|');
// Tag names in code spans: a bare <ic-bills> in Markdown is an HTML tag, and vanishes.
for (const s of sizes)
  say(`| ${s.name.replace(/<(ic-[a-z-]+)>/g, '`<$1>`')} | ${kb(s.size)} | ${kb(s.sizeLimit)}${s.passed ? '' : ' — over'} |`);
say();

// 2. Render times.
await build({
  configFile: false,
  logLevel: 'warn',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: '.bench',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: { entry: 'scripts/bench/render-page.ts', formats: ['es'], fileName: () => 'render-page.js' },
  },
});
const stack = await startStack();
const app = new Hono();
app.all('/api/*', async (c) => {
  const url = new URL(c.req.url);
  const res = await fetch(`${stack.brokerUrl}${url.pathname.replace(/^\/api\/v1/, '')}${url.search}`, {
    method: c.req.method,
    headers: c.req.raw.headers,
    body: c.req.method === 'GET' ? undefined : await c.req.arrayBuffer(),
  });
  return new Response(res.body, { status: res.status, headers: res.headers });
});
// Cross-origin isolated, so performance.now() has microsecond resolution rather
// than 100 µs (a bare element renders in well under a millisecond).
const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'credentialless' };
app.get('/', (c) =>
  c.html(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script type="module" src="/render-page.js"></script></head><body></body></html>',
    200,
    isolated,
  ),
);
app.use('/*', serveStatic({ root: './.bench' }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((r) => server.once('listening', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function signIn(): Promise<{ token: string; ms: number }> {
  const started = performance.now();
  const res = await stack.openSession(USERS.john);
  if (!res.ok) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return { token: ((await res.json()) as { token: string }).token, ms: performance.now() - started };
}

const { token } = await signIn();
const signedIn = { endpoint: '/api/v1', token };
const setups: Setup[] = [
  { tag: 'ic-one-time-pay', attributes: { endpoint: '/api/v1' }, lookup: { account: '100200300', lastName: 'Doe' } },
  { tag: 'ic-bills', attributes: { ...signedIn, 'account-number': ACCOUNT } },
  { tag: 'ic-autopay-toggle', attributes: { ...signedIn, 'account-number': ACCOUNT } },
  { tag: 'ic-paperless-toggle', attributes: { ...signedIn, 'account-number': ACCOUNT } },
  { tag: 'ic-payment-methods', attributes: signedIn },
  { tag: 'ic-linked-accounts', attributes: signedIn },
  { tag: 'ic-sso-frame', attributes: { ...signedIn, target: 'dashboard' } },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
const problems: string[] = [];
page.on('pageerror', (e) => problems.push(e.message));
await page.goto(origin);
await page.waitForFunction(() => 'bench' in window);
if (!(await page.evaluate(() => crossOriginIsolated)))
  throw new Error('the bench page is not cross-origin isolated: timings would be coarse');

const samples = new Map<string, Timing[]>();
const record = (name: string, t: Timing) => samples.set(name, [...(samples.get(name) ?? []), t]);
// One warm-up round (compiling, first fetches), then RUNS rounds, each element after its own baseline.
for (let round = 0; round <= RUNS; round++) {
  for (const s of setups) {
    const bare = await page.evaluate((t) => window.bench.bare(t), token);
    const el = await page.evaluate((x) => window.bench.element(x), s);
    if (round === 0) continue;
    record(`bare:${s.tag}`, bare);
    record(s.tag, el);
  }
}
if (problems.length) throw new Error(`page errors: ${problems.join('; ')}`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
say(`### Render time in Chromium (median of ${RUNS} runs, ratio to a bare Lit element doing one fetch)`);
say();
say('| element | define → first render | data arrival → usable form |');
say('|---|---|---|');
for (const s of setups) {
  const el = samples.get(s.tag)!;
  const bare = samples.get(`bare:${s.tag}`)!;
  const ratio = (k: keyof Timing) => (median(el.map((t) => t[k])) / median(bare.map((t) => t[k]))).toFixed(2);
  say(`| \`<${s.tag}>\` | ${ratio('defineToRender')} | ${ratio('dataToInteractive')} |`);
}
const allBare = setups.flatMap((s) => samples.get(`bare:${s.tag}`)!);
say();
say(
  `The bare element's medians in this run: define → first render ${median(allBare.map((t) => t.defineToRender)).toFixed(2)} ms, ` +
    `data → usable ${median(allBare.map((t) => t.dataToInteractive)).toFixed(2)} ms.`,
);
say();

// 3. Round trips with every InvoiceCloud operation slowed by LATENCY_MS.
const sandbox = (path: string, body?: unknown) =>
  fetch(`${stack.sandboxUrl}${path}`, {
    method: body === undefined ? 'DELETE' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
for (const operation of OPERATION_NAMES) await sandbox('/__sandbox/faults', { operation, latencyMs: LATENCY_MS });
const portalTags = ['ic-linked-accounts', 'ic-bills', 'ic-paperless-toggle', 'ic-autopay-toggle', 'ic-payment-methods', 'ic-sso-frame'];
const signIns: number[] = [];
const pages: number[] = [];
let calls: string[] = [];
for (let i = 0; i < 5; i++) {
  const session = await signIn();
  signIns.push(session.ms / LATENCY_MS);
  await sandbox('/__sandbox/calls');
  const markup = `<ic-provider endpoint="/api/v1" token="${session.token}">
    <ic-linked-accounts></ic-linked-accounts>
    <ic-bills account-number="${ACCOUNT}"></ic-bills>
    <ic-paperless-toggle account-number="${ACCOUNT}"></ic-paperless-toggle>
    <ic-autopay-toggle account-number="${ACCOUNT}"></ic-autopay-toggle>
    <ic-payment-methods></ic-payment-methods>
    <ic-sso-frame target="dashboard"></ic-sso-frame>
    <ic-sso-frame target="pay-by-text"></ic-sso-frame>
  </ic-provider>`;
  pages.push((await page.evaluate(([m, t]) => window.bench.portal(m, t), [markup, portalTags] as [string, string[]])) / LATENCY_MS);
  calls = ((await (await fetch(`${stack.sandboxUrl}/__sandbox/calls`)).json()) as { operation: string }[]).map((c) => c.operation).sort();
}
say(`### Round trips (every InvoiceCloud operation slowed by ${LATENCY_MS} ms; wall time ÷ ${LATENCY_MS} ms, median of 5)`);
say();
say('| what | InvoiceCloud operations | measured | minimum the data dependencies allow |');
say('|---|---|---|---|');
say(
  `| John signs in (\`POST /sessions\`) | RetrieveUsers ×2, then RemoteAuthentication + RetrieveCustomerGuid + RetrieveUserAccounts | ${median(signIns).toFixed(2)} | 2 |`,
);
say(
  `| his full portal page: five signed-in elements and two SSO frames under one provider, until every one is usable | ${calls.join(', ')} | ${median(pages).toFixed(2)} | 1 |`,
);
say(`| sign-in and page together | | ${(median(signIns) + median(pages)).toFixed(2)} | 3 |`);
say();
say(
  `Machine: ${cpus().length} CPUs, ${Math.round(totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, ${(await browser.version()).replace(/^/, 'Chromium ')}; run on ${new Date().toUTCString()}.`,
);

await browser.close();
server.close();
await stack.close();

const file = 'BENCHMARKS.md';
const doc = readFileSync(file, 'utf8');
const start = '<!-- npm run bench: start -->';
const end = '<!-- npm run bench: end -->';
const [before, rest] = doc.split(start);
const after = rest?.split(end)[1];
if (before === undefined || after === undefined) throw new Error(`${file} lacks the ${start} … ${end} markers`);
writeFileSync(file, `${before}${start}\n${out.join('\n')}\n${end}${after}`);
