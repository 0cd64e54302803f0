import { expect } from '@open-wc/testing';
import { BrokerClient, IcApiError, newIdempotencyKey } from '../../src/client/index.ts';
import type { GuestPaymentRequest } from '../../src/contract/index.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { countingFetch } from './helpers/requests.ts';
import { fault } from './helpers/sandbox.ts';
import { visa } from '../support/cards.ts';

const card: GuestPaymentRequest = {
  invoiceNumber: 'INV-1001',
  amountCents: 8420,
  method: visa(),
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

/** A fetch that answers from a function and counts calls. */
function scripted(answer: (url: string, init: RequestInit) => Promise<Response> | Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return answer(String(input), init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** Never answers; rejects with AbortError when its signal aborts, as fetch does. */
function hangingFetch(): typeof globalThis.fetch {
  return ((_: RequestInfo | URL, init?: RequestInit) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })) as typeof globalThis.fetch;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req-1', ...headers } });

describe('BrokerClient', () => {
  describe('against the real broker', () => {
    let client: BrokerClient;
    beforeEach(async () => {
      await resetSandbox();
      client = new BrokerClient({ baseUrl: (await testStack()).endpoint });
    });

    it('looks up an account and its open bill', async () => {
      const r = await client.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      expect(r.lookupToken).to.be.a('string').and.not.equal('');
      expect(r.account.accountNumber).to.equal('100200300');
      expect(r.account.invoices).to.deep.equal([{ invoiceNumber: 'INV-1001', amountDueCents: 8420, dueDate: '2026-12-15' }]);
    });

    it('turns a 404 into a typed error with the request id', async () => {
      const err = await rejection(client.lookupAccount({ accountNumber: '100200300', lastName: 'Smith' }));
      expect(err).to.be.instanceOf(IcApiError);
      const e = err as IcApiError;
      expect(e.code).to.equal('account_not_found');
      expect(e.status).to.equal(404);
      expect(e.retryable).to.equal(false);
      expect(e.requestId).to.be.a('string').and.not.equal('');
    });

    it('pays once per key: the same key answers the same receipt, and status finds it', async () => {
      const { lookupToken } = await client.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      const key = newIdempotencyKey();
      const first = await client.payAsGuest(lookupToken, key, card);
      const again = await client.payAsGuest(lookupToken, key, card);
      const status = await client.guestPaymentStatus(lookupToken, key);
      expect(first.status).to.equal('succeeded');
      expect(again).to.deep.equal(first);
      expect(status).to.deep.equal(first);
      const payments = await sandbox<unknown[]>('/__sandbox/payments?account=100200300');
      expect(payments.body).to.have.length(1);
    });

    it('answers not_found for a key the broker never saw', async () => {
      const { lookupToken } = await client.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      const e = (await rejection(client.guestPaymentStatus(lookupToken, newIdempotencyKey()))) as IcApiError;
      expect(e.code).to.equal('not_found');
      expect(e.status).to.equal(404);
    });

    it('reports a decline as a typed 402', async () => {
      const { lookupToken } = await client.lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
      const declined = { ...card, method: { ...card.method, number: '4000000000000002' } } as GuestPaymentRequest;
      const e = (await rejection(client.payAsGuest(lookupToken, newIdempotencyKey(), declined))) as IcApiError;
      expect(e.code).to.equal('card_declined');
      expect(e.status).to.equal(402);
    });
  });

  it('network down → network_error, retryable, status 0', async () => {
    const client = new BrokerClient({ baseUrl: 'http://127.0.0.1:9/api/v1' });
    const e = (await rejection(client.lookupAccount({ accountNumber: '1', lastName: 'x' }))) as IcApiError;
    expect(e).to.be.instanceOf(IcApiError);
    expect(e.code).to.equal('network_error');
    expect(e.retryable).to.equal(true);
    expect(e.status).to.equal(0);
  });

  it('no answer within the deadline → timeout, retryable', async () => {
    const client = new BrokerClient({ baseUrl: 'http://broker.test', timeoutMs: 50, fetch: hangingFetch() });
    const e = (await rejection(client.lookupAccount({ accountNumber: '1', lastName: 'x' }))) as IcApiError;
    expect(e.code).to.equal('timeout');
    expect(e.retryable).to.equal(true);
  });

  it('the caller aborting rethrows an AbortError, not an IcApiError', async () => {
    const client = new BrokerClient({ baseUrl: 'http://broker.test', fetch: hangingFetch() });
    const controller = new AbortController();
    const p = client.lookupAccount({ accountNumber: '1', lastName: 'x' }, { signal: controller.signal });
    controller.abort();
    const e = (await rejection(p)) as Error;
    expect(e).to.not.be.instanceOf(IcApiError);
    expect(e.name).to.equal('AbortError');
  });

  it('an answer outside the contract → invalid_response', async () => {
    const ok = new BrokerClient({ baseUrl: 'http://b.test', fetch: scripted(() => json(200, { hello: 1 })).fetch });
    const e1 = (await rejection(ok.lookupAccount({ accountNumber: '1', lastName: 'x' }))) as IcApiError;
    expect(e1.code).to.equal('invalid_response');
    expect(e1.requestId).to.equal('req-1');

    const html = new BrokerClient({
      baseUrl: 'http://b.test',
      fetch: scripted(() => new Response('<h1>Bad Gateway</h1>', { status: 502 })).fetch,
    });
    const e2 = (await rejection(html.lookupAccount({ accountNumber: '1', lastName: 'x' }))) as IcApiError;
    expect(e2.code).to.equal('invalid_response');
    expect(e2.status).to.equal(502);
    expect(e2.retryable).to.equal(true);
  });

  describe('answers checked against the contract', () => {
    const found = {
      lookupToken: 't',
      expiresAt: '2026-12-02T10:15:00Z',
      minimumPaymentCents: 100,
      account: {
        accountNumber: '100200300',
        customerName: 'Jane Doe',
        balanceCents: 8420,
        invoices: [
          { invoiceNumber: 'INV-1001', amountDueCents: 8420, dueDate: '2026-12-15', paymentPendingSince: '2026-12-02T10:00:00+01:00' },
        ],
      },
    };
    const invoice = found.account.invoices[0]!;
    const lookUp = (answer: unknown, status = 200) =>
      new BrokerClient({ baseUrl: 'http://b.test', fetch: scripted(() => json(status, answer)).fetch }).lookupAccount({
        accountNumber: '1',
        lastName: 'x',
      });

    it('hands over a conforming answer as the broker sent it, optional fields present or not', async () => {
      expect(await lookUp(found)).to.deep.equal(found);
      const { paymentPendingSince: _, ...unpending } = invoice;
      const plain = { ...found, account: { ...found.account, invoices: [unpending] } };
      expect(await lookUp(plain)).to.deep.equal(plain);
    });

    it('keeps fields a newer broker adds', async () => {
      const newer = { ...found, addedLater: { x: 1 }, account: { ...found.account, invoices: [{ ...invoice, addedLater: true }] } };
      expect(await lookUp(newer)).to.deep.equal(newer);
    });

    const broken: [string, unknown][] = [
      ['a required field missing', { ...found, lookupToken: undefined }],
      ['a string where a number belongs', { ...found, minimumPaymentCents: '100' }],
      ['cents that are not whole', { ...found, account: { ...found.account, balanceCents: 84.2 } }],
      ['negative cents', { ...found, account: { ...found.account, balanceCents: -1 } }],
      ['a date with a time', { ...found, account: { ...found.account, invoices: [{ ...invoice, dueDate: '2026-12-15T00:00:00Z' }] } }],
      ['an instant without a time zone', { ...found, expiresAt: '2026-12-02T10:15:00' }],
      [
        'an optional instant that is not one',
        { ...found, account: { ...found.account, invoices: [{ ...invoice, paymentPendingSince: 'soon' }] } },
      ],
      ['an account number outside the contract', { ...found, account: { ...found.account, accountNumber: '100/200' } }],
      ['a list that is not one', { ...found, account: { ...found.account, invoices: invoice } }],
      ['null', null],
    ];
    for (const [what, answer] of broken) {
      it(`${what} → invalid_response`, async () => {
        const e = (await rejection(lookUp(answer))) as IcApiError;
        expect(e).to.be.instanceOf(IcApiError);
        expect(e.code).to.equal('invalid_response');
        expect(e.status).to.equal(200);
        expect(e.requestId).to.equal('req-1');
      });
    }

    it('an error body outside the contract (a code it does not name) → invalid_response with the status', async () => {
      const e = (await rejection(lookUp({ error: { code: 'made_up', message: 'x', requestId: 'r-1' } }, 409))) as IcApiError;
      expect(e.code).to.equal('invalid_response');
      expect(e.status).to.equal(409);
    });
  });

  it('reads Retry-After on a 429', async () => {
    const { fetch } = scripted(() =>
      json(429, { error: { code: 'rate_limited', message: 'slow down', requestId: 'r-9', retryable: true } }, { 'retry-after': '30' }),
    );
    const client = new BrokerClient({ baseUrl: 'http://b.test', fetch });
    const e = (await rejection(client.lookupAccount({ accountNumber: '1', lastName: 'x' }))) as IcApiError;
    expect(e.code).to.equal('rate_limited');
    expect(e.retryAfterSeconds).to.equal(30);
    expect(e.requestId).to.equal('r-9');
    expect(e.retryable).to.equal(true);
  });

  it('sends the look-up token, the Idempotency-Key and JSON', async () => {
    const { fetch, calls } = scripted(() =>
      json(202, { status: 'pending', retryAfterSeconds: 2, reviewing: false, confirmationEmail: false }),
    );
    const client = new BrokerClient({ baseUrl: 'http://b.test/api/v1/', fetch });
    const key = newIdempotencyKey();
    expect(await client.payAsGuest('tok', key, card)).to.deep.equal({
      status: 'pending',
      retryAfterSeconds: 2,
      reviewing: false,
      confirmationEmail: false,
    });
    const [call] = calls;
    expect(call!.url).to.equal('http://b.test/api/v1/guest/payments');
    const headers = call!.init.headers as Record<string, string>;
    expect(headers.authorization).to.equal('Bearer tok');
    expect(headers['idempotency-key']).to.equal(key);
    expect(headers['content-type']).to.equal('application/json');
    expect(JSON.parse(call!.init.body as string)).to.deep.equal(card);
  });

  it('asks for a portal page of the account named, and of the first when none is', async () => {
    const sso = { url: 'http://ic.test/cloudsso/x', origin: 'http://ic.test', expiresAt: '2026-12-02T10:01:00Z' };
    const { fetch, calls } = scripted(() => json(200, sso));
    const client = new BrokerClient({ baseUrl: 'http://b.test/api/v1', token: 'tok', fetch });
    await client.ssoUrl({ target: 'pay-by-text', accountNumber: '100200302' });
    await client.ssoUrl({ target: 'pay-by-text', accountNumber: '' });
    await client.ssoUrl('dashboard');
    expect(calls.map((c) => [c.url, JSON.parse(c.init.body as string)])).to.deep.equal([
      ['http://b.test/api/v1/sso', { target: 'pay-by-text', accountNumber: '100200302' }],
      ['http://b.test/api/v1/sso', { target: 'pay-by-text' }],
      ['http://b.test/api/v1/sso', { target: 'dashboard' }],
    ]);
  });

  it('shares one request between identical concurrent status checks', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { fetch, calls } = scripted(async () => {
      await gate;
      return json(202, { status: 'pending', retryAfterSeconds: 1, reviewing: false, confirmationEmail: false });
    });
    const client = new BrokerClient({ baseUrl: 'http://b.test', fetch });
    const key = newIdempotencyKey();
    const a = client.guestPaymentStatus('tok', key);
    const b = client.guestPaymentStatus('tok', key);
    const other = client.guestPaymentStatus('other-token', key);
    release();
    const [ra, rb] = await Promise.all([a, b, other]);
    expect(ra).to.deep.equal(rb);
    expect(calls).to.have.length(2);
    // Once settled, a new check is a new request.
    await client.guestPaymentStatus('tok', key);
    expect(calls).to.have.length(3);
  });

  it('one caller aborting a shared check does not abort the other', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { fetch, calls } = scripted(async (_url, init) => {
      await gate;
      if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      return json(202, { status: 'pending', retryAfterSeconds: 1, reviewing: false, confirmationEmail: false });
    });
    const client = new BrokerClient({ baseUrl: 'http://b.test', fetch });
    const key = newIdempotencyKey();
    const controller = new AbortController();
    const a = client.guestPaymentStatus('tok', key, { signal: controller.signal });
    const b = client.guestPaymentStatus('tok', key);
    controller.abort();
    release();
    expect(((await rejection(a)) as Error).name).to.equal('AbortError');
    expect(await b).to.deep.equal({ status: 'pending', retryAfterSeconds: 1, reviewing: false, confirmationEmail: false });
    expect(calls).to.have.length(1);
  });

  it('makes a fresh UUID idempotency key each time', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).to.not.equal(b);
  });

  describe('signed-in data, shared between elements (real broker)', () => {
    let endpoint: string;
    let token: string;
    /** A client on the real broker whose requests are counted, as `METHOD path`. */
    const counted = () => {
      const { fetch, requests } = countingFetch();
      return { client: new BrokerClient({ baseUrl: endpoint, token, fetch }), sent: requests };
    };
    beforeEach(async () => {
      await resetSandbox();
      ({ endpoint } = await testStack());
      token = await signIn(USERS.john);
    });

    it('keeps an answered read: concurrent and later callers share one request per resource', async () => {
      const { client, sent } = counted();
      const [a, b] = await Promise.all([client.accounts(), client.accounts(), client.paymentMethods(), client.bills('100200301')]);
      expect(a.map((x) => x.accountNumber)).to.deep.equal(['100200301', '100200302']);
      expect(b).to.deep.equal(a);
      await client.accounts();
      await client.paymentMethods();
      expect(sent.sort()).to.deep.equal(['GET /accounts', 'GET /accounts/100200301/bills', 'GET /payment-methods']);
    });

    it('a change replaces what it answered and tells subscribers what it touched', async () => {
      const { client, sent } = counted();
      await client.accounts();
      const told: string[][] = [];
      const off = client.subscribe((changed) => told.push([...changed]));
      const account = await client.setPaperless('100200301', false);
      expect(account.paperless).to.equal(false);
      expect(told).to.deep.equal([['accounts']]);
      // The kept list now holds the answer: no new request, the new state.
      expect((await client.accounts()).find((a) => a.accountNumber === '100200301')!.paperless).to.equal(false);
      expect(sent).to.deep.equal(['GET /accounts', 'PUT /accounts/100200301/paperless']);
      off();
      await client.setPaperless('100200301', true);
      expect(told).to.have.length(1);
      expect((await sandbox<{ paperless: boolean }>('/__sandbox/accounts/100200301')).body.paperless).to.equal(true);
    });

    it('a payment drops the bills and accounts it changed: the next reads ask again and see it', async () => {
      const { client, sent } = counted();
      const visa = (await client.paymentMethods())[0]!;
      expect((await client.bills('100200301')).bills.filter((b) => b.status === 'open').map((b) => b.invoiceNumber)).to.deep.equal([
        'INV-2001',
      ]);
      await client.accounts();
      const told: string[][] = [];
      client.subscribe((changed) => told.push([...changed].sort()));
      const key = newIdempotencyKey();
      const r = await client.payBill('100200301', key, {
        invoiceNumber: 'INV-2001',
        amountCents: 14275,
        method: { kind: 'saved', id: visa.id },
      });
      expect(r.status).to.equal('succeeded');
      expect(told).to.deep.equal([['accounts', 'bills']]);
      const after = await client.bills('100200301');
      expect(after.bills.filter((b) => b.status === 'open')).to.deep.equal([]);
      expect(after.payments[0]!.invoiceNumber).to.equal('INV-2001');
      expect((await client.accounts()).find((a) => a.accountNumber === '100200301')!.balanceCents).to.equal(0);
      expect(sent.filter((x) => x.startsWith('GET /accounts/100200301/bills'))).to.have.length(2);
      expect((await client.billPaymentStatus('100200301', key)).status).to.equal('succeeded');
    });

    it('a bill another payment is confirming: 409 payment_being_confirmed with its time, and the bills are read again, marked', async () => {
      const { client, sent } = counted();
      const visa = (await client.paymentMethods())[0]!;
      await client.bills('100200301');
      const request = { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved' as const, id: visa.id } };
      // InvoiceCloud never answers the first payment: past its deadline the broker answers 202, the outcome unknown.
      await fault({ operation: 'InvoicePayWithSavedMethod', hang: true, times: 1 });
      expect((await client.payBill('100200301', newIdempotencyKey(), request)).status).to.equal('pending');
      const told: string[][] = [];
      client.subscribe((changed) => told.push([...changed]));
      const err = (await rejection(client.payBill('100200301', newIdempotencyKey(), request))) as IcApiError;
      expect([err.code, err.status, err.retryable]).to.deep.equal(['payment_being_confirmed', 409, false]);
      expect(Date.now() - Date.parse(err.attemptedAt!)).to.be.within(0, 60_000);
      expect(err.toJSON().attemptedAt).to.equal(err.attemptedAt);
      expect(told).to.deep.equal([['bills']]);
      const bill = (await client.bills('100200301')).bills.find((b) => b.invoiceNumber === 'INV-2001')!;
      expect(bill.paymentPendingSince).to.equal(err.attemptedAt);
      expect(sent.filter((x) => x.startsWith('GET /accounts/100200301/bills'))).to.have.length(2);
    });

    it('a read already on its way when a change lands is not joined by later callers', async () => {
      const { client, sent } = counted();
      const early = client.paymentMethods();
      await client.storePaymentMethod({
        method: { kind: 'ach', routingNumber: '011000015', accountNumber: '123456789', accountType: 'checking', name: 'John Smith' },
      });
      const later = await client.paymentMethods();
      await early;
      expect(later.map((m) => m.last4).sort()).to.deep.equal(['1111', '6789']);
      expect(sent.filter((x) => x === 'GET /payment-methods')).to.have.length(2);
    });

    it('removes a method (204, no body) and unregisters an account, answering every account removed', async () => {
      const { client } = counted();
      const added = await client.storePaymentMethod({
        method: { kind: 'ach', routingNumber: '011000015', accountNumber: '123456789', accountType: 'checking', name: 'John Smith' },
      });
      expect(await client.removePaymentMethod(added.id)).to.equal(undefined);
      expect((await client.paymentMethods()).map((m) => m.id)).to.not.include(added.id);
      expect((await client.unregisterAccount('100200301')).sort()).to.deep.equal(['100200301', '100200302']);
      expect(await client.accounts()).to.deep.equal([]);
    });

    it("another user's account is a typed 404, and nothing is kept", async () => {
      const { client } = counted();
      const err = (await rejection(client.bills('100200300'))) as IcApiError;
      expect([err.code, err.status]).to.deep.equal(['account_not_found', 404]);
    });
  });
});
