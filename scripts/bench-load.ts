// Throughput and latency under load: the broker against the sandbox it fronts,
// sign-in, guest payments (the SQLite payment ledger on a file) and the
// moment the look-up rate limit engages. `npm run bench:load` (not part of
// npm test); about half a minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { startStack, TEST_HOST_KEY } from '../test/support/stack.ts';
import { USERS } from '../test/support/users.ts';
import { createLogger } from '../src/broker/logger.ts';
import { visa } from '../test/support/cards.ts';

const CONNECTIONS = 50;
const DURATION_S = 5;
const HIGH = 1_000_000;

const dir = mkdtempSync(join(tmpdir(), 'ic-bench-load-'));
const logs: string[] = [];
const logger = createLogger({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
const stack = await startStack({
  broker: {
    dbPath: join(dir, 'broker.db'),
    rateLimits: {
      lookupPerIp: HIGH,
      lookupPerAccount: HIGH,
      paymentPerIp: HIGH,
      paymentPerToken: HIGH,
      statusPerIp: HIGH,
      statusPerToken: HIGH,
    },
    // One cent a payment, so the bill outlasts the run; no card-testing limit on one token's many attempts.
    guestLimits: { minimumPaymentCents: 1, attemptsPerLookup: HIGH, declinesPerAccountPerHour: HIGH },
    logger,
  },
});

const json = { 'content-type': 'application/json' };
const lookupBody = JSON.stringify({ accountNumber: '100200300', lastName: 'Doe' });

let warmUp5xx = 0;
async function run(title: string, opts: autocannon.Options): Promise<autocannon.Result> {
  // A one-second warm-up at the same concurrency, then the measured run.
  const warm = await autocannon({ ...opts, connections: CONNECTIONS, duration: 1 });
  if (warm['5xx'] > 0 || warm.errors > 0) console.error(`${title} warm-up: ${warm['5xx']} 5xx, ${warm.errors} errors`);
  warmUp5xx += warm['5xx'];
  const result = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION_S });
  if (result.errors > 0 || result.timeouts > 0) console.error(`${title}: ${result.errors} errors, ${result.timeouts} timeouts`);
  return result;
}

const sandboxLookup = await run('sandbox LookupAccount', {
  url: `${stack.sandboxUrl}/api/v1/customer/LookupAccount`,
  method: 'POST',
  headers: { ...json, authorization: `Basic ${Buffer.from('sandbox-api-key:').toString('base64')}` },
  body: JSON.stringify({ AccountNumber: '100200300', CustomerName: 'Doe' }),
});
const brokerLookup = await run('broker guest look-up', {
  url: `${stack.brokerUrl}/guest/lookup`,
  method: 'POST',
  headers: json,
  body: lookupBody,
});
const signIn = await run('broker sign-in', {
  url: `${stack.brokerUrl}/sessions`,
  method: 'POST',
  headers: { ...json, 'x-ic-host-key': TEST_HOST_KEY },
  body: JSON.stringify(USERS.john),
});

// Guest payments: one look-up token, a new Idempotency-Key per request. One bill takes one
// attempt at a time, so requests that overlap one still unresolved answer 409 (non-2xx below).
await fetch(`${stack.sandboxUrl}/__sandbox/reset`, { method: 'POST' });
const lookup = await fetch(`${stack.brokerUrl}/guest/lookup`, { method: 'POST', headers: json, body: lookupBody });
if (!lookup.ok) throw new Error(`look-up for payments: ${lookup.status} ${await lookup.text()}`);
const { lookupToken } = (await lookup.json()) as { lookupToken: string };
const paymentBody = JSON.stringify({
  invoiceNumber: 'INV-1001',
  amountCents: 1,
  method: visa(),
});
const payments = await run('broker guest payment', {
  url: `${stack.brokerUrl}/guest/payments`,
  method: 'POST',
  requests: [
    {
      method: 'POST',
      body: paymentBody,
      setupRequest: (req) => ({ ...req, headers: { ...json, authorization: `Bearer ${lookupToken}`, 'idempotency-key': randomUUID() } }),
    },
  ],
});
// autocannon stops at the deadline with requests still in flight: close()
// lets them finish before the database closes (any 500 would show in the logs).
const logsBeforeClose = logs.length;
await stack.close();
rmSync(dir, { recursive: true, force: true });

const sqliteBusy = logs.filter((l) => l.includes('SQLITE_BUSY')).length;

// Rate limit engagement: a broker with the look-up limit at 20 per IP.
const limited = await startStack({ broker: { rateLimits: { lookupPerIp: 20, lookupPerAccount: HIGH } } });
const statuses: number[] = [];
for (let i = 0; i < 25; i++) {
  const res = await fetch(`${limited.brokerUrl}/guest/lookup`, { method: 'POST', headers: json, body: lookupBody });
  await res.arrayBuffer();
  statuses.push(res.status);
}
await limited.close();
const first429 = statuses.indexOf(429) + 1;

const fiveXx = (r: autocannon.Result) => r['5xx'];
const row = (label: string, r: autocannon.Result) =>
  `| ${label} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${r.requests.total} | ${r.non2xx} | ${fiveXx(r)} | ${r.errors + r.timeouts} |`;
console.log(`${CONNECTIONS} connections, ${DURATION_S} s per row (after a 1 s warm-up)\n`);
console.log('| target | req/s | p50 ms | p99 ms | requests | non-2xx | 5xx | errors |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(row('sandbox LookupAccount (direct)', sandboxLookup));
console.log(row('broker POST /guest/lookup', brokerLookup));
console.log(row('broker POST /sessions (John)', signIn));
console.log(row('broker POST /guest/payments (1 cent)', payments));
console.log('');
console.log('| broker overhead on look-up | ratio |');
console.log('|---|---|');
console.log(`| p50 broker / p50 sandbox | ${(brokerLookup.latency.p50 / sandboxLookup.latency.p50).toFixed(2)} |`);
console.log(`| req/s broker / req/s sandbox | ${(brokerLookup.requests.average / sandboxLookup.requests.average).toFixed(2)} |`);
console.log('');
const messages = new Map<string, number>();
for (const line of logs) {
  const entry = JSON.parse(line) as { msg?: unknown; err?: { message?: unknown } };
  const msg = [entry.msg, entry.err?.message].filter((v) => v !== undefined).join(': ');
  messages.set(msg, (messages.get(msg) ?? 0) + 1);
}
console.log(
  `SQLITE_BUSY in broker logs: ${sqliteBusy}; warn+ lines: ${logs.length}, ${logs.length - logsBeforeClose} of them during shutdown (${[...messages].map(([m, n]) => `${n} × "${m}"`).join(', ') || 'none'})`,
);
console.log(`Rate limit (lookupPerIp 20): statuses ${statuses.join(' ')}; first 429 at request ${first429}`);

const failures: string[] = [];
if (warmUp5xx > 0) failures.push(`${warmUp5xx} 5xx during warm-ups`);
if (sqliteBusy > 0) failures.push(`${sqliteBusy} SQLITE_BUSY log lines`);
for (const [label, r] of [
  ['sandbox look-up', sandboxLookup],
  ['look-up', brokerLookup],
  ['sign-in', signIn],
  ['payments', payments],
] as const) {
  if (fiveXx(r) > 0) failures.push(`${label}: ${fiveXx(r)} 5xx`);
  if (r.errors + r.timeouts > 0) failures.push(`${label}: ${r.errors} errors, ${r.timeouts} timeouts`);
}
if (first429 !== 21 || statuses.slice(0, 20).some((s) => s !== 200))
  failures.push(`rate limit: expected 20 × 200 then 429 at 21, got ${statuses.join(' ')}`);
if (failures.length > 0) {
  console.error(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
