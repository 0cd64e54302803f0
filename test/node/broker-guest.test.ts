import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { createBroker } from '../../src/broker/app.ts';
import { until } from '../support/until.ts';
import { StackFixture } from './stack-fixture.ts';
import { request } from './http.ts';
import { bank, visa } from '../support/cards.ts';

const stack = new StackFixture();
const lookup = (accountNumber: string, lastName: string, headers: Record<string, string> = {}) =>
  request(`${stack.brokerUrl}/guest/lookup`, { method: 'POST', json: { accountNumber, lastName }, headers });

async function tokenFor(accountNumber = '100200300', lastName = 'Doe') {
  const r = await lookup(accountNumber, lastName);
  assert.equal(r.status, 200, r.text);
  return r.body.lookupToken as string;
}

function pay(token: string, key: string, body: unknown) {
  return request(`${stack.brokerUrl}/guest/payments`, {
    method: 'POST',
    json: body,
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
  });
}

const inv1001 = (method: unknown = visa()) => ({ invoiceNumber: 'INV-1001', amountCents: 8420, method });

describe('broker: guest look-up', () => {
  stack.use();

  it('finds the account and its open bill by account number and last name', async () => {
    const r = await lookup('100200300', 'Doe');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('x-request-id') ?? '', /.+/);
    assert.equal(typeof r.body.lookupToken, 'string');
    assert.deepEqual(r.body.account, {
      accountNumber: '100200300',
      customerName: 'Jane Doe',
      balanceCents: 8420,
      invoices: [{ invoiceNumber: 'INV-1001', amountDueCents: 8420, dueDate: '2026-12-15' }],
    });
    const calls = await stack.calls();
    assert.deepEqual(
      calls.map((c) => [c.operation, c.accountNumber]),
      [['LookupAccount', '100200300']],
    );
  });

  it('accepts the full name, in any case, with stray spaces', async () => {
    assert.equal((await lookup(' 100200300 ', '  jane DOE ')).status, 200);
  });

  it('answers an unknown account and a wrong name identically', async () => {
    const wrongName = await lookup('100200300', 'Smith');
    const unknown = await lookup('999999999', 'Doe');
    const notInInvoiceCloud = await lookup('100200304', 'Lee');
    for (const r of [wrongName, unknown, notInInvoiceCloud]) {
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'account_not_found');
    }
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    assert.deepEqual(strip(wrongName.body), strip(unknown.body));
    assert.deepEqual(strip(wrongName.body), strip(notInInvoiceCloud.body));
  });

  it('rejects invalid fields with a 400 naming each field, without echoing values', async () => {
    const r = await request(`${stack.brokerUrl}/guest/lookup`, { method: 'POST', json: { accountNumber: '<script>', lastName: '' } });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'validation_failed');
    assert.deepEqual(Object.keys(r.body.error.fields).sort(), ['accountNumber', 'lastName']);
    assert.ok(!r.text.includes('<script>'));
  });

  it('answers 400 for a body that is not JSON, 415 for a non-JSON content type, 413 for a huge body', async () => {
    const bad = await request(`${stack.brokerUrl}/guest/lookup`, {
      method: 'POST',
      body: '{"accountNumber":',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'validation_failed');
    const form = await request(`${stack.brokerUrl}/guest/lookup`, {
      method: 'POST',
      body: 'accountNumber=100200300',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415);
    assert.equal(form.body.error.code, 'unsupported_media_type');
    const huge = await request(`${stack.brokerUrl}/guest/lookup`, {
      method: 'POST',
      json: { accountNumber: '100200300', lastName: 'x'.repeat(100_000) },
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.code, 'payload_too_large');
  });

  it('answers unknown routes with the error shape', async () => {
    const r = await request(`${stack.brokerUrl}/nope`);
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
    assert.equal(r.body.error.requestId, r.headers.get('x-request-id'));
  });

  it('sends CORS and security headers', async () => {
    const r = await request(`${stack.brokerUrl}/guest/lookup`, {
      method: 'OPTIONS',
      headers: { origin: 'http://portal.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(r.headers.get('access-control-allow-origin'), '*');
    assert.match(r.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/i);
    const l = await lookup('100200300', 'Doe');
    assert.equal(l.headers.get('x-content-type-options'), 'nosniff');
    assert.match(l.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  });
});

describe('broker: guest payments', () => {
  stack.use({ broker: { invoiceCloud: { timeoutMs: 500 } } });
  const payments = async (account = '100200300') =>
    (await stack.payments(account)) as { status: string; amountCents: number; method: { kind: string; brand: string; last4: string } }[];

  it('pays a bill by card and answers the receipt', async () => {
    const r = await pay(await tokenFor(), randomUUID(), { ...inv1001(), email: 'jane.doe@example.com' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'succeeded');
    const { receipt } = r.body;
    assert.equal(receipt.accountNumber, '100200300');
    assert.equal(receipt.invoiceNumber, 'INV-1001');
    assert.equal(receipt.amountCents, 8420);
    assert.deepEqual(receipt.method, { kind: 'card', brand: 'visa', last4: '1111' });
    assert.equal(receipt.email, 'jane.doe@example.com');
    assert.match(receipt.confirmationNumber, /\S+/);
    const p = await payments();
    assert.equal(p.length, 1);
    assert.equal(p[0]!.status, 'approved');
    assert.equal((await lookup('100200300', 'Doe')).body.account.balanceCents, 0);
  });

  it('pays a bill by bank account', async () => {
    const r = await pay(await tokenFor(), randomUUID(), inv1001(bank()));
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.receipt.method, { kind: 'ach', brand: 'checking', last4: '6789' });
  });

  it('charges exactly once for 20 identical requests in parallel, and replays the receipt afterwards', async () => {
    const token = await tokenFor();
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 20 }, () => pay(token, key, inv1001())));
    const ok = replies.filter((r) => r.status === 200);
    const inFlight = replies.filter((r) => r.status === 409);
    assert.equal(ok.length + inFlight.length, 20, replies.map((r) => r.status).join(','));
    assert.ok(ok.length >= 1);
    for (const r of inFlight) assert.equal(r.body.error.code, 'idempotency_key_in_flight');
    const again = await pay(token, key, inv1001());
    assert.equal(again.status, 200);
    assert.equal(again.body.receipt.paymentId, ok[0]!.body.receipt.paymentId);
    assert.equal((await payments()).length, 1);
  });

  it('answers 422 for the same key with a different body, and charges nothing more', async () => {
    const token = await tokenFor();
    const key = randomUUID();
    assert.equal((await pay(token, key, inv1001())).status, 200);
    const r = await pay(token, key, { ...inv1001(), amountCents: 100 });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'idempotency_key_reused');
    assert.equal((await payments()).length, 1);
  });

  it('requires an Idempotency-Key and a look-up token', async () => {
    const token = await tokenFor();
    const noKey = await request(`${stack.brokerUrl}/guest/payments`, {
      method: 'POST',
      json: inv1001(),
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(noKey.status, 400);
    assert.equal(noKey.body.error.code, 'idempotency_key_required');
    const noToken = await request(`${stack.brokerUrl}/guest/payments`, {
      method: 'POST',
      json: inv1001(),
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(noToken.status, 401);
    const forged = await pay(`${token.slice(0, -4)}AAAA`, randomUUID(), inv1001());
    assert.equal(forged.status, 401);
    assert.equal(forged.body.error.code, 'lookup_expired');
    assert.equal((await payments()).length, 0);
  });

  it("binds a payment to the looked-up account: another account's bill is not payable with it", async () => {
    const r = await pay(await tokenFor(), randomUUID(), { invoiceNumber: 'INV-3001', amountCents: 5600, method: visa() });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.code, 'invoice_not_payable');
    assert.equal((await payments('100200303')).length, 0);
  });

  it('rejects an invalid card before calling InvoiceCloud', async () => {
    await stack.clearCalls();
    const r = await pay(await tokenFor(), randomUUID(), inv1001(visa({ number: '4111111111111112', securityCode: '12' })));
    assert.equal(r.status, 400);
    assert.deepEqual(Object.keys(r.body.error.fields).sort(), ['method.number', 'method.securityCode']);
    assert.ok(!r.text.includes('4111111111111112'));
    const calls = await stack.calls();
    assert.deepEqual(
      calls.map((c) => c.operation),
      ['LookupAccount'],
    );
  });

  for (const [label, method, code] of [
    ['declined card', visa({ number: '4000000000000002' }), 'card_declined'],
    ['insufficient funds', visa({ number: '4000000000009995' }), 'insufficient_funds'],
    ['closed bank account', bank({ routingNumber: '021000021', accountNumber: '000000000' }), 'account_closed'],
  ] as const) {
    it(`answers 402 ${code} for a ${label}, and replays it without a second attempt`, async () => {
      const token = await tokenFor();
      const key = randomUUID();
      const r = await pay(token, key, inv1001(method));
      assert.equal(r.status, 402, r.text);
      assert.equal(r.body.error.code, code);
      const again = await pay(token, key, inv1001(method));
      assert.equal(again.status, 402);
      assert.equal(again.body.error.code, code);
      const p = await payments();
      assert.equal(p.length, 1);
      assert.equal(p[0]!.status, 'declined');
    });
  }

  it('answers pending when InvoiceCloud is too slow, then reconciles to the one receipt', async () => {
    const token = await tokenFor();
    const key = randomUUID();
    await stack.fault({ operation: 'InvoicePayWithoutSavedMethod', latencyMs: 900, times: 1 });
    const first = await pay(token, key, inv1001());
    assert.equal(first.status, 202, first.text);
    assert.equal(first.body.status, 'pending');
    assert.ok(Number(first.headers.get('retry-after')) >= 1);
    // The charge still happens, after the broker gave up on the call: the status check below finds it.
    await until('the late charge', async () => ((await payments()).length ? true : undefined));
    const status = await request(`${stack.brokerUrl}/guest/payments/${key}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(status.status, 200, status.text);
    assert.equal(status.body.receipt.amountCents, 8420);
    const retry = await pay(token, key, inv1001());
    assert.equal(retry.status, 200);
    assert.equal(retry.body.receipt.paymentId, status.body.receipt.paymentId);
    assert.equal((await payments()).length, 1);
    const calls = await stack.calls();
    assert.equal(calls.filter((c) => c.operation === 'InvoicePayWithoutSavedMethod').length, 1, 'never sent twice');
  });

  it('answers 404 for the status of a key it never saw', async () => {
    const r = await request(`${stack.brokerUrl}/guest/payments/${randomUUID()}`, {
      headers: { authorization: `Bearer ${await tokenFor()}` },
    });
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
  });

  it('turns a malformed InvoiceCloud answer into a typed 502 without leaking it', async () => {
    await stack.fault({ operation: 'LookupAccount', body: 'html', times: 1 });
    const r = await lookup('100200300', 'Doe');
    assert.equal(r.status, 502);
    assert.equal(r.body.error.code, 'upstream_invalid');
    assert.ok(!/html/i.test(r.text));
  });

  it('turns an InvoiceCloud timeout on look-up into a 504', async () => {
    await stack.fault({ operation: 'LookupAccount', hang: true, times: 1 });
    const r = await lookup('100200300', 'Doe');
    assert.equal(r.status, 504);
    assert.equal(r.body.error.code, 'upstream_timeout');
  });
});

describe('broker: rate limits', () => {
  stack.use(
    {
      broker: { trustProxy: true, rateLimits: { lookupPerIp: 3, lookupPerAccount: 5, paymentPerIp: 2, statusPerIp: 4, windowSeconds: 60 } },
    },
    { reset: 'never' },
  );

  it('limits look-ups per client IP with a 429 and Retry-After', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 3; i++) assert.equal((await lookup('100200301', 'Smith', ip)).status, 200);
    const r = await lookup('100200301', 'Smith', ip);
    assert.equal(r.status, 429);
    assert.equal(r.body.error.code, 'rate_limited');
    assert.ok(Number(r.headers.get('retry-after')) > 0);
    assert.equal((await lookup('100200301', 'Smith', { 'x-forwarded-for': '203.0.113.8' })).status, 200, 'other IPs unaffected');
  });

  it('limits look-ups per account number across IPs, so names cannot be guessed from many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await lookup('100200303', `Guess${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).status);
    assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429]);
  });

  it('limits payments and status checks per IP separately, status checks more loosely', async () => {
    const ip = { 'x-forwarded-for': '192.0.2.9' };
    const token = (await lookup('100200301', 'Smith', ip)).body.lookupToken;
    const key = randomUUID();
    const auth = { ...ip, authorization: `Bearer ${token}` };
    const payStatuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      payStatuses.push(
        (await request(`${stack.brokerUrl}/guest/payments`, { method: 'POST', json: {}, headers: { ...auth, 'idempotency-key': key } }))
          .status,
      );
    }
    assert.deepEqual(payStatuses, [400, 400, 429]);
    const checks: number[] = [];
    for (let i = 0; i < 5; i++) checks.push((await request(`${stack.brokerUrl}/guest/payments/${key}`, { headers: auth })).status);
    assert.deepEqual(checks, [404, 404, 404, 404, 429]);
  });
});

describe('broker: the client address behind proxies', () => {
  const limits = { lookupPerIp: 2, lookupPerAccount: 100, windowSeconds: 60 };
  /** The statuses of `n` look-ups, the i-th with the X-Forwarded-For header `forwarded(i)`. */
  async function lookups(n: number, forwarded: (i: number) => string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await lookup('100200300', 'Doe', { 'x-forwarded-for': forwarded(i) })).status);
    return statuses;
  }

  describe('behind one proxy', () => {
    stack.use({ broker: { trustProxy: 1, rateLimits: limits } });
    it('takes the entry it appended: what a client forges on the left buys no new allowance', async () => {
      // The load balancer appends the address it was called from; the client wrote the rest, a new one each time.
      assert.deepEqual(await lookups(3, (i) => `10.9.9.${i}, 198.51.100.77`), [200, 200, 429]);
      assert.deepEqual(await lookups(1, () => '198.51.100.78'), [200], 'another client has its own allowance');
    });
  });

  describe('behind two proxies', () => {
    stack.use({ broker: { trustProxy: 2, rateLimits: limits } });
    it('takes the second entry from the right', async () => {
      assert.deepEqual(await lookups(3, (i) => `10.9.9.${i}, 198.51.100.77, 10.0.0.2`), [200, 200, 429]);
      // Behind the same nearest proxy, another client: not the nearest proxy's address that counts.
      assert.deepEqual(await lookups(1, () => '198.51.100.78, 10.0.0.2'), [200], 'another client has its own allowance');
    });
  });

  describe('behind proxies named by address', () => {
    stack.use({ broker: { trustProxy: ['loopback', '10.0.0.0/8'], rateLimits: limits } });
    it('skips every entry they wrote and takes the first they did not', async () => {
      assert.deepEqual(await lookups(3, (i) => `192.0.2.${i}, 198.51.100.77, 10.0.0.2, 10.0.0.3`), [200, 200, 429]);
      assert.deepEqual(await lookups(1, () => '198.51.100.78, 10.0.0.2, 10.0.0.3'), [200], 'another client has its own allowance');
    });
  });

  describe('with no proxy trusted', () => {
    stack.use({ broker: { rateLimits: limits } });
    it('ignores a forged header: the socket is the client', async () => {
      assert.deepEqual(await lookups(3, (i) => `198.51.100.${i}`), [200, 200, 429]);
    });
  });

  it('refuses to start with a proxy address it cannot read, and says which', () => {
    const invoiceCloud = { baseUrl: 'http://127.0.0.1:9/api/v1/', apiKey: 'unused' };
    assert.throws(
      () => createBroker({ invoiceCloud, dbPath: ':memory:', trustProxy: ['10.0.0.0/8', 'proxy.internal'] }),
      /TRUST_PROXY: .*proxy\.internal/,
    );
  });
});

describe('broker: card testing', () => {
  const LIMITS = { minimumPaymentCents: 100, attemptsPerLookup: 2, declinesPerAccountPerHour: 3 };
  stack.use({ broker: { trustProxy: true, guestLimits: LIMITS, rateLimits: { paymentPerToken: 4 } } });
  const declinedCard = () => inv1001(visa({ number: '4000000000000002' }));
  const payOps = async () => (await stack.calls()).filter((c) => c.operation.startsWith('InvoicePay')).length;

  it('refuses a guest payment under the minimum before InvoiceCloud is asked', async () => {
    const token = await tokenFor();
    const look = await lookup('100200300', 'Doe');
    assert.equal(look.body.minimumPaymentCents, 100);
    const r = await pay(token, randomUUID(), { ...inv1001(), amountCents: 99 });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'validation_failed');
    assert.deepEqual(Object.keys(r.body.error.fields), ['amountCents']);
    assert.equal(await payOps(), 0);
    assert.equal((await pay(token, randomUUID(), { ...inv1001(), amountCents: 100 })).status, 200);
  });

  it('allows a look-up token a few new attempts, not retries of one; a new look-up brings more', async () => {
    const token = await tokenFor();
    const first = randomUUID();
    assert.equal((await pay(token, first, declinedCard())).status, 402);
    assert.equal((await pay(token, first, declinedCard())).status, 402, 'a retry of the same attempt is not a new one');
    assert.equal((await pay(token, randomUUID(), declinedCard())).status, 402);
    const over = await pay(token, randomUUID(), inv1001());
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, 'rate_limited');
    assert.ok(Number(over.headers.get('retry-after')) > 0);
    assert.equal(await payOps(), 2, 'nothing sent over the limit');
    assert.equal((await pay(await tokenFor(), randomUUID(), inv1001())).status, 200);
  });

  it('stops guest payments of an account after too many declines in an hour, whatever the token', async () => {
    // John's cabin: an account no other test here declines (the ledger keeps declines across tests, as it would).
    const cabin = (method: unknown) => ({ invoiceNumber: 'INV-5001', amountCents: 2310, method });
    for (let i = 0; i < LIMITS.declinesPerAccountPerHour; i++) {
      assert.equal(
        (await pay(await tokenFor('100200305', 'Smith'), randomUUID(), cabin(visa({ number: '4000000000000002' })))).status,
        402,
      );
    }
    const r = await pay(await tokenFor('100200305', 'Smith'), randomUUID(), cabin(visa()));
    assert.equal(r.status, 429);
    assert.equal(r.body.error.code, 'rate_limited');
    const wait = Number(r.headers.get('retry-after'));
    assert.ok(wait > 3500 && wait <= 3600, `Retry-After ${wait}`);
    assert.equal(await payOps(), LIMITS.declinesPerAccountPerHour, 'nothing sent once stopped');
    // Another account is not held back by this one's declines.
    assert.equal(
      (await pay(await tokenFor('100200303', 'Garcia'), randomUUID(), { invoiceNumber: 'INV-3001', amountCents: 5600, method: visa() }))
        .status,
      200,
    );
  });

  it('limits payment requests per look-up token, whatever the IP', async () => {
    const token = await tokenFor();
    const key = randomUUID();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await request(`${stack.brokerUrl}/guest/payments`, {
        method: 'POST',
        json: {},
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key, 'x-forwarded-for': `198.51.100.${i}` },
      });
      statuses.push(r.status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 400, 429]);
  });
});
