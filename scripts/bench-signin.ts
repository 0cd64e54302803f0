// Sequential InvoiceCloud round trips per sign-in: every sandbox operation is
// slowed by the same latency, so wall time ÷ latency counts the calls that had
// to wait for one another. `npm run bench:signin` (not part of npm test).
import { startStack } from '../test/support/stack.ts';
import { USERS } from '../test/support/users.ts';

const LATENCY_MS = 100;
const OPERATIONS = [
  'RetrieveUsers',
  'RemoteAuthentication',
  'RetrieveCustomerGuid',
  'RetrieveUserAccounts',
  'CreateCustomerRecord',
  'RegisterAccounts',
];
const SIGN_INS = [
  { label: 'john (registered)', user: USERS.john, minimum: 2 },
  { label: 'maria (customer, not registered)', user: USERS.maria, minimum: 3 },
  { label: 'alex (no customer)', user: USERS.alex, minimum: 4 },
  { label: 'maria again (now registered)', user: USERS.maria, minimum: 2 },
];

const stack = await startStack();
const sandbox = (path: string, body?: unknown) =>
  fetch(`${stack.sandboxUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
await sandbox('/__sandbox/reset');
for (const operation of OPERATIONS) await sandbox('/__sandbox/faults', { operation, latencyMs: LATENCY_MS });

console.log(`| sign-in | InvoiceCloud operations | wall time / ${LATENCY_MS} ms | minimum the data dependencies allow |`);
console.log('|---|---|---|---|');
for (const { label, minimum, user } of SIGN_INS) {
  await fetch(`${stack.sandboxUrl}/__sandbox/calls`, { method: 'DELETE' });
  const started = performance.now();
  const res = await stack.openSession(user);
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${label}: ${res.status} ${await res.text()}`);
  const calls = (await (await fetch(`${stack.sandboxUrl}/__sandbox/calls`)).json()) as { operation: string }[];
  console.log(`| ${label} | ${calls.map((c) => c.operation).join(', ')} | ${(ms / LATENCY_MS).toFixed(2)} | ${minimum} |`);
}
await stack.close();
