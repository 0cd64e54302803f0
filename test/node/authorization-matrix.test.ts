/**
 * Who may call what. Every signed-in route of the contract (auth: 'session')
 * against every credential that must not open it — none, a malformed one, an
 * expired one, a signed-out one, a guest look-up token, and another user's
 * token against the first user's account or saved method — then the host
 * routes and the guest payment routes likewise. Each denial is a 401 or a
 * 404 in the one error shape, carries none of the other user's data, and
 * reaches no InvoiceCloud write.
 *
 * Assertion messages name the route, the credential's label, the status and
 * the error code: never a token, never a body.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { ErrorBody } from '../../src/contract/index.ts';
import { routes } from '../../src/contract/routes.ts';
import { TEST_HOST_KEY } from '../support/stack.ts';
import { StackFixture } from './stack-fixture.ts';
import { request, type Reply, WRITE_OPERATIONS } from './http.ts';
import { visa } from '../support/cards.ts';

const JOHN = { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith', accountNumbers: ['100200301', '100200302'] };
const MARIA = { userId: 'mymeter-maria', email: 'maria.garcia@example.com', name: 'Maria Garcia', accountNumbers: ['100200303'] };

/** What must never reach the other user: account numbers, names, email. The method id is added once known. */
const JOHNS_DATA = ['100200301', '100200302', 'John', 'Smith', 'john.smith'];
const MARIAS_DATA = ['100200303', 'Maria', 'Garcia', 'maria.garcia'];

const stack = new StackFixture();
let clock = Date.now();
const tokens = { john: '', maria: '', expired: '', signedOut: '', lookupJane: '', lookupGarcia: '' };
let johnsMethod = '';

/** A request that would be accepted with the right credential: only the credential is wrong. */
interface Call {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One well-formed request per signed-in route, on John's resources. The keys
 * are the contract's `${method} ${path}`: a new signed-in route fails the
 * coverage test until it has a row here.
 */
const SIGNED_IN: Record<string, (account: string, methodId: string) => Call> = {
  'delete /sessions/current': () => ({ path: '/sessions/current' }),
  'get /me': () => ({ path: '/me' }),
  'put /me/credentials': () => ({
    path: '/me/credentials',
    body: { currentPassword: 'meter-demo-1', newEmail: 'john.smith.new@example.com' },
  }),
  'post /sso': () => ({ path: '/sso', body: { target: 'dashboard' }, headers: { origin: 'http://portal.example' } }),
  'get /accounts': () => ({ path: '/accounts' }),
  'post /accounts/links': () => ({ path: '/accounts/links', body: { accountNumber: '100200305', lastName: 'Smith' } }),
  'delete /accounts/{account}': (a) => ({ path: `/accounts/${a}` }),
  'get /accounts/{account}/bills': (a) => ({ path: `/accounts/${a}/bills` }),
  'post /accounts/{account}/payments': (a, m) => ({
    path: `/accounts/${a}/payments`,
    body: { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: m } },
    headers: { 'idempotency-key': randomUUID() },
  }),
  'get /accounts/{account}/payments/{key}': (a) => ({ path: `/accounts/${a}/payments/${randomUUID()}` }),
  'put /accounts/{account}/autopay': (a, m) => ({ path: `/accounts/${a}/autopay`, body: { enabled: true, paymentMethodId: m } }),
  'put /accounts/{account}/paperless': (a) => ({ path: `/accounts/${a}/paperless`, body: { enabled: false } }),
  'get /payment-methods': () => ({ path: '/payment-methods' }),
  'post /payment-methods': () => ({ path: '/payment-methods', body: { method: visa({ name: 'John Smith' }) } }),
  'patch /payment-methods/{id}': (_a, m) => ({ path: `/payment-methods/${m}`, body: { nickname: 'Everyday' } }),
  'delete /payment-methods/{id}': (_a, m) => ({ path: `/payment-methods/${m}` }),
};

const sessionRoutes = routes.filter((r) => r.auth === 'session').map((r) => `${r.method} ${r.path}`);

function send(route: string, call: Call, authorization: string | undefined): Promise<Reply> {
  const method = route.split(' ')[0]!.toUpperCase();
  const headers: Record<string, string> = { ...call.headers };
  if (authorization !== undefined) headers.authorization = authorization;
  return request(`${stack.brokerUrl}${call.path}`, { method, headers, ...(call.body !== undefined ? { json: call.body } : {}) });
}

/** The one error shape, with the expected status and one of the expected codes; `label` says which cell failed. */
function assertDenied(r: Reply, label: string, status: number, codes: string[]) {
  const code = r.body?.error?.code;
  assert.equal(r.status, status, `${label}: HTTP ${r.status} (${String(code)}), expected ${status}`);
  assert.ok(codes.includes(code), `${label}: code ${String(code)}, expected ${codes.join(' or ')}`);
  assert.ok(ErrorBody.safeParse(r.body).success, `${label}: not the error shape`);
  assert.deepEqual(Object.keys(r.body), ['error'], `${label}: something besides the error`);
  assert.equal(r.body.error.requestId, r.headers.get('x-request-id'), `${label}: requestId`);
}

function assertNoneOf(r: Reply, label: string, data: string[]) {
  for (const d of data) assert.ok(!r.text.includes(d), `${label}: the answer carries the other user's data`);
}

describe('authorization matrix', () => {
  let johnBefore: unknown;

  // Idle sessions end after one second of this clock; it only moves when a test moves it.
  stack.use({ broker: { now: () => clock, sessionIdleSeconds: 1, sessionMaxSeconds: 3600 } }, { reset: 'never' });
  before(async () => {
    tokens.expired = await stack.signIn(JOHN);
    clock += 2_000;
    tokens.john = await stack.signIn(JOHN);
    tokens.maria = await stack.signIn(MARIA);
    tokens.signedOut = await stack.signIn(JOHN);
    const out = await stack.as(tokens.signedOut)('/sessions/current', { method: 'DELETE' });
    assert.equal(out.status, 204);
    tokens.lookupJane = await stack.lookUp('100200300', 'Doe');
    tokens.lookupGarcia = await stack.lookUp('100200303', 'Garcia');
    johnBefore = await stack.account('100200301');
    johnsMethod = (johnBefore as { paymentMethods: { id: string }[] }).paymentMethods[0]!.id;
    JOHNS_DATA.push(johnsMethod);
    await stack.clearCalls();
  });

  it('has a row for every signed-in route of the contract', () => {
    assert.deepEqual(Object.keys(SIGNED_IN).sort(), [...sessionRoutes].sort());
  });

  describe('signed-in routes', () => {
    for (const route of sessionRoutes) {
      const build = SIGNED_IN[route];
      if (!build) continue; // the coverage test above fails instead
      const johns = () => build('100200301', johnsMethod);

      it(`${route}: no token → 401 unauthorized`, async () => {
        assertDenied(await send(route, johns(), undefined), `${route} × no token`, 401, ['unauthorized']);
      });

      it(`${route}: malformed tokens → 401`, async () => {
        const malformed: [string, string][] = [
          ['empty Bearer', 'Bearer '],
          ['garbage', 'Bearer not-a-session-token'],
          ['Basic scheme', `Basic ${Buffer.from('john:meter-demo-1').toString('base64')}`],
          ['token plus a character', `Bearer ${tokens.john}x`],
          ['token twice', `Bearer ${tokens.john} ${tokens.john}`],
          ['token without scheme', tokens.john],
          ['very long', `Bearer ${'a'.repeat(4_000)}`],
        ];
        for (const [label, value] of malformed) {
          const r = await send(route, johns(), value);
          assertDenied(r, `${route} × ${label}`, 401, ['unauthorized', 'session_expired']);
          assertNoneOf(r, `${route} × ${label}`, JOHNS_DATA);
        }
      });

      it(`${route}: an expired token → 401 session_expired`, async () => {
        const r = await send(route, johns(), `Bearer ${tokens.expired}`);
        assertDenied(r, `${route} × expired`, 401, ['session_expired']);
        assertNoneOf(r, `${route} × expired`, JOHNS_DATA);
      });

      it(`${route}: a signed-out token → 401 session_expired`, async () => {
        const r = await send(route, johns(), `Bearer ${tokens.signedOut}`);
        assertDenied(r, `${route} × signed out`, 401, ['session_expired']);
        assertNoneOf(r, `${route} × signed out`, JOHNS_DATA);
      });

      it(`${route}: a guest look-up token → 401 session_expired`, async () => {
        const r = await send(route, johns(), `Bearer ${tokens.lookupJane}`);
        assertDenied(r, `${route} × look-up token`, 401, ['session_expired']);
        assertNoneOf(r, `${route} × look-up token`, [...JOHNS_DATA, 'Jane', 'Doe', '100200300']);
      });

      // Routes that name an account or a saved method: the other user's token meets them with a 404.
      if (route.includes('{account}') || route.includes('{id}')) {
        const code = route.includes('{id}') ? 'not_found' : 'account_not_found';
        it(`${route}: Maria's token on John's ${route.includes('{id}') ? 'saved method' : 'account'} → 404 ${code}`, async () => {
          for (const account of ['100200301', '100200302']) {
            const r = await send(route, build(account, johnsMethod), `Bearer ${tokens.maria}`);
            assertDenied(r, `${route} × Maria on ${account}`, 404, [code]);
            assertNoneOf(r, `${route} × Maria on ${account}`, JOHNS_DATA);
          }
        });
      }
      if (route.includes('{account}')) {
        it(`${route}: John's token on Maria's account → 404 account_not_found`, async () => {
          const r = await send(route, build('100200303', johnsMethod), `Bearer ${tokens.john}`);
          assertDenied(r, `${route} × John on 100200303`, 404, ['account_not_found']);
          assertNoneOf(r, `${route} × John on 100200303`, MARIAS_DATA);
        });
      }
    }

    it("Maria's own account with John's saved method (payment, AutoPay) → 404 not_found", async () => {
      for (const route of ['post /accounts/{account}/payments', 'put /accounts/{account}/autopay']) {
        const r = await send(route, SIGNED_IN[route]!('100200303', johnsMethod), `Bearer ${tokens.maria}`);
        assertDenied(r, `${route} × Maria with John's method`, 404, ['not_found']);
        assertNoneOf(r, `${route} × Maria with John's method`, JOHNS_DATA);
      }
    });

    it("reached no InvoiceCloud write, and read nothing but the callers' own accounts", async () => {
      const log = await stack.calls();
      assert.deepEqual(
        log.filter((c) => WRITE_OPERATIONS.has(c.operation)).map((c) => c.operation),
        [],
      );
      // Syncing a caller's own session (Retrieve User Accounts) is the only call a refused request may cause.
      assert.deepEqual(
        [...new Set(log.map((c) => c.operation))].filter((op) => op !== 'RetrieveUserAccounts'),
        [],
      );
      assert.deepEqual(await stack.account('100200301'), johnBefore, "John's account, AutoPay and saved methods are as they were");
      assert.equal((await stack.payments('100200301')).length, 1, 'only the seeded payment');
    });

    it('the right token gets past authentication on the same requests (reads answer, writes stop at validation)', async () => {
      for (const route of ['get /me', 'get /accounts', 'get /accounts/{account}/bills', 'get /payment-methods']) {
        const r = await send(route, SIGNED_IN[route]!('100200301', johnsMethod), `Bearer ${tokens.john}`);
        assert.equal(r.status, 200, `${route} × John: HTTP ${r.status}`);
      }
      const status = await send(
        'get /accounts/{account}/payments/{key}',
        SIGNED_IN['get /accounts/{account}/payments/{key}']!('100200301', johnsMethod),
        `Bearer ${tokens.john}`,
      );
      assertDenied(status, 'payment status × John', 404, ['not_found']);
      for (const route of sessionRoutes.filter((r) => SIGNED_IN[r]!('100200301', johnsMethod).body !== undefined)) {
        // The same request with a body that fails validation: proof the credential was accepted, with nothing written.
        const call = { ...SIGNED_IN[route]!('100200301', johnsMethod), body: [] };
        const r = await send(route, call, `Bearer ${tokens.john}`);
        assertDenied(r, `${route} × John, invalid body`, 400, ['validation_failed']);
      }
      assert.deepEqual(
        (await stack.calls()).filter((c) => WRITE_OPERATIONS.has(c.operation)).map((c) => c.operation),
        [],
      );
    });
  });

  describe('host routes', () => {
    for (const path of ['/sessions', '/registrations']) {
      it(`POST ${path} without the host key → 401 unauthorized, and InvoiceCloud is not called`, async () => {
        await stack.clearCalls();
        const keys: [string, Record<string, string>][] = [
          ['no key', {}],
          ['wrong key', { 'x-ic-host-key': `${TEST_HOST_KEY}x` }],
          ['key prefix', { 'x-ic-host-key': TEST_HOST_KEY.slice(0, -1) }],
          ['a session token as key', { 'x-ic-host-key': tokens.john }],
          ['a look-up token as key', { 'x-ic-host-key': tokens.lookupJane }],
          ['the host key as a Bearer token', { authorization: `Bearer ${TEST_HOST_KEY}` }],
          ['a session token as Bearer', { authorization: `Bearer ${tokens.john}` }],
        ];
        for (const [label, headers] of keys) {
          const r = await request(`${stack.brokerUrl}${path}`, { method: 'POST', json: MARIA, headers });
          assertDenied(r, `POST ${path} × ${label}`, 401, ['unauthorized']);
          assert.ok(!('token' in (r.body ?? {})), `POST ${path} × ${label}: a session was opened`);
        }
        assert.deepEqual(await stack.calls(), [], `POST ${path}: InvoiceCloud was called`);
      });
    }
  });

  describe('guest payment routes', () => {
    const payment = () => ({ invoiceNumber: 'INV-1001', amountCents: 8420, method: visa() });
    const pay = (authorization: string | undefined, key = randomUUID()) =>
      request(`${stack.brokerUrl}/guest/payments`, {
        method: 'POST',
        json: payment(),
        headers: { 'idempotency-key': key, ...(authorization !== undefined ? { authorization } : {}) },
      });
    const status = (key: string, authorization: string | undefined) =>
      request(`${stack.brokerUrl}/guest/payments/${key}`, { headers: authorization !== undefined ? { authorization } : {} });
    const payments = (account: string) => stack.payments(account);

    it('POST /guest/payments: no token → 401 unauthorized; a session token → 401 lookup_expired', async () => {
      assertDenied(await pay(undefined), 'guest pay × no token', 401, ['unauthorized']);
      assertDenied(await pay(`Bearer ${tokens.john}`), 'guest pay × session token', 401, ['lookup_expired']);
      assertDenied(await pay('Bearer not.a.jwt'), 'guest pay × malformed', 401, ['lookup_expired']);
      assertDenied(await pay(`Bearer ${tokens.lookupJane}x`), 'guest pay × tampered look-up token', 401, ['lookup_expired']);
    });

    it("Garcia's look-up token cannot pay Jane Doe's INV-1001: 409 invoice_not_payable, and no payment anywhere", async () => {
      const key = randomUUID();
      const r = await pay(`Bearer ${tokens.lookupGarcia}`, key);
      assertDenied(r, "guest pay × Garcia's token on INV-1001", 409, ['invoice_not_payable']);
      assertNoneOf(r, 'guest pay × Garcia', ['Jane', 'Doe', '100200300']);
      assert.deepEqual(await payments('100200300'), []);
      assert.deepEqual(await payments('100200303'), []);
      assert.equal((await stack.account('100200300')).balanceCents, 8420, 'INV-1001 is still open');
      // The attempt's key belongs to Garcia's look-up: Jane's token cannot see it.
      assertDenied(await status(key, `Bearer ${tokens.lookupJane}`), 'guest status × Jane on a Garcia key', 404, ['not_found']);
    });

    it('GET /guest/payments/{key}: no token → 401 unauthorized; a session token → 401 lookup_expired', async () => {
      const key = randomUUID();
      assertDenied(await status(key, undefined), 'guest status × no token', 401, ['unauthorized']);
      assertDenied(await status(key, `Bearer ${tokens.john}`), 'guest status × session token', 401, ['lookup_expired']);
    });
  });
});
