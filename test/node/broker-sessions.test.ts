import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startStack, TEST_HOST_KEY, type StartedStack } from '../support/stack.ts';
import { request } from './http.ts';

const USERS = {
  john: { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] },
  maria: { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] },
  alex: { userId: 'mymeter-alex', email: 'alex.lee@example.com', name: 'Alex Lee', accountNumbers: ['100200304'] },
};
type User = (typeof USERS)[keyof typeof USERS];

let stack: StartedStack;
let clock = Date.now();
const sandbox = (path: string, init: RequestInit & { json?: unknown } = {}) => request(`${stack.sandboxUrl}${path}`, init);
const operations = async () => ((await sandbox('/__sandbox/calls')).body as { operation: string; accountNumber?: string }[]).map((c) => c.operation);

async function open(user: User, route = 'sessions') {
  const r = await request(`${stack.brokerUrl}/${route}`, { method: 'POST', json: user, headers: { 'x-ic-host-key': TEST_HOST_KEY } });
  assert.equal(r.status, 200, r.text);
  return r.body.token as string;
}
const me = (token: string) => request(`${stack.brokerUrl}/me`, { headers: { authorization: `Bearer ${token}` } });

describe('broker: sessions (seed User Access and User Registration)', () => {
  before(async () => {
    stack = await startStack({ broker: { now: () => clock, sessionIdleSeconds: 60, sessionMaxSeconds: 600 } });
  });
  after(() => stack.close());
  beforeEach(async () => {
    clock = Date.now();
    await stack.reset();
  });

  it('signs in a registered user: Retrieve Users, then authentication, CustomerGUID and accounts together', async () => {
    const token = await open(USERS.john);
    const ops = await operations();
    assert.deepEqual(ops.slice(0, 2), ['RetrieveUsers', 'RetrieveUsers']);
    assert.deepEqual(ops.slice(2).sort(), ['RemoteAuthentication', 'RetrieveCustomerGuid', 'RetrieveUserAccounts']);
    const r = await me(token);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.user, { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith' });
    assert.deepEqual(
      r.body.accounts.map((a: { accountNumber: string; balanceCents: number; paperless: boolean; autopay: boolean }) => [a.accountNumber, a.balanceCents, a.paperless, a.autopay]),
      [['100200301', 14275, true, false], ['100200302', 0, false, true]],
    );
    assert.equal((await operations()).length, 5, '/me is served from the synced copy');
  });

  it('registers a customer who has no login: Retrieve Users, Register Accounts, Remote Authentication', async () => {
    const token = await open(USERS.maria);
    assert.deepEqual(await operations(), ['RetrieveUsers', 'RegisterAccounts', 'RemoteAuthentication']);
    const acct = (await sandbox('/__sandbox/accounts/100200303')).body;
    assert.equal(acct.registered, true);
    assert.deepEqual((await me(token)).body.accounts.map((a: { accountNumber: string }) => a.accountNumber), ['100200303']);

    await sandbox('/__sandbox/calls', { method: 'DELETE' });
    await open(USERS.maria);
    const again = await operations();
    assert.equal(again[0], 'RetrieveUsers');
    assert.deepEqual(again.slice(1).sort(), ['RemoteAuthentication', 'RetrieveCustomerGuid', 'RetrieveUserAccounts'], 'a re-sign-in takes the registered branch');
  });

  it('creates the customer record InvoiceCloud lacks, then registers and authenticates', async () => {
    const token = await open(USERS.alex);
    assert.deepEqual(await operations(), ['RetrieveUsers', 'CreateCustomerRecord', 'RegisterAccounts', 'RemoteAuthentication']);
    const acct = (await sandbox('/__sandbox/accounts/100200304')).body;
    assert.equal(acct.customerName, 'Alex Lee');
    assert.equal(acct.email, 'alex.lee@example.com');
    assert.equal(acct.registered, true);
    assert.equal((await me(token)).status, 200);
  });

  it('runs User Registration for a registered user as Remote Authentication only, syncing accounts when first asked', async () => {
    const token = await open(USERS.john, 'registrations');
    assert.deepEqual(await operations(), ['RetrieveUsers', 'RetrieveUsers', 'RemoteAuthentication']);
    assert.equal((await me(token)).body.accounts.length, 2);
    assert.equal((await operations()).at(-1), 'RetrieveUserAccounts');
    await me(token);
    assert.equal((await operations()).length, 4, 'synced once');
  });

  it('opens sessions only for the host backend', async () => {
    const none = await request(`${stack.brokerUrl}/sessions`, { method: 'POST', json: USERS.john });
    assert.equal(none.status, 401);
    const wrong = await request(`${stack.brokerUrl}/sessions`, { method: 'POST', json: USERS.john, headers: { 'x-ic-host-key': `${TEST_HOST_KEY}x` } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'unauthorized');
    assert.deepEqual(await operations(), []);
  });

  it('rejects a malformed user with the fields named', async () => {
    const r = await request(`${stack.brokerUrl}/sessions`, { method: 'POST', json: { ...USERS.john, email: 'nope', accountNumbers: [] }, headers: { 'x-ic-host-key': TEST_HOST_KEY } });
    assert.equal(r.status, 400);
    assert.deepEqual(Object.keys(r.body.error.fields).sort(), ['accountNumbers', 'email']);
  });

  it('ends a session after it sits unused, and slides while used', async () => {
    const token = await open(USERS.john);
    clock += 50_000;
    assert.equal((await me(token)).status, 200);
    clock += 50_000;
    assert.equal((await me(token)).status, 200, 'each use pushes the idle expiry out');
    clock += 61_000;
    const r = await me(token);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'session_expired');
  });

  it('ends a session at its absolute limit however much it is used', async () => {
    const token = await open(USERS.john);
    for (let i = 0; i < 12; i++) {
      clock += 50_000;
      await me(token);
    }
    assert.equal((await me(token)).status, 401);
  });

  it('signs out', async () => {
    const token = await open(USERS.john);
    const r = await request(`${stack.brokerUrl}/sessions/current`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 204);
    assert.equal((await me(token)).status, 401);
  });

  it('keeps each user to their own accounts', async () => {
    const john = await open(USERS.john);
    const maria = await open(USERS.maria);
    const mine = (await me(maria)).body.accounts.map((a: { accountNumber: string }) => a.accountNumber);
    assert.deepEqual(mine, ['100200303']);
    assert.ok(!(await me(maria)).text.includes('100200301'));
    assert.ok(!(await me(john)).text.includes('100200303'));
    assert.equal((await me('not-a-token')).status, 401);
  });
});
