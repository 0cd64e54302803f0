import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createInvoiceCloud } from '../../src/invoicecloud/api.ts';
import { capturedLogger } from '../support/logs.ts';
import { TEST_HOST_KEY } from '../support/stack.ts';
import { StackFixture } from './stack-fixture.ts';
import { USERS } from '../support/users.ts';

const { john: JOHN, maria: MARIA, sam: SAM } = USERS;
const HOST = 'http://portal.example';

const stack = new StackFixture();
const dataDir = mkdtempSync(join(tmpdir(), 'ic-sso-'));
/** Every Remote Authentication Token InvoiceCloud handed the broker, seen on the wire. */
const remoteAuthTokens = new Set<string>();
/** The account each of those tokens was asked for. */
const remoteAuthAccounts = new Set<string>();
/** Every broker session token handed to the host: kept only as a hash. */
const sessionTokens = new Set<string>();
const { logger, lines: logs } = capturedLogger();
const responses: string[] = [];

async function call(path: string, init: RequestInit & { json?: unknown; token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const r = await stack.broker(path, { ...init, headers });
  responses.push(r.text, JSON.stringify([...r.headers]));
  return r;
}
async function open(user: typeof JOHN) {
  const r = await call('/sessions', { method: 'POST', json: user, headers: { 'x-ic-host-key': TEST_HOST_KEY } });
  assert.equal(r.status, 200, r.text);
  sessionTokens.add(r.body.token as string);
  return r.body.token as string;
}
/** The InvoiceCloud operations asked since the call log was cleared, in order. */
const operations = () => stack.operations();
const sso = (token: string, target: string, origin: string | null = HOST, accountNumber?: string) =>
  call('/sso', { method: 'POST', json: { target, accountNumber }, token, headers: origin ? { origin } : {} });
const forAccount = (token: string, target: string, accountNumber: string) => sso(token, target, HOST, accountNumber);
/** The InvoiceCloud calls since the log was last cleared, as [operation, account]. */
const calls = async () => (await stack.calls()).map((c) => [c.operation, c.accountNumber]);
/** Opens a URL /sso answered, once, and answers the page. */
async function pageOf(r: { status: number; text: string; body: { url: string } }) {
  assert.equal(r.status, 200, r.text);
  const html = await (await fetch(r.body.url)).text();
  responses.push(html);
  return html;
}

describe('broker: CloudSSO frames and credentials', () => {
  /** The broker's fetch to InvoiceCloud, noting every Remote Authentication Token it is handed, and for which account. */
  const spy: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const text = await res.clone().text();
    const m = /"RemoteAuthenticationToken"\s*:\s*"([^"]+)"/.exec(text);
    if (m) {
      remoteAuthTokens.add(m[1]!);
      remoteAuthAccounts.add((JSON.parse(String(init?.body)) as { AccountNumber: string }).AccountNumber);
    }
    return res;
  };
  stack.use({
    broker: {
      invoiceCloud: { fetch: spy },
      dbPath: join(dataDir, 'broker.db'),
      corsOrigins: [HOST],
      verificationUrl: 'http://portal.example/verify.html#token={token}',
      logger,
    },
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers a single-use CloudSSO URL on the InvoiceCloud origin that opens the dashboard once', async () => {
    const token = await open(JOHN);
    const r = await sso(token, 'dashboard');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.origin, new URL(stack.sandboxUrl).origin);
    assert.ok(Date.parse(r.body.expiresAt) - Date.now() <= 60_000);
    const page = await fetch(r.body.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors ${HOST}`));
    const html = await page.text();
    responses.push(html);
    assert.ok(html.includes('100200301') && html.includes('100200302'));
    assert.equal((await fetch(r.body.url)).status, 410, 'single use');
    assert.ok((await stack.calls()).some((c: { operation: string }) => c.operation === 'CloudSsoConnect'));
  });

  it("opens the Pay By Text enrollment page (redirect 11) for the user's own account only", async () => {
    const token = await open(MARIA);
    const r = await sso(token, 'pay-by-text');
    const html = await (await fetch(r.body.url)).text();
    responses.push(html);
    assert.match(html, /Pay By Text/i);
    assert.ok(html.includes('100200303'));
    assert.ok(!html.includes('100200301'));
  });

  it('refuses to mint a frame URL for a page of an origin it does not serve', async () => {
    const token = await open(JOHN);
    assert.equal((await sso(token, 'dashboard', 'http://evil.example')).status, 403);
    assert.equal((await sso(token, 'dashboard', null)).status, 403);
    assert.equal((await sso(token, 'nope')).status, 400);
    assert.equal((await sso('forged', 'dashboard')).status, 401);
  });

  describe('portal pages per account', () => {
    it("opens the Pay By Text page of the account asked for (John's second, 100200302), with a Remote Authentication for that account", async () => {
      const token = await open(JOHN);
      await stack.clearCalls();
      const html = await pageOf(await forAccount(token, 'pay-by-text', '100200302'));
      assert.match(html, /Account 100200302 · John Smith/);
      assert.ok(!html.includes('100200301'), 'only the account asked for');
      assert.deepEqual(await calls(), [
        ['RemoteAuthentication', '100200302'],
        ['CloudSsoConnect', '100200302'],
      ]);

      // Its token is kept: the next page for it needs no Remote Authentication; nor does the first
      // account's (the default), whose token sign-in obtained.
      await stack.clearCalls();
      assert.match(await pageOf(await forAccount(token, 'pay-by-text', '100200302')), /Account 100200302 ·/);
      assert.match(await pageOf(await sso(token, 'pay-by-text')), /Account 100200301 ·/);
      assert.match(await pageOf(await forAccount(token, 'dashboard', '100200302')), /Account 100200302/);
      assert.deepEqual(await calls(), [
        ['CloudSsoConnect', '100200302'],
        ['CloudSsoConnect', '100200301'],
        ['CloudSsoConnect', '100200302'],
      ]);
    });

    it('keeps the tokens of two pages asked for at once, for two accounts', async () => {
      const token = await open(JOHN);
      // InvoiceCloud ends the first account's token early: both pages obtain and keep a token at once.
      await stack.fault({ operation: 'CloudSsoConnect', status: 401, times: 1 });
      await stack.clearCalls();
      const [first, second] = await Promise.all([
        forAccount(token, 'pay-by-text', '100200301'),
        forAccount(token, 'pay-by-text', '100200302'),
      ]);
      assert.match(await pageOf(first), /Account 100200301 ·/);
      assert.match(await pageOf(second), /Account 100200302 ·/);
      assert.equal((await calls()).filter(([op]) => op === 'RemoteAuthentication').length, 2);
      await stack.clearCalls();
      await Promise.all([forAccount(token, 'pay-by-text', '100200301'), forAccount(token, 'pay-by-text', '100200302')]);
      assert.deepEqual(
        (await calls()).map(([op]) => op),
        ['CloudSsoConnect', 'CloudSsoConnect'],
        'both tokens were kept',
      );
    });

    it("renews an account's token once when InvoiceCloud has ended it early", async () => {
      const token = await open(JOHN);
      await pageOf(await forAccount(token, 'pay-by-text', '100200302'));
      await stack.clearCalls();
      await stack.fault({ operation: 'CloudSsoConnect', status: 401, times: 1 });
      assert.match(await pageOf(await forAccount(token, 'pay-by-text', '100200302')), /Account 100200302 ·/);
      assert.deepEqual(await calls(), [
        ['CloudSsoConnect', '100200302'],
        ['RemoteAuthentication', '100200302'],
        ['CloudSsoConnect', '100200302'],
      ]);
    });

    it("refuses an account that is not the session's with 404 account_not_found, asking InvoiceCloud nothing", async () => {
      const token = await open(JOHN);
      await stack.clearCalls();
      for (const accountNumber of ['100200303', '100200305', '999999999']) {
        const r = await forAccount(token, 'pay-by-text', accountNumber);
        assert.deepEqual([r.status, r.body.error.code], [404, 'account_not_found'], accountNumber);
      }
      assert.equal((await forAccount(token, 'pay-by-text', 'not a number')).status, 400);
      assert.deepEqual(await calls(), []);
    });

    it('answers 409 no_portal_account once every account is unregistered, also to a session that had not heard of it', async () => {
      const token = await open(JOHN);
      const other = await open(JOHN);
      // The other session has its pages' tokens from before.
      await pageOf(await forAccount(other, 'pay-by-text', '100200302'));
      const gone = await call('/accounts/100200301', { method: 'DELETE', token });
      assert.deepEqual(gone.body, { unregistered: ['100200301', '100200302'] });
      assert.deepEqual((await call('/accounts', { token })).body, { accounts: [] });

      for (const [who, accountNumber] of [
        [token, undefined],
        [token, '100200302'],
        [other, undefined],
        [other, '100200302'],
      ] as const) {
        const r = await sso(who, 'pay-by-text', HOST, accountNumber);
        assert.deepEqual([r.status, r.body.error.code], [409, 'no_portal_account'], r.text);
        assert.match(r.body.error.message, /^None of your accounts is registered online any more/);
      }
      // The other session learnt it from InvoiceCloud (its tokens were revoked), and now knows too.
      assert.deepEqual((await call('/accounts', { token: other })).body, { accounts: [] });
    });
  });

  it("changes the password at once when the host's email and password match InvoiceCloud's: the email on file from Retrieve Customer Details, the login from Retrieve LoginGUID", async () => {
    const token = await open(JOHN);
    await stack.clearCalls();
    const r = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-1', newPassword: 'a-new-secret-42' },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { status: 'updated' });
    const calls = await operations();
    // The two look-ups go together (one round trip: sign-in kept John's CustomerGUID), then the update.
    assert.deepEqual([calls.slice(0, 2).sort(), calls.slice(2)], [['RetrieveCustomerDetails', 'RetrieveLoginGuid'], ['UpdatePassword']]);
    assert.equal((await stack.outbox()).length, 0);
  });

  it('changes the email at once, then the password, when both are asked', async () => {
    const token = await open(JOHN);
    await stack.clearCalls();
    const r = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-1', newEmail: 'john@example.net', newPassword: 'a-new-secret-42' },
    });
    assert.deepEqual(r.body, { status: 'updated' });
    assert.deepEqual((await operations()).slice(2), ['UpdateEmail', 'UpdatePassword']);
    assert.equal((await stack.sandbox('/__sandbox/logins/john%40example.net')).body.email, 'john@example.net');
    // The session follows: a second change finds the renamed login and the customer record's new email.
    const again = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'a-new-secret-42', newPassword: 'a-newer-secret-43' },
    });
    assert.deepEqual(again.body, { status: 'updated' });
  });

  it('a login made at sign-in (no CustomerGUID kept) asks Retrieve CustomerGUID first, then checks as any other', async () => {
    // Maria's sign-in registered her account under a new login: Register Accounts gave no CustomerGUID.
    const token = await open(MARIA);
    await stack.clearCalls();
    const r = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-2', newPassword: 'maria-new-pass-1' },
    });
    assert.equal(r.body.status, 'verification_sent', r.text);
    const calls = await stack.calls();
    const seq = calls.map((c) => c.operation);
    assert.deepEqual(
      seq.filter((o) => o !== 'RetrieveLoginGuid'),
      ['RetrieveCustomerGuid', 'RetrieveCustomerDetails', 'UpdatePassword'],
    );
    assert.ok(seq.indexOf('RetrieveLoginGuid') < seq.indexOf('UpdatePassword'));
    assert.equal(calls.find((c) => c.operation === 'RetrieveCustomerDetails')!.accountNumber, '100200303');
  });

  it('an email changed in InvoiceCloud since sign-in: Retrieve LoginGUID no longer finds the login by the username, so nothing is changed (409 no_invoicecloud_login)', async () => {
    const token = await open(JOHN);
    // The utility changes John's email in InvoiceCloud itself; the username follows it.
    const ic = createInvoiceCloud({ baseUrl: `${stack.sandboxUrl}/api/v1/`, apiKey: 'sandbox-api-key' });
    const johnLogin = (await stack.sandbox('/__sandbox/logins/john.smith%40example.com')).body.loginGuid as string;
    assert.equal(await ic.updateEmail(johnLogin, 'john.elsewhere@example.net'), 'updated');
    await stack.clearCalls();
    const mails = (await stack.outbox()).length;
    const r = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-1', newPassword: 'a-new-secret-42' },
    });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.error.code, 'no_invoicecloud_login');
    assert.match(r.body.error.message, /no longer has your email address/);
    assert.deepEqual((await operations()).sort(), ['RetrieveCustomerDetails', 'RetrieveLoginGuid'], 'no update asked');
    assert.equal((await stack.outbox()).length, mails, 'no mail sent');
  });

  it("the email on the customer record is another person's (a shared account): never at once, and the approval goes to the user's own address", async () => {
    // Sam shares Pat's account 100200306: its customer record has Pat's email. First Sam gets a password in
    // InvoiceCloud, through the verification (his login has none yet).
    const token = await open(SAM);
    const first = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'sam-host-pass-1', newPassword: 'sam-ic-pass-77' },
    });
    assert.equal(first.body.status, 'verification_sent', first.text);
    const link = /#token=(\S+)/.exec((await stack.outbox())[0]!.text)![1]!;
    assert.deepEqual(
      (await call('/verifications/approve', { method: 'POST', json: { token: link, newPassword: 'sam-ic-pass-77' } })).body,
      { status: 'updated' },
    );
    // Now the password matches InvoiceCloud's, but the email on file does not: a verification again, to Sam.
    await stack.clearCalls();
    const r = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'sam-ic-pass-77', newPassword: 'sam-ic-pass-88' },
    });
    assert.equal(r.body.status, 'verification_sent', r.text);
    assert.equal(r.body.sentTo, 's•••@example.com');
    assert.equal((await stack.outbox())[0]!.to, 'sam.rivera@example.com');
    assert.ok(!(await operations()).includes('UpdatePassword'), 'nothing changed at once');
  });

  it("sends a verification email when InvoiceCloud's password differs, and changes nothing until the link is used once", async () => {
    const token = await open(MARIA);
    const before = (await stack.outbox()).length;
    const r = await call('/me/credentials', {
      method: 'PUT',
      token,
      json: { currentPassword: 'meter-demo-2', newPassword: 'maria-new-pass-1' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.status, 'verification_sent');
    assert.equal(r.body.sentTo, 'm•••@example.com');
    const mail = (await stack.outbox())[0]!;
    assert.equal((await stack.outbox()).length, before + 1);
    assert.equal(mail.to, 'maria.garcia@example.com');
    assert.ok(!mail.text.includes('maria-new-pass-1'), 'the mail carries no password');
    const link = /http:\/\/portal\.example\/verify\.html#token=(\S+)/.exec(mail.text)![1]!;
    assert.equal((await stack.sandbox('/__sandbox/logins/maria.garcia%40example.com')).body.hasPassword, false);

    const info = await call('/verifications/preview', { method: 'POST', json: { token: link } });
    assert.deepEqual({ ...info.body, expiresAt: undefined }, { newEmail: null, passwordChange: true, expiresAt: undefined });
    const missing = await call('/verifications/approve', { method: 'POST', json: { token: link } });
    assert.equal(missing.status, 400, 'the new password is asked again: the broker never kept it');
    const ok = await call('/verifications/approve', { method: 'POST', json: { token: link, newPassword: 'maria-new-pass-1' } });
    assert.deepEqual(ok.body, { status: 'updated' });
    assert.equal((await stack.sandbox('/__sandbox/logins/maria.garcia%40example.com')).body.hasPassword, true);
    assert.equal(
      (await call('/verifications/approve', { method: 'POST', json: { token: link, newPassword: 'maria-new-pass-1' } })).status,
      404,
      'single use',
    );
  });

  it('treats a wrong current password like a mismatch: verification, no change', async () => {
    const token = await open(JOHN);
    const r = await call('/me/credentials', { method: 'PUT', token, json: { currentPassword: 'not-it', newEmail: 'john@example.org' } });
    assert.equal(r.body.status, 'verification_sent');
    assert.equal((await stack.sandbox('/__sandbox/logins/john.smith%40example.com')).body.email, 'john.smith@example.com');
  });

  it('never lets the Remote Authentication Token out (responses, portal pages, logs, database) except through the one-time SSO exchange', async () => {
    assert.ok(remoteAuthTokens.size > 0, 'tokens were seen on the wire');
    // Every account's token is scanned for, not only the sign-in account's.
    assert.ok(
      ['100200301', '100200302', '100200303'].every((n) => remoteAuthAccounts.has(n)),
      'tokens of every account were seen',
    );
    // The database files too (including the write-ahead log of what is not yet checkpointed).
    const files = readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f)).toString('latin1'));
    const everything = [...responses, ...logs, ...files].join('\n');
    for (const t of remoteAuthTokens) assert.ok(!everything.includes(t), 'a response or log line carries the token');
    assert.ok(!everything.includes('meter-demo-1') && !everything.includes('maria-new-pass-1'), 'no password in responses or logs');
    // Session tokens go to the host in the sign-in answer, and are never written: not to the database, not to a log.
    const stored = [...logs, ...files].join('\n');
    assert.ok(sessionTokens.size > 0);
    for (const t of sessionTokens) assert.ok(!stored.includes(t), 'a session token in the database or a log line');
  });
});
