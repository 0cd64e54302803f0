/**
 * Payments happen exactly once, against the failures that would break it — each
 * made real by the sandbox: a payment that posts after the broker gave up on its
 * call (late posting), one that posts at once but shows in Retrieve Payments only
 * later (replication lag), one that never shows, dates in InvoiceCloud's older
 * format, a broker restart, a second broker on the same store (an SQLite file, a
 * PostgreSQL database), two requests at two instances at once, a payer who left.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createBroker } from '../../src/broker/app.ts';
import { createLogger } from '../../src/broker/logger.ts';
import { startBroker } from '../../src/broker/server.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { capturedLogger } from '../support/logs.ts';
import { until } from '../support/until.ts';
import { USERS } from '../support/users.ts';
import { request, type Reply } from './http.ts';
import { visa } from '../support/cards.ts';
import { freshDatabase } from '../support/postgres.ts';
import { StackFixture } from './stack-fixture.ts';

const TIMEOUT_MS = 400;
const JANE = 'jane.doe@example.com';
const inv1001 = (over: Record<string, unknown> = {}) => ({
  invoiceNumber: 'INV-1001',
  amountCents: 8420,
  method: visa(),
  email: JANE,
  ...over,
});

/** A guest of one broker: looks up Jane's bill, pays it under a key, asks about a key. */
function guest(brokerUrl: string) {
  let token = '';
  return {
    async lookUp(): Promise<Reply> {
      const r = await request(`${brokerUrl}/guest/lookup`, { method: 'POST', json: { accountNumber: '100200300', lastName: 'Doe' } });
      assert.equal(r.status, 200, r.text);
      token = r.body.lookupToken;
      return r;
    },
    pay: (key: string, body: unknown = inv1001()) =>
      request(`${brokerUrl}/guest/payments`, {
        method: 'POST',
        json: body,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
      }),
    status: (key: string) => request(`${brokerUrl}/guest/payments/${key}`, { headers: { authorization: `Bearer ${token}` } }),
  };
}

const sandboxOf = (url: string) => ({
  fault: async (spec: Record<string, unknown>) =>
    assert.equal((await request(`${url}/__sandbox/faults`, { method: 'POST', json: spec })).status, 201, JSON.stringify(spec)),
  payments: async (account = '100200300') =>
    (await request(`${url}/__sandbox/payments?account=${account}`)).body as { id: string; status: string; invoiceNumber: string }[],
  calls: async (operation: string) =>
    ((await request(`${url}/__sandbox/calls`)).body as { operation: string }[]).filter((c) => c.operation === operation).length,
});

describe("exactly once, against the real world's failures", () => {
  const stack = new StackFixture();
  let sb: ReturnType<typeof sandboxOf>;
  const { logger, lines } = capturedLogger('info');
  stack.use({ broker: { invoiceCloud: { timeoutMs: TIMEOUT_MS }, reviewAfterMs: 1_500, reconcileIntervalMs: 0, logger } });
  before(() => {
    sb = sandboxOf(stack.sandboxUrl);
  });

  it('late posting: the payer tries again with a new key and is told the bill is being confirmed; one charge, then the receipt', async () => {
    const payer = guest(stack.brokerUrl);
    await payer.lookUp();
    await sb.fault({ operation: 'InvoicePayWithoutSavedMethod', postAfterMs: 1_200, times: 1 });
    const key = randomUUID();
    const first = await payer.pay(key);
    assert.equal(first.status, 202, first.text);
    assert.deepEqual(first.body, { status: 'pending', retryAfterSeconds: 2, reviewing: false, confirmationEmail: true });

    // Nothing in Retrieve Payments yet: that is not proof of anything.
    assert.equal((await payer.status(key)).status, 202);
    const again = await payer.pay(randomUUID());
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.error.code, 'payment_being_confirmed');
    assert.ok(Math.abs(Date.parse(again.body.error.attemptedAt) - Date.now()) < 5_000, "names the earlier attempt's time");
    const relook = await payer.lookUp();
    assert.ok(relook.body.account.invoices[0].paymentPendingSince, 'the look-up marks the bill');

    await until('the late payment to post', async () => ((await sb.payments()).length ? true : undefined));
    const receipt = await payer.status(key);
    assert.equal(receipt.status, 200, receipt.text);
    assert.equal(receipt.body.receipt.amountCents, 8420);
    assert.deepEqual(
      (await sb.payments()).map((p) => p.status),
      ['approved'],
      'one charge',
    );
    assert.equal((await payer.lookUp()).body.account.invoices.length, 0, 'paid, and no longer marked');
    assert.equal(await sb.calls('InvoicePayWithoutSavedMethod'), 1, 'never sent twice');
  });

  it('a status check that overtakes its payment: "nothing was charged" holds, because the payment arriving after it is refused', async () => {
    // The payer's page sent the payment, then (reloaded, or its request timed out) asked about the key before the
    // payment reached the broker: the broker has never seen the key. It says nothing was charged — and keeps it so.
    const payer = guest(stack.brokerUrl);
    await payer.lookUp();
    const key = randomUUID();
    const asked = await payer.status(key);
    assert.equal(asked.status, 404, asked.text);
    assert.match(asked.body.error.message, /Nothing was charged/);
    const late = await payer.pay(key);
    assert.equal(late.status, 409, late.text);
    assert.equal(late.body.error.code, 'idempotency_key_closed');
    assert.equal(await sb.calls('InvoicePayWithoutSavedMethod'), 0, 'InvoiceCloud was never asked to charge');
    assert.deepEqual(await sb.payments(), []);
    // Asked again, the key still says the same; a new key pays.
    assert.equal((await payer.status(key)).status, 404);
    const fresh = await payer.pay(randomUUID());
    assert.equal(fresh.status, 200, fresh.text);
    assert.equal((await sb.payments()).length, 1);
  });

  it('replication lag: the charge is made, its answer lost and the look-up blind for a while; one charge, then the receipt', async () => {
    const payer = guest(stack.brokerUrl);
    await payer.lookUp();
    await sb.fault({ operation: 'InvoicePayWithoutSavedMethod', visibleAfterMs: 1_000, body: 'truncated', times: 1 });
    const key = randomUUID();
    assert.equal((await payer.pay(key)).status, 202);
    assert.equal((await sb.payments()).length, 1, 'charged at once');
    assert.equal((await payer.status(key)).status, 202, 'not visible yet: still pending');
    const done = await until('the receipt', async () => {
      const r = await payer.status(key);
      return r.status === 202 ? undefined : r;
    });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.receipt.paymentId, (await sb.payments())[0]!.id);
    assert.equal((await sb.payments()).length, 1);
  });

  it('never found: stays pending, then under review, never "not charged"; the reconciler warns operations; no second attempt starts', async () => {
    const payer = guest(stack.brokerUrl);
    await payer.lookUp();
    await sb.fault({ operation: 'InvoicePayWithoutSavedMethod', hang: true, times: 1 });
    const key = randomUUID();
    assert.equal((await payer.pay(key)).status, 202);
    const reviewing = await until('the review time', async () => {
      const r = await payer.status(key);
      assert.equal(r.status, 202, r.text);
      return r.body.reviewing ? r : undefined;
    });
    assert.deepEqual(reviewing.body, { status: 'pending', retryAfterSeconds: 15, reviewing: true, confirmationEmail: true });
    assert.equal(reviewing.headers.get('retry-after'), '15');

    const report = await stack.reconcile();
    assert.deepEqual(report, { checked: 1, resolved: 0, unresolved: 1 });
    const warned = lines.map((l) => JSON.parse(l)).filter((l) => l.event === 'payment_unresolved');
    assert.equal(warned.length, 1);
    assert.equal(warned[0].level, 40, 'warn level');
    assert.equal(warned[0].key, key);
    assert.equal(warned[0].accountNumber, '100200300');
    assert.match(warned[0].reference, /^[0-9a-f-]{36}$/);
    assert.ok(warned[0].ageSeconds >= 1);

    assert.equal((await payer.pay(randomUUID())).body.error.code, 'payment_being_confirmed');
    assert.equal((await payer.pay(key)).status, 202, 'the same key is still only asked about');
    assert.equal((await sb.payments()).length, 0);
    assert.equal(await sb.calls('InvoicePayWithoutSavedMethod'), 1);
  });

  it("one open attempt per bill across callers: a signed-in payment awaiting its answer blocks a guest's", async () => {
    const token = await stack.signIn(USERS.john);
    await sb.fault({ operation: 'InvoicePayWithSavedMethod', hang: true, times: 1 });
    const methods = await request(`${stack.brokerUrl}/payment-methods`, { headers: { authorization: `Bearer ${token}` } });
    const signedIn = await request(`${stack.brokerUrl}/accounts/100200301/payments`, {
      method: 'POST',
      json: { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: methods.body.methods[0].id } },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    });
    assert.equal(signedIn.status, 202, signedIn.text);
    const bills = await request(`${stack.brokerUrl}/accounts/100200301/bills`, { headers: { authorization: `Bearer ${token}` } });
    assert.ok(
      bills.body.bills.find((b: { invoiceNumber: string }) => b.invoiceNumber === 'INV-2001').paymentPendingSince,
      'the bills mark it',
    );

    const look = await request(`${stack.brokerUrl}/guest/lookup`, {
      method: 'POST',
      json: { accountNumber: '100200301', lastName: 'Smith' },
    });
    const asGuest = await request(`${stack.brokerUrl}/guest/payments`, {
      method: 'POST',
      json: { invoiceNumber: 'inv-2001', amountCents: 14275, method: visa() },
      headers: { authorization: `Bearer ${look.body.lookupToken}`, 'idempotency-key': randomUUID() },
    });
    assert.equal(asGuest.status, 409, asGuest.text);
    assert.equal(asGuest.body.error.code, 'payment_being_confirmed');
    assert.equal(await sb.calls('InvoicePayWithoutSavedMethod'), 0, 'nothing sent');
  });

  it("reads InvoiceCloud's older date format: the bill and the reconciled receipt carry ISO dates", async () => {
    const payer = guest(stack.brokerUrl);
    await sb.fault({ operation: 'LookupAccount', dateFormat: 'us', times: 1 });
    assert.equal((await payer.lookUp()).body.account.invoices[0].dueDate, '2026-12-15');
    await sb.fault({ operation: 'InvoicePayWithoutSavedMethod', body: 'malformed', times: 1 });
    const key = randomUUID();
    assert.equal((await payer.pay(key)).status, 202);
    await sb.fault({ operation: 'RetrievePayments', dateFormat: 'us', times: 1 });
    const r = await payer.status(key);
    assert.equal(r.status, 200, r.text);
    assert.match(r.body.receipt.paidAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    assert.ok(Math.abs(Date.parse(r.body.receipt.paidAt) - Date.now()) < 60_000);
  });
});

/** Where the brokers of one test keep their state: a file of the test's own, or a database of its own. */
const stores: { name: string; of: (dir: string, test: string) => Promise<{ dbPath: string } | { databaseUrl: string }> }[] = [
  { name: 'one SQLite file', of: async (dir, test) => ({ dbPath: join(dir, `${test}.db`) }) },
  { name: 'one PostgreSQL database', of: async () => ({ databaseUrl: await freshDatabase() }) },
];

for (const { name, of } of stores)
  describe(`exactly once across restarts and instances, on ${name}`, () => {
    let dir: string;
    let sandbox: RunningSandbox;
    const secret = 'exactly-once-broker-secret-0123456789abcd';
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ic-once-'));
      sandbox = await startSandbox({ port: 0 });
    });
    after(async () => {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => sandbox.sandbox.reset());

    /** Each test names its own store (a payment left pending in one would block the next one's bill). */
    const options = (over: ({ dbPath: string } | { databaseUrl: string }) & { now?: () => number }) => ({
      invoiceCloud: { baseUrl: `${sandbox.url}/api/v1/`, apiKey: 'sandbox-api-key', timeoutMs: TIMEOUT_MS },
      secret,
      reconcileIntervalMs: 0,
      logger: createLogger({ level: 'silent' }),
      ...over,
    });

    /** A guest payment whose answer came too late for the broker, made meanwhile: pending in the ledger, charged in the sandbox. */
    async function paidLate(brokerOrigin: string) {
      const payer = guest(`${brokerOrigin}/api/v1`);
      await payer.lookUp();
      await sandboxOf(sandbox.url).fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: TIMEOUT_MS + 300, times: 1 });
      const key = randomUUID();
      assert.equal((await payer.pay(key)).status, 202);
      await until('the slow payment to post', async () => ((await sandboxOf(sandbox.url).payments()).length ? true : undefined));
      return { payer, key };
    }

    it('a restarted broker still knows an attempt whose answer it never got: pending, not "nothing was charged"', async () => {
      const sb = sandboxOf(sandbox.url);
      const store = await of(dir, 'restart');
      const first = await startBroker({ broker: options(store) });
      const payer = guest(`${first.url}/api/v1`);
      await payer.lookUp();
      await sb.fault({ operation: 'InvoicePayWithoutSavedMethod', hang: true, times: 1 });
      const key = randomUUID();
      assert.equal((await payer.pay(key)).status, 202);
      await first.close();

      const second = await startBroker({ broker: options(store) });
      try {
        const again = guest(`${second.url}/api/v1`);
        await again.lookUp();
        const r = await again.status(key);
        assert.equal(r.status, 202, r.text);
        assert.equal(r.body.status, 'pending');
        assert.equal((await again.pay(randomUUID())).body.error.code, 'payment_being_confirmed');
      } finally {
        await second.close();
      }
    });

    it('two brokers on one store sweeping at once look each attempt up once, and resolve it once', async () => {
      const sb = sandboxOf(sandbox.url);
      let clock = Date.now();
      const shared = { now: () => clock, ...(await of(dir, 'shared')) };
      const a = createBroker(options(shared));
      const b = createBroker(options(shared));
      const server = await startBroker({ broker: options(shared) });
      try {
        const { payer, key } = await paidLate(server.url);
        // Long after the payer left: the outcome goes out by email, once.
        clock += 5 * 60_000;
        await request(`${sandbox.url}/__sandbox/calls`, { method: 'DELETE' });
        await sb.fault({ operation: 'RetrievePayments', latencyMs: 200 });
        const [ra, rb] = await Promise.all([a.reconcile(), b.reconcile()]);
        assert.equal(ra.checked + rb.checked, 1, 'leased to one of them');
        assert.equal(ra.resolved + rb.resolved, 1);
        assert.equal(await sb.calls('RetrievePayments'), 1, 'looked up once');
        // Both write to the store's one outbox: the one mail is there once.
        const mail = await a.outbox!.list();
        assert.equal(mail.length, 1);
        assert.equal(mail[0]!.to, JANE);
        assert.match(mail[0]!.subject, /Your payment of \$84\.20 is confirmed/);
        const status = await payer.status(key);
        assert.equal(status.status, 200);
        assert.ok(mail[0]!.text.includes(`Confirmation number: ${status.body.receipt.confirmationNumber}`));
      } finally {
        await Promise.all([a.close(), b.close(), server.close()]);
      }
    });

    /** Two requests for Jane's bill, one at each of two brokers on one store, at once: one charge, and the other told why not. */
    const atOnce = [
      {
        test: 'same-key',
        what: 'one key sent to two instances',
        keys: () => Array(2).fill(randomUUID()),
        code: 'idempotency_key_in_flight',
      },
      {
        test: 'one-bill',
        what: 'two keys for one bill sent to two instances',
        keys: () => [randomUUID(), randomUUID()],
        code: 'payment_being_confirmed',
      },
    ];
    for (const { test, what, keys, code } of atOnce) {
      it(`${what} at once: one charge, and the other answer is ${code}`, async () => {
        const store = await of(dir, test);
        const brokers = await Promise.all([startBroker({ broker: options(store) }), startBroker({ broker: options(store) })]);
        try {
          const payers = brokers.map((b) => guest(`${b.url}/api/v1`));
          await Promise.all(payers.map((p) => p.lookUp()));
          // The charge takes a while: both requests arrive while the first is still with InvoiceCloud.
          await sandboxOf(sandbox.url).fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 300, times: 1 });
          const replies = await Promise.all(keys().map((key, i) => payers[i]!.pay(key)));
          assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409], replies.map((r) => r.text).join('\n'));
          assert.equal(replies.find((r) => r.status === 409)!.body.error.code, code);
          assert.equal((await sandboxOf(sandbox.url).payments()).length, 1, 'charged once');
        } finally {
          await Promise.all(brokers.map((b) => b.close()));
        }
      });
    }

    it('does not email a payer who is still there: they see the receipt on screen', async () => {
      let clock = Date.now();
      const server = await startBroker({ broker: options({ now: () => clock, ...(await of(dir, 'present')) }) });
      try {
        const { payer, key } = await paidLate(server.url);
        // Past the call's deadline, not yet long enough for a payer to have left.
        clock += 30_000;
        assert.deepEqual(await server.broker.reconcile(), { checked: 1, resolved: 1, unresolved: 0 });
        assert.deepEqual(await server.broker.outbox!.list(), []);
        assert.equal((await payer.status(key)).status, 200, 'the receipt, on screen');
      } finally {
        await server.close();
      }
    });
  });
