/**
 * The audit trail: every change of money or access is one `audit` event with
 * its actor, account, request id and time, and nothing secret; and no token the
 * broker mints (session, look-up, emailed approval, single-use SSO URL) ever
 * reaches a log line.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { capturedLogger } from '../support/logs.ts';
import { StackFixture } from './stack-fixture.ts';
import { USERS, type TestUser } from '../support/users.ts';
import { type Reply } from './http.ts';
import { visa } from '../support/cards.ts';

const HOST = 'http://portal.example';

const stack = new StackFixture();
const { logger, lines } = capturedLogger();
/** Every token and URL the broker handed out in this run. */
const minted = new Set<string>();

interface AuditLine {
  name: string;
  level: number;
  event: string;
  actor: string;
  accountNumber?: string;
  requestId: string;
  at: string;
  [k: string]: unknown;
}
const audits = () => lines.map((l) => JSON.parse(l) as Partial<AuditLine>).filter((l): l is AuditLine => l.name === 'audit');

async function call(path: string, init: RequestInit & { json?: unknown; token?: string } = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  return stack.broker(path, { ...init, headers });
}

async function signIn(user: TestUser): Promise<string> {
  const token = await stack.signIn(user);
  minted.add(token);
  return token;
}

/** The one audit event of `event` that request `r` wrote. */
function eventOf(r: Reply, event: string): AuditLine {
  const requestId = r.headers.get('x-request-id');
  const found = audits().filter((a) => a.event === event && a.requestId === requestId);
  assert.equal(found.length, 1, `one ${event} for request ${requestId}: ${JSON.stringify(audits().map((a) => [a.event, a.requestId]))}`);
  const [e] = found;
  assert.equal(e!.level, 30, 'info level');
  assert.ok(Math.abs(Date.parse(e!.at) - Date.now()) < 60_000, 'a time');
  return e!;
}

describe('broker: audit trail', () => {
  stack.use({ broker: { corsOrigins: [HOST], verificationUrl: `${HOST}/verify.html#token={token}`, logger } }, { reset: 'never' });
  before(() => stack.reset());

  it('records a guest payment and its decline against the look-up token id, never the token', async () => {
    const look = await call('/guest/lookup', { method: 'POST', json: { accountNumber: '100200300', lastName: 'Doe' } });
    const lookupToken = look.body.lookupToken as string;
    minted.add(lookupToken);
    const r = await call('/guest/payments', {
      method: 'POST',
      token: lookupToken,
      headers: { 'idempotency-key': randomUUID() },
      json: { invoiceNumber: 'INV-1001', amountCents: 8420, method: visa({ number: '4000000000000002' }) },
    });
    assert.equal(r.status, 402);
    const attempted = eventOf(r, 'payment_attempted');
    const declined = eventOf(r, 'payment_declined');
    const tokenId = JSON.parse(Buffer.from(lookupToken.split('.')[1]!, 'base64url').toString()).jti as string;
    for (const e of [attempted, declined]) {
      assert.equal(e.actor, `guest:${tokenId}`);
      assert.equal(e.accountNumber, '100200300');
    }
    assert.deepEqual(attempted.method, { kind: 'card', brand: 'visa', last4: '0002' });
    assert.equal(attempted.amountCents, 8420);
    assert.equal(declined.code, 'card_declined');
  });

  it('records each signed-in change of money or access, with the user as actor', async () => {
    const opened = await stack.session(USERS.john);
    const token = opened.body.token as string;
    minted.add(token);
    assert.equal(eventOf(opened, 'session_opened').actor, 'user:mymeter-john');

    const user = (r: Reply, event: string, accountNumber?: string) => {
      assert.ok(r.status < 300, `${event}: ${r.status} ${r.text}`);
      const e = eventOf(r, event);
      assert.equal(e.actor, 'user:mymeter-john', event);
      if (accountNumber) assert.equal(e.accountNumber, accountNumber, event);
      return e;
    };

    const methodId = (await call('/payment-methods', { token })).body.methods[0].id as string;
    const paid = await call('/accounts/100200301/payments', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': randomUUID() },
      json: { invoiceNumber: 'INV-2001', amountCents: 14275, method: { kind: 'saved', id: methodId } },
    });
    user(paid, 'payment_attempted', '100200301');
    assert.equal(user(paid, 'payment_succeeded', '100200301').confirmationNumber, paid.body.receipt.confirmationNumber);

    const stored = await call('/payment-methods', { method: 'POST', token, json: { method: visa({ number: '5555555555554444' }) } });
    assert.deepEqual(user(stored, 'payment_method_stored').method, {
      id: stored.body.id,
      kind: 'card',
      brand: 'mastercard',
      last4: '4444',
    });
    user(
      await call(`/payment-methods/${stored.body.id}`, { method: 'PATCH', token, json: { nickname: 'Work card' } }),
      'payment_method_updated',
    );
    user(await call(`/payment-methods/${stored.body.id}`, { method: 'DELETE', token }), 'payment_method_removed');
    assert.equal(
      user(await call('/accounts/100200301/autopay', { method: 'PUT', token, json: { enabled: true } }), 'autopay_changed', '100200301')
        .enabled,
      true,
    );
    assert.equal(
      user(
        await call('/accounts/100200301/paperless', { method: 'PUT', token, json: { enabled: false } }),
        'paperless_changed',
        '100200301',
      ).enabled,
      false,
    );
    user(
      await call('/accounts/links', { method: 'POST', token, json: { accountNumber: '100200305', lastName: 'Smith' } }),
      'account_linked',
      '100200305',
    );
    assert.deepEqual(
      user(await call('/accounts/100200305', { method: 'DELETE', token }), 'account_unregistered', '100200305').unregistered,
      ['100200305'],
    );

    const sso = await call('/sso', { method: 'POST', token, headers: { origin: HOST }, json: { target: 'dashboard' } });
    minted.add(sso.body.url);
    minted.add(new URL(sso.body.url).pathname.split('/').at(-1)!);
    assert.equal(user(sso, 'sso_url_issued').target, 'dashboard');

    const changed = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-1', newPassword: 'a-new-secret-42' },
    });
    assert.equal(user(changed, 'credentials_change_requested').outcome, 'updated');
    assert.equal(user(changed, 'credentials_change_applied').password, true);

    user(await call('/sessions/current', { method: 'DELETE', token }), 'session_ended');
  });

  it('records a change approved from the emailed link as applied by its user', async () => {
    const token = await signIn(USERS.maria);
    const asked = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-2', newPassword: 'maria-new-pass-1' },
    });
    assert.equal(eventOf(asked, 'credentials_change_requested').outcome, 'verification_sent');
    const link = /verify\.html#token=(\S+)/.exec((await stack.outbox())[0]!.text)![1]!;
    minted.add(link);
    assert.equal((await call('/verifications/preview', { method: 'POST', json: { token: link } })).status, 200);
    const approved = await call('/verifications/approve', { method: 'POST', json: { token: link, newPassword: 'maria-new-pass-1' } });
    assert.equal(approved.status, 200, approved.text);
    const e = eventOf(approved, 'credentials_change_applied');
    assert.equal(e.actor, 'user:mymeter-maria');
    assert.equal(e.password, true);
  });

  /** Signs a user in; the `session_opened` event of that sign-in. */
  const opened = async (user: TestUser & { reRegister?: string[] }) => {
    const reply = await stack.session(user);
    minted.add(reply.body.token as string);
    return eventOf(reply, 'session_opened');
  };

  it('records the accounts a sign-in left out, and why, by account number only', async () => {
    const johns = [{ accountNumber: '100200301', reason: 'registered_to_another_login' }];
    const sam = await opened({ ...USERS.sam, accountNumbers: ['100200301', '100200306'] });
    assert.deepEqual([sam.accountNumbers, sam.leftOut, sam.invoiceCloudLogin], [['100200301', '100200306'], johns, true]);
    const mallory = await opened({
      userId: 'host-mallory',
      email: 'mallory@example.com',
      name: 'Mallory Jones',
      accountNumbers: ['100200301'],
    });
    assert.deepEqual([mallory.actor, mallory.leftOut, mallory.invoiceCloudLogin], ['user:host-mallory', johns, false]);
  });

  it('records the accounts a sign-in kept out because the user unregistered them, and those the host listed in reRegister', async () => {
    const first = await opened(USERS.john);
    assert.deepEqual([first.leftOut, first.reRegistered], [[], []]);
    const token = await signIn(USERS.john);
    assert.ok((await call('/accounts/100200302', { method: 'DELETE', token })).status < 300);
    const kept = await opened(USERS.john);
    assert.deepEqual([kept.leftOut, kept.reRegistered], [[{ accountNumber: '100200302', reason: 'unregistered' }], []]);
    const back = await opened({ ...USERS.john, reRegister: ['100200302'] });
    assert.deepEqual([back.leftOut, back.reRegistered, back.invoiceCloudLogin], [[], ['100200302'], true]);
  });

  it('writes no token it minted, and no password, into any log line', () => {
    assert.ok(minted.size >= 6, `tokens were minted: ${minted.size}`);
    const log = lines.join('\n');
    for (const secret of [...minted, 'a-new-secret-42', 'maria-new-pass-1', 'meter-demo-1', 'meter-demo-2']) {
      assert.ok(!log.includes(secret), `a log line holds ${secret.slice(0, 12)}…: ${lines.find((l) => l.includes(secret))}`);
    }
  });
});
