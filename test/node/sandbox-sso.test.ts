/**
 * CloudSSO in the sandbox over a real socket: Remote Authentication →
 * CloudSSOConnect → the single-use page on the sandbox's own origin, its CSP,
 * expiry on an injected clock, the Pay By Text page API, and secrets on disk.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Script } from 'node:vm';
import { createSandbox, startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { SANDBOX_AUTH } from './sandbox-operations.ts';

const JOHN_EMAIL = 'john.smith@example.com';
const PARENT = 'http://localhost:5173';
const CSP = (ancestors: string) =>
  `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'self'`;

const START = Date.parse('2026-12-01T12:00:00.000Z');
let clock = START;
let sbx: RunningSandbox;

async function api(path: string, body: unknown, base = sbx.url): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/v1/${path}`, {
    method: 'POST',
    headers: { authorization: SANDBOX_AUTH },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function token(Username = JOHN_EMAIL, AccountNumber = '100200301', base = sbx.url): Promise<string> {
  const res = await api('remoteauth/RemoteAuthentication', { Username, AccountNumber }, base);
  assert.equal(res.status, 200);
  return res.body.RemoteAuthenticationToken;
}

const connect = (RemoteAuthenticationToken: string, RedirectId = 1, ParentOrigin = PARENT) =>
  api('cloudsso/CloudSSOConnect', { RemoteAuthenticationToken, RedirectId, ParentOrigin });

async function ssoUrl(RedirectId = 1, Username = JOHN_EMAIL, AccountNumber = '100200301'): Promise<string> {
  const res = await connect(await token(Username, AccountNumber), RedirectId);
  assert.equal(res.status, 200);
  return res.body.Url;
}

async function page(url: string): Promise<{ status: number; headers: Headers; html: string }> {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

const pageToken = (html: string) => /data-page-token="([^"]+)"/.exec(html)?.[1] ?? '';

async function payByText(bearer: string | null, body: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer !== null) headers['authorization'] = `Bearer ${bearer}`;
  const res = await fetch(`${sbx.url}/cloudsso/api/pay-by-text`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const account = async (n: string) => (await (await fetch(`${sbx.url}/__sandbox/accounts/${n}`)).json()) as { payByText: boolean };

before(async () => {
  sbx = await startSandbox({ now: () => new Date(clock) });
});
after(() => sbx.close());
beforeEach(async () => {
  clock = START;
  await fetch(`${sbx.url}/__sandbox/reset`, { method: 'POST' });
});

describe('CloudSSOConnect', () => {
  it('answers a single-use URL on the sandbox origin, valid 60 s, different every time', async () => {
    const t = await token();
    const a = await connect(t);
    const b = await connect(t, 11);
    assert.equal(a.status, 200);
    assert.equal(a.body.ExpiresInSeconds, 60);
    assert.match(a.body.Url, new RegExp(`^${sbx.url.replace(/\./g, '\\.')}/cloudsso/[A-Za-z0-9_-]{43}$`));
    assert.notEqual(a.body.Url, b.body.Url);
  });

  it('answers 401 InvalidToken to an unknown or expired token', async () => {
    assert.deepEqual((await connect('not-a-token')).body.ErrorCode, 'InvalidToken');
    const t = await token();
    clock += 1800 * 1000;
    const late = await connect(t);
    assert.deepEqual([late.status, late.body.ErrorCode], [401, 'InvalidToken']);
  });

  it('answers 400 UnknownRedirect, InvalidParentOrigin or InvalidRequest to bad pages and origins', async () => {
    const t = await token();
    assert.deepEqual((await connect(t, 2)).body.ErrorCode, 'UnknownRedirect');
    for (const origin of [`${PARENT}/portal.html`, 'ftp://localhost:5173', `${PARENT}?x=1`]) {
      assert.deepEqual(
        Object.values(await connect(t, 1, origin)),
        [400, { ErrorCode: 'InvalidParentOrigin', Message: 'ParentOrigin must be an http(s) origin, without a path.' }],
        origin,
      );
    }
    assert.equal((await connect(t, 1, `${PARENT}/`)).status, 200, 'a trailing slash is still just the origin');
    const bad = await api('cloudsso/CloudSSOConnect', { RemoteAuthenticationToken: t, RedirectId: '11', ParentOrigin: PARENT });
    assert.deepEqual([bad.status, bad.body.ErrorCode], [400, 'InvalidRequest']);
  });
});

describe('GET /cloudsso/:code', () => {
  it('serves the dashboard once, framable only by the parent origin, then 410 expired', async () => {
    const url = await ssoUrl(1);
    assert.equal((await fetch(url, { method: 'HEAD' })).status, 405, 'a HEAD does not spend the code');
    const first = await page(url);
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(first.headers.get('content-security-policy'), CSP(PARENT));
    assert.equal(first.headers.get('referrer-policy'), 'no-referrer');
    assert.match(first.html, /^<!doctype html>\n<html lang="en">/);
    assert.match(first.html, /<title>Customer portal — Springfield Water &#38; Power<\/title>/);
    assert.match(first.html, /<h1>Springfield Water &#38; Power — Customer portal<\/h1>/);
    assert.match(first.html, /<main id="main" data-page="dashboard" data-parent-origin="http:\/\/localhost:5173">/);
    for (const text of ['John Smith', 'Account 100200301', 'Account 100200302', '$142.75', '$0.00', '<header', '<footer'])
      assert.ok(first.html.includes(text), text);
    assert.ok(!first.html.includes('100200305'), 'only the accounts the login sees');
    // No inline script or style: the CSP would block them.
    assert.doesNotMatch(first.html, /<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=/i);

    const second = await page(url);
    assert.equal(second.status, 410);
    assert.equal(second.headers.get('content-security-policy'), CSP(PARENT));
    assert.match(second.html, /<h1>This link has expired<\/h1>/);
    assert.match(second.html, /data-page="expired" data-parent-origin="http:\/\/localhost:5173"/);
  });

  it('expires the code after 60 s on the injected clock', async () => {
    const early = await ssoUrl(1);
    const late = await ssoUrl(1);
    clock += 59_999;
    assert.equal((await page(early)).status, 200);
    clock += 1;
    const expired = await page(late);
    assert.equal(expired.status, 410);
    assert.match(expired.html, /This link has expired/);
    assert.match(expired.html, /data-parent-origin="http:\/\/localhost:5173"/);
  });

  it('answers an unknown code with the expired page, framable by no one and telling no one', async () => {
    const res = await page(`${sbx.url}/cloudsso/nope`);
    assert.equal(res.status, 410);
    assert.equal(res.headers.get('content-security-policy'), CSP("'none'"));
    assert.match(res.html, /<main id="main" data-page="expired">/);
  });

  it('serves sso.js and sso.css; the script parses and posts only to the parent origin', async () => {
    const js = await fetch(`${sbx.url}/cloudsso/assets/sso.js`);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    const code = await js.text();
    assert.doesNotThrow(() => new Script(code));
    for (const type of ['ic-sso:loaded', 'ic-sso:resize', 'ic-sso:pay-by-text-changed', 'ic-sso:expired', 'ResizeObserver'])
      assert.ok(code.includes(type), type);
    assert.match(code, /postMessage\(message, parentOrigin\)/);
    assert.doesNotMatch(code, /['"]\*['"]/);
    const css = await fetch(`${sbx.url}/cloudsso/assets/sso.css`);
    assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
    assert.match(await css.text(), /prefers-color-scheme: dark/);
  });

  it('escapes customer data in the page', async () => {
    await api('customers/CreateCustomerRecord', {
      AccountNumber: '100200304',
      FirstName: '<b>Alex</b>',
      LastName: 'Lee"',
      EmailAddress: 'alex.lee@example.com',
    });
    await api('remoteauth/RegisterAccounts', {
      Username: 'alex.lee@example.com',
      EmailAddress: 'alex.lee@example.com',
      LoginTypeID: 1,
      AccountNumbers: ['100200304'],
    });
    const { html } = await page(await ssoUrl(1, 'alex.lee@example.com', '100200304'));
    assert.ok(html.includes('&#60;b&#62;Alex&#60;/b&#62; Lee&#34;'));
    assert.ok(!html.includes('<b>Alex'));
  });
});

describe('Pay By Text page (RedirectId 11)', () => {
  it('enrolls and unenrolls through the page API, reflected in the sandbox state and the next page', async () => {
    const first = await page(await ssoUrl(11));
    assert.equal(first.status, 200);
    assert.match(first.html, /<h1>Pay By Text<\/h1>/);
    assert.match(first.html, /<label for="pbt-mobile">Mobile number<\/label>/);
    assert.match(first.html, /<p id="pbt-error" class="error" role="alert"><\/p>/);
    assert.match(first.html, /Pay By Text is off for this account\./);
    assert.match(first.html, /<form id="pbt-unenroll" class="card" hidden>/);
    const t = pageToken(first.html);
    assert.ok(t.length >= 32);
    await fetch(`${sbx.url}/__sandbox/calls`, { method: 'DELETE' });

    assert.deepEqual(await payByText(t, { action: 'enroll', mobileNumber: '(217) 555-0142' }), {
      status: 200,
      body: { enrolled: true, mobileLast4: '0142' },
    });
    assert.equal((await account('100200301')).payByText, true);
    const accounts = await api('remoteauth/RetrieveUserAccounts', { LoginGuid: 'd0000000-0000-4000-8000-000000000301' });
    assert.equal(accounts.body.Accounts[0].PayByText, true);
    const again = await page(await ssoUrl(11));
    assert.match(again.html, /Bills are texted to the number ending in 0142\./);
    assert.match(again.html, /<form id="pbt-enroll" class="card" novalidate hidden>/);

    assert.deepEqual(await payByText(t, { action: 'unenroll' }), { status: 200, body: { enrolled: false, mobileLast4: null } });
    assert.equal((await account('100200301')).payByText, false);
    const log = (await (await fetch(`${sbx.url}/__sandbox/calls`)).json()) as { operation: string }[];
    assert.ok(!log.some((c) => c.operation.toLowerCase().includes('text')), 'page actions are not web-service calls');
  });

  it('accepts US formats and refuses anything else with 400 InvalidMobileNumber', async () => {
    const t = pageToken((await page(await ssoUrl(11))).html);
    for (const n of ['+1 217 555 0142', '217.555.0142', '12175550142', '2175550142']) {
      assert.equal((await payByText(t, { action: 'enroll', mobileNumber: n })).status, 200, n);
    }
    await payByText(t, { action: 'unenroll' });
    for (const n of ['555-0142', '(117) 555-0142', '217 155 0142', 'call me', '+44 20 7946 0958', '']) {
      assert.deepEqual(
        Object.values(await payByText(t, { action: 'enroll', mobileNumber: n })).map((v: any) => v.error?.code ?? v),
        [400, 'InvalidMobileNumber'],
        n,
      );
    }
    assert.equal((await account('100200301')).payByText, false);
    assert.deepEqual((await payByText(t, { action: 'subscribe' })).body.error.code, 'InvalidRequest');
  });

  it('answers 401 InvalidToken to a missing, wrong or expired page token', async () => {
    const t = pageToken((await page(await ssoUrl(11))).html);
    for (const bearer of [null, 'wrong-token', `${t}x`]) {
      assert.deepEqual(await payByText(bearer, { action: 'unenroll' }).then((r) => [r.status, r.body.error.code]), [401, 'InvalidToken']);
    }
    const dashboard = await page(await ssoUrl(1));
    assert.ok(!dashboard.html.includes('data-page-token'), 'the dashboard has no actions, so no token');
    clock += 1800 * 1000;
    assert.equal((await payByText(t, { action: 'enroll', mobileNumber: '2175550142' })).status, 401);
    assert.equal((await account('100200301')).payByText, false);
  });

  it('works for Maria once she is registered', async () => {
    await api('remoteauth/RegisterAccounts', {
      Username: 'maria.garcia@example.com',
      EmailAddress: 'maria.garcia@example.com',
      LoginTypeID: 1,
      AccountNumbers: ['100200303'],
    });
    const { html } = await page(await ssoUrl(11, 'maria.garcia@example.com', '100200303'));
    assert.match(html, /Account 100200303 · Maria Garcia/);
    assert.equal((await payByText(pageToken(html), { action: 'enroll', mobileNumber: '312-555-0199' })).status, 200);
    assert.equal((await account('100200303')).payByText, true);
    assert.equal((await account('100200301')).payByText, false);
  });

  it('opens the shared 100200306 for Sam as for Pat, until Sam unregisters it', async () => {
    const sam = 'sam.rivera@example.com';
    const { html } = await page(await ssoUrl(11, sam, '100200306'));
    assert.match(html, /Account 100200306 · Pat Rivera/);
    const t = pageToken(html);
    assert.equal((await payByText(t, { action: 'enroll', mobileNumber: '312-555-0188' })).status, 200);
    assert.match((await page(await ssoUrl(1, 'pat.rivera@example.com', '100200306'))).html, /100200306/);
    assert.equal((await account('100200306')).payByText, true);
    await api('remoteauth/UnregisterAccounts', { LoginGuid: 'd0000000-0000-4000-8000-000000010306', AccountNumber: '100200306' });
    assert.equal((await payByText(t, { action: 'unenroll' })).status, 401, "Sam's page token no longer speaks for the account");
    assert.equal((await account('100200306')).payByText, true);
  });
});

describe('publicUrl and secrets on disk', () => {
  it('builds SSO URLs on publicUrl when given, and on the call origin in-process', async () => {
    const other = await startSandbox({ publicUrl: 'http://localhost:5174/' });
    try {
      const res = await api(
        'cloudsso/CloudSSOConnect',
        { RemoteAuthenticationToken: await token(JOHN_EMAIL, '100200301', other.url), RedirectId: 1, ParentOrigin: PARENT },
        other.url,
      );
      assert.match(res.body.Url, /^http:\/\/localhost:5174\/cloudsso\/[A-Za-z0-9_-]+$/);
    } finally {
      await other.close();
    }
    const s = createSandbox();
    try {
      const call = (path: string, body: unknown) =>
        s.app.request(`/api/v1/${path}`, { method: 'POST', headers: { authorization: SANDBOX_AUTH }, body: JSON.stringify(body) });
      const t = (
        (await (await call('remoteauth/RemoteAuthentication', { Username: JOHN_EMAIL, AccountNumber: '100200301' })).json()) as any
      ).RemoteAuthenticationToken;
      const res = (await (
        await call('cloudsso/CloudSSOConnect', { RemoteAuthenticationToken: t, RedirectId: 1, ParentOrigin: PARENT })
      ).json()) as any;
      assert.match(res.Url, /^http:\/\/localhost\/cloudsso\//);
    } finally {
      s.close();
    }
  });

  it('never writes a password, token, code or page token in clear to the SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ic-sandbox-sso-'));
    try {
      const disk = await startSandbox({ dbPath: join(dir, 'sandbox.db') });
      const secrets: string[] = ['meter-demo-1', 'Plain-Secret-Pw-7', 'Maria-Secret-Pw-8'];
      try {
        const on = (path: string, body: unknown) => api(path, body, disk.url);
        assert.equal(
          (
            await on('remoteauth/UpdatePassword', {
              LoginGuid: 'd0000000-0000-4000-8000-000000000301',
              CurrentPassword: 'meter-demo-1',
              NewPassword: 'Plain-Secret-Pw-7',
            })
          ).status,
          200,
        );
        const maria = (
          await on('remoteauth/RegisterAccounts', {
            Username: 'maria.garcia@example.com',
            EmailAddress: 'maria.garcia@example.com',
            LoginTypeID: 1,
            AccountNumbers: ['100200303'],
          })
        ).body.LoginGuid;
        assert.equal((await on('remoteauth/UpdatePassword', { LoginGuid: maria, NewPassword: 'Maria-Secret-Pw-8' })).status, 200);
        const t = await token(JOHN_EMAIL, '100200301', disk.url);
        const url = (await on('cloudsso/CloudSSOConnect', { RemoteAuthenticationToken: t, RedirectId: 11, ParentOrigin: PARENT })).body
          .Url as string;
        const html = await (await fetch(url)).text();
        secrets.push(t, url.split('/').pop()!, pageToken(html));
      } finally {
        await disk.close();
      }
      const bytes = readdirSync(dir)
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n');
      assert.ok(bytes.includes('maria.garcia@example.com'), 'the login was written');
      assert.match(bytes, /scrypt\$16384\$8\$1\$/);
      for (const secret of secrets) assert.ok(!bytes.includes(secret), `found ${secret.slice(0, 6)}… in the database file`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
