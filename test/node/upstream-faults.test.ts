/**
 * Every InvoiceCloud operation the broker calls × every upstream fault the
 * sandbox can inject, reached through the broker route that calls it. The
 * broker must answer a typed error (or "pending" for payments), never leak
 * upstream text, and leave one coherent state.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { until } from '../support/until.ts';
import { StackFixture, type Caller } from './stack-fixture.ts';
import { type Reply } from './http.ts';
import { bank, visa } from '../support/cards.ts';

const JOHN = { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] };
const MARIA = { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] };
const ALEX = { userId: 'mymeter-alex', email: 'alex.lee@example.com', name: 'Alex Lee', accountNumbers: ['100200304'] };
const ORIGIN = 'http://portal.example';
// The deadline must hold every call that is not slowed on purpose, on a machine busy with other
// work (at 300 ms a loaded run once timed out a call its fault did not touch); the fault's latency
// passes it by far.
const TIMEOUT_MS = 1_000;
const LATENCY_MS = 1_600;

const stack = new StackFixture();

const openSession = (user: typeof JOHN) => stack.session(user);
const signIn = async (user: typeof JOHN): Promise<Caller> => stack.as(await stack.signIn(user));
const lookup = () => stack.broker('/guest/lookup', { method: 'POST', json: { accountNumber: '100200300', lastName: 'Doe' } });
const lookupToken = () => stack.lookUp();
const guestPay = (token: string, key: string) =>
  stack.broker('/guest/payments', {
    method: 'POST',
    json: { invoiceNumber: 'INV-1001', amountCents: 8420, method: visa() },
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
  });
const guestStatus = (token: string, key: string) => stack.as(token)(`/guest/payments/${key}`);
const inject = (spec: Record<string, unknown>) => stack.fault({ times: 1, ...spec });

/** The InvoiceCloud calls the broker made that have no answer yet (see `patientFetch`). */
const unanswered = new Set<Promise<unknown>>();
/** Statuses whose response has no body (a Response made with one throws). */
const NO_BODY = new Set([101, 204, 205, 304]);
/**
 * The broker's fetch to InvoiceCloud, as the broker sees it (its deadline
 * aborts the call for it), but each request runs on to InvoiceCloud's answer,
 * noted in `unanswered` until then: once that is empty, whatever a slowed
 * operation does inside InvoiceCloud has happened.
 */
const patientFetch: typeof fetch = (input, init = {}) => {
  const { signal, ...rest } = init;
  const answer = fetch(input, rest).then(async (res) => ({ res, body: NO_BODY.has(res.status) ? null : await res.arrayBuffer() }));
  unanswered.add(answer);
  answer.then(
    () => unanswered.delete(answer),
    () => unanswered.delete(answer),
  );
  return new Promise<Response>((resolve, reject) => {
    const gaveUp = () => reject(signal!.reason);
    if (signal?.aborted) return gaveUp();
    signal?.addEventListener('abort', gaveUp, { once: true });
    answer.then(
      ({ res, body }) => resolve(new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers })),
      reject,
    );
  });
};

interface SandboxAccount {
  accountNumber: string;
  registered: boolean;
  loginId: string | null;
  linkedAccounts: string[];
  paperless: boolean;
  autopay: { enabled: boolean; paymentMethodId: string | null };
  paymentMethods: { id: string; kind: string; last4: string; expMonth: number; expYear: number }[];
}
/** What the sandbox holds for some accounts: the account record (or its absence) and its payments. */
async function snapshot(accounts: string[]) {
  const out: Record<string, unknown> = {};
  for (const n of accounts) {
    const a = await stack.sandbox(`/__sandbox/accounts/${n}`);
    out[n] = { status: a.status, account: a.body, payments: await stack.payments(n) };
  }
  return out;
}
const sandboxAccount = async (n: string) => (await stack.account(n)) as SandboxAccount;
const paymentsOf = async (n: string) => (await stack.payments(n)) as unknown[];

/**
 * After a fault that InvoiceCloud applied: one new successful call (an
 * idempotent paperless PUT that makes the broker sync again), then the broker's
 * view of John's accounts and saved methods must be the sandbox's.
 */
async function assertJohnCoherent(john: Caller) {
  const main = await sandboxAccount('100200301');
  const again = await john('/accounts/100200301/paperless', { method: 'PUT', json: { enabled: main.paperless } });
  assert.equal(again.status, 200, again.text);
  const accounts = (await john('/accounts')).body.accounts as { accountNumber: string; paperless: boolean; autopay: boolean }[];
  const mine: SandboxAccount[] = [];
  for (const n of ['100200301', '100200302', '100200305']) {
    const a = await sandboxAccount(n);
    if (a.registered && a.loginId === main.loginId) mine.push(a);
  }
  assert.deepEqual(accounts.map((a) => a.accountNumber).sort(), mine.map((a) => a.accountNumber).sort(), 'same accounts');
  for (const a of mine) {
    const b = accounts.find((x) => x.accountNumber === a.accountNumber)!;
    assert.equal(b.paperless, a.paperless, `paperless of ${a.accountNumber}`);
    assert.equal(b.autopay, a.autopay.enabled, `autopay of ${a.accountNumber}`);
  }
  const methods = (await john('/payment-methods')).body.methods as { last4: string; expMonth: number; expYear: number }[];
  const key = (m: { last4: string; expMonth: number; expYear: number }) => `${m.last4}`;
  assert.deepEqual(methods.map(key).sort(), main.paymentMethods.map(key).sort(), 'same saved methods');
}

interface Fault {
  name: string;
  spec: Record<string, unknown>;
  /** Whether InvoiceCloud runs the operation (and only the answer is lost). */
  applied: boolean;
  code: string;
}
const FAULTS: Fault[] = [
  {
    name: `latency ${LATENCY_MS} ms past the ${TIMEOUT_MS} ms deadline`,
    spec: { latencyMs: LATENCY_MS },
    applied: true,
    code: 'upstream_timeout',
  },
  { name: 'connection reset', spec: { resetConnection: true }, applied: false, code: 'upstream_unavailable' },
  { name: 'status 500', spec: { status: 500 }, applied: false, code: 'upstream_unavailable' },
  { name: 'status 503', spec: { status: 503 }, applied: false, code: 'upstream_unavailable' },
  { name: 'HTML body', spec: { body: 'html' }, applied: true, code: 'upstream_invalid' },
  { name: 'truncated body', spec: { body: 'truncated' }, applied: true, code: 'upstream_invalid' },
  { name: 'malformed (schema-wrong) body', spec: { body: 'malformed' }, applied: true, code: 'upstream_invalid' },
];

interface Ctx {
  john?: Caller;
  token?: string;
  key?: string;
  methodId?: string;
}
interface Scenario {
  op: string;
  route: string;
  /** Reads change nothing whatever the fault. */
  write: boolean;
  /** Accounts whose sandbox state the case watches. */
  accounts: string[];
  /** A payment may answer 202 pending instead of an error. */
  pendingOk?: boolean;
  prepare?: () => Promise<Ctx>;
  act: (ctx: Ctx) => Promise<Reply>;
  /** After a fault InvoiceCloud applied: one coherent state. */
  applied?: (ctx: Ctx) => Promise<void>;
  /** After a fault InvoiceCloud did not apply: anything beyond "sandbox unchanged". */
  notApplied?: (ctx: Ctx) => Promise<void>;
}

const withJohn = async (): Promise<Ctx> => ({ john: await signIn(JOHN) });
const johnAccounts = ['100200301', '100200302', '100200305'];

const SCENARIOS: Scenario[] = [
  { op: 'LookupAccount', route: 'POST /guest/lookup', write: false, accounts: ['100200300'], act: () => lookup() },
  {
    op: 'InvoicePayWithoutSavedMethod',
    route: 'POST /guest/payments',
    write: true,
    pendingOk: true,
    accounts: ['100200300'],
    prepare: async () => ({ token: await lookupToken(), key: randomUUID() }),
    act: (c) => guestPay(c.token!, c.key!),
    applied: async (c) => {
      const status = await guestStatus(c.token!, c.key!);
      assert.equal(status.status, 200, status.text);
      const retry = await guestPay(c.token!, c.key!);
      assert.equal(retry.status, 200, retry.text);
      assert.equal(retry.body.receipt.paymentId, status.body.receipt.paymentId);
      assert.equal((await paymentsOf('100200300')).length, 1, 'exactly one payment');
    },
    notApplied: async (c) => {
      const status = await guestStatus(c.token!, c.key!);
      assert.ok([202, 502].includes(status.status), status.text);
    },
  },
  {
    op: 'RetrievePayments',
    route: 'GET /guest/payments/{key}',
    write: false,
    pendingOk: true,
    accounts: ['100200300'],
    prepare: async () => {
      const token = await lookupToken();
      const key = randomUUID();
      await inject({ operation: 'InvoicePayWithoutSavedMethod', status: 503 });
      const r = await guestPay(token, key);
      assert.equal(r.status, 202, r.text);
      return { token, key };
    },
    act: (c) => guestStatus(c.token!, c.key!),
  },
  ...(['RetrieveUsers', 'RemoteAuthentication', 'RetrieveCustomerGuid', 'RetrieveUserAccounts'] as const).map((op): Scenario => ({
    op,
    route: 'POST /sessions (John)',
    write: false,
    accounts: johnAccounts,
    act: () => openSession(JOHN),
  })),
  {
    op: 'RegisterAccounts',
    route: 'POST /sessions (Maria)',
    write: true,
    accounts: ['100200303'],
    act: () => openSession(MARIA),
    applied: async () => {
      assert.equal((await sandboxAccount('100200303')).registered, true);
      const maria = await signIn(MARIA);
      const accounts = (await maria('/accounts')).body.accounts as { accountNumber: string }[];
      assert.deepEqual(
        accounts.map((a) => a.accountNumber),
        ['100200303'],
      );
    },
    notApplied: async () => {
      const maria = await signIn(MARIA);
      assert.equal((await maria('/accounts')).status, 200);
    },
  },
  {
    op: 'CreateCustomerRecord',
    route: 'POST /sessions (Alex)',
    write: true,
    accounts: ['100200304'],
    act: () => openSession(ALEX),
    applied: async () => {
      const alex = await signIn(ALEX);
      const accounts = (await alex('/accounts')).body.accounts as { accountNumber: string }[];
      assert.deepEqual(
        accounts.map((a) => a.accountNumber),
        ['100200304'],
      );
    },
    notApplied: async () => {
      await signIn(ALEX);
    },
  },
  {
    op: 'CloudSsoConnect',
    route: 'POST /sso',
    write: false,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/sso', { method: 'POST', json: { target: 'dashboard' }, headers: { origin: ORIGIN } }),
  },
  ...(['RetrieveCustomerDetails', 'RetrieveLoginGuid'] as const).map((op): Scenario => ({
    op,
    route: 'PUT /me/credentials (the check before a change)',
    write: false,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/me/credentials', { method: 'PUT', json: { currentPassword: 'meter-demo-1', newPassword: 'a-new-secret-42' } }),
  })),
  {
    op: 'UpdatePassword',
    route: 'PUT /me/credentials (password)',
    write: true,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/me/credentials', { method: 'PUT', json: { currentPassword: 'meter-demo-1', newPassword: 'a-new-secret-42' } }),
    applied: async (c) => {
      // InvoiceCloud now has the new password: it accepts it as the current one.
      const r = await c.john!('/me/credentials', {
        method: 'PUT',
        json: { currentPassword: 'a-new-secret-42', newPassword: 'a-new-secret-42' },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, { status: 'updated' });
    },
    notApplied: async (c) => {
      const r = await c.john!('/me/credentials', {
        method: 'PUT',
        json: { currentPassword: 'meter-demo-1', newPassword: 'a-new-secret-42' },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.body, { status: 'updated' });
    },
  },
  {
    op: 'UpdateEmail',
    route: 'PUT /me/credentials (email)',
    write: true,
    accounts: [],
    prepare: withJohn,
    act: (c) => c.john!('/me/credentials', { method: 'PUT', json: { currentPassword: 'meter-demo-1', newEmail: 'john@example.net' } }),
    applied: async () => {
      assert.equal((await stack.sandbox('/__sandbox/logins/john%40example.net')).body.email, 'john@example.net');
    },
    notApplied: async () => {
      assert.equal((await stack.sandbox('/__sandbox/logins/john%40example.net')).status, 404);
      assert.equal((await stack.sandbox('/__sandbox/logins/john.smith%40example.com')).status, 200);
    },
  },
  {
    op: 'RetrieveInvoices',
    route: 'GET /accounts/100200301/bills',
    write: false,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/accounts/100200301/bills'),
  },
  {
    op: 'InvoicePayWithSavedMethod',
    route: 'POST /accounts/100200301/payments',
    write: true,
    pendingOk: true,
    accounts: ['100200301'],
    prepare: async () => {
      const john = await signIn(JOHN);
      return { john, key: randomUUID(), methodId: (await john('/payment-methods')).body.methods[0].id };
    },
    act: (c) =>
      c.john!('/accounts/100200301/payments', {
        method: 'POST',
        json: { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: c.methodId } },
        headers: { 'idempotency-key': c.key! },
      }),
    applied: async (c) => {
      const before = (await paymentsOf('100200301')).length;
      const status = await c.john!(`/accounts/100200301/payments/${c.key}`);
      assert.equal(status.status, 200, status.text);
      assert.equal(status.body.receipt.amountCents, 14275);
      assert.equal((await paymentsOf('100200301')).length, before, 'reconciling charges nothing more');
      assert.equal((await sandboxAccount('100200301')).paymentMethods.length, 1);
    },
  },
  {
    op: 'StorePaymentMethod',
    route: 'POST /payment-methods',
    write: true,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/payment-methods', { method: 'POST', json: { method: bank({ name: 'John Smith' }) } }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200301')).paymentMethods.length, 2);
      await assertJohnCoherent(c.john!);
    },
  },
  {
    op: 'UpdatePaymentMethod',
    route: 'PATCH /payment-methods/{id}',
    write: true,
    accounts: johnAccounts,
    prepare: async () => {
      const john = await signIn(JOHN);
      return { john, methodId: (await john('/payment-methods')).body.methods[0].id };
    },
    act: (c) => c.john!(`/payment-methods/${c.methodId}`, { method: 'PATCH', json: { expMonth: 6, expYear: 2031 } }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200301')).paymentMethods[0]!.expYear, 2031);
      await assertJohnCoherent(c.john!);
      const m = (await c.john!('/payment-methods')).body.methods[0];
      assert.deepEqual([m.expMonth, m.expYear], [6, 2031]);
    },
  },
  {
    op: 'RemovePaymentMethod',
    route: 'DELETE /payment-methods/{id}',
    write: true,
    accounts: johnAccounts,
    prepare: async () => {
      const john = await signIn(JOHN);
      const added = await john('/payment-methods', { method: 'POST', json: { method: bank({ name: 'John Smith' }) } });
      assert.equal(added.status, 201, added.text);
      return { john, methodId: added.body.id };
    },
    act: (c) => c.john!(`/payment-methods/${c.methodId}`, { method: 'DELETE' }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200301')).paymentMethods.length, 1);
      await assertJohnCoherent(c.john!);
    },
  },
  {
    op: 'UpdateAutoPay',
    route: 'PUT /accounts/100200301/autopay',
    write: true,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/accounts/100200301/autopay', { method: 'PUT', json: { enabled: true } }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200301')).autopay.enabled, true);
      await assertJohnCoherent(c.john!);
    },
  },
  {
    op: 'UpdatePaperless',
    route: 'PUT /accounts/100200301/paperless',
    write: true,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/accounts/100200301/paperless', { method: 'PUT', json: { enabled: false } }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200301')).paperless, false);
      await assertJohnCoherent(c.john!);
    },
  },
  {
    op: 'LinkAccounts',
    route: 'POST /accounts/links',
    write: true,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/accounts/links', { method: 'POST', json: { accountNumber: '100200305', lastName: 'Smith' } }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200305')).registered, true);
      await assertJohnCoherent(c.john!);
    },
  },
  {
    op: 'UnregisterAccounts',
    route: 'DELETE /accounts/100200302',
    write: true,
    accounts: johnAccounts,
    prepare: withJohn,
    act: (c) => c.john!('/accounts/100200302', { method: 'DELETE' }),
    applied: async (c) => {
      assert.equal((await sandboxAccount('100200302')).registered, false);
      await assertJohnCoherent(c.john!);
    },
  },
];

const LEAKS = ['<html', 'Unexpected', 'ErrorCode'];

function assertTyped(r: Reply, fault: Fault, pendingOk: boolean) {
  assert.notEqual(r.status, 500, r.text);
  for (const leak of LEAKS) assert.ok(!r.text.includes(leak), `leaks ${leak}: ${r.text}`);
  if (pendingOk && r.status === 202) {
    assert.equal(r.body.status, 'pending', r.text);
    return;
  }
  assert.ok([502, 503, 504].includes(r.status), `status ${r.status}: ${r.text}`);
  assert.deepEqual(Object.keys(r.body), ['error'], r.text);
  const { code, message, requestId } = r.body.error;
  assert.equal(code, fault.code, r.text);
  assert.equal(typeof message, 'string');
  assert.equal(typeof requestId, 'string');
  assert.equal(requestId, r.headers.get('x-request-id'));
}

describe('broker: every InvoiceCloud operation under every upstream fault', () => {
  stack.use({ broker: { invoiceCloud: { timeoutMs: TIMEOUT_MS, fetch: patientFetch } } }, { reset: 'never' });
  beforeEach(async () => {
    await stack.sandbox('/__sandbox/faults', { method: 'DELETE' });
    await stack.reset();
  });

  for (const s of SCENARIOS) {
    describe(`${s.op} via ${s.route}`, () => {
      for (const fault of FAULTS) {
        it(`answers a typed error for ${fault.name}, state coherent`, async () => {
          const ctx = (await s.prepare?.()) ?? {};
          const before = await snapshot(s.accounts);
          await inject({ operation: s.op, ...fault.spec });
          const r = await s.act(ctx);
          assertTyped(r, fault, s.pendingOk ?? false);
          // A slowed operation finishes inside the sandbox after the broker gave up on it: look once it has answered.
          await until('InvoiceCloud to answer every call', () => (unanswered.size === 0 ? true : undefined));
          const calls = await stack.calls();
          assert.ok(
            calls.some((c) => c.operation === s.op),
            `${s.op} was called`,
          );
          if (!s.write || !fault.applied) {
            assert.deepEqual(await snapshot(s.accounts), before, 'sandbox state unchanged');
            if (s.write) await s.notApplied?.(ctx);
          } else {
            await s.applied?.(ctx);
          }
        });
      }
    });
  }
});
