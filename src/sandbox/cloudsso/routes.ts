/**
 * `/cloudsso/...` on the sandbox's own origin — the InvoiceCloud portal pages
 * a host frames (DESIGN.md: `<ic-sso-frame>`; seed: Pay By Text, CloudSSO):
 * - `GET /cloudsso/:code`: spends a single-use code from CloudSSOConnect and
 *   renders its page; a spent, late or unknown code gets the 410 expired page.
 * - `GET /cloudsso/assets/sso.js|sso.css`: the only script and stylesheet.
 * - `POST /cloudsso/api/pay-by-text`: the Pay By Text page's action,
 *   authorized by the page token in `Authorization: Bearer` (framed
 *   third-party pages get no cookies, and a header needs no CSRF defence).
 * Page actions are not web-service operations, so they are not in the call log.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { SandboxEnv } from '../api.ts';
import type { Db } from '../db.ts';
import { findLoginByGuid, setPayByText } from '../logins.ts';
import { accountsOfLogin, balanceCents, findAccount, loginSeesAccount } from '../store.ts';
import { renderDashboard, renderExpired, renderPayByText } from './pages.ts';
import { SSO_CSS } from './sso-css.ts';
import { SSO_JS } from './sso-js.ts';
import { consumeSsoCode, findPageToken, issuePageToken, type PageGrant } from './state.ts';

export interface CloudSsoDeps {
  db: Db;
  now: () => Date;
}

/** The page's CSP: only our own assets, and framed only by the origin the code was issued for. */
export function pageCsp(frameAncestors: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

function htmlPage(c: Context, status: 200 | 410, html: string, frameAncestors: string): Response {
  return c.newResponse(html, status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pageCsp(frameAncestors),
    'referrer-policy': 'no-referrer',
    // The page carries a bearer token: never from a cache.
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
}

function asset(c: Context, body: string, contentType: string): Response {
  return c.newResponse(body, 200, {
    'content-type': contentType,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
}

/** The US mobile rule sso.js applies too: optional +1, then a 10-digit NANP number. Digits out, or undefined. */
export function usMobileDigits(raw: string): string | undefined {
  if (!/^[\d\s().+-]{10,20}$/.test(raw)) return undefined;
  let digits = raw.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) ? digits : undefined;
}

const PayByTextAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('enroll'), mobileNumber: z.string().max(40) }),
  z.object({ action: z.literal('unenroll') }),
]);

const apiError = (c: Context, status: 400 | 401, code: string, message: string) => c.json({ error: { code, message } }, status);

function renderGrant(db: Db, grant: PageGrant, now: Date): string | undefined {
  const login = findLoginByGuid(db, grant.loginGuid);
  const account = findAccount(db, grant.accountNumber);
  if (!login || !account) return undefined;
  const customerName = `${account.firstName} ${account.lastName}`;
  if (grant.page === 'dashboard') {
    const accounts = accountsOfLogin(db, login.loginGuid).map((a) => ({
      accountNumber: a.accountNumber,
      balanceCents: balanceCents(db, a.accountNumber),
      paperless: a.paperless,
      autopay: a.autopayMethodId !== null,
      payByText: a.payByText,
    }));
    return renderDashboard({ customerName, accounts, parentOrigin: grant.parentOrigin });
  }
  return renderPayByText({
    accountNumber: account.accountNumber,
    customerName,
    enrolled: account.payByText,
    last4: account.payByTextLast4,
    parentOrigin: grant.parentOrigin,
    pageToken: issuePageToken(db, grant, now),
  });
}

export function cloudSsoRoutes({ db, now }: CloudSsoDeps): Hono<SandboxEnv> {
  return new Hono<SandboxEnv>()
    .get('/assets/sso.js', (c) => asset(c, SSO_JS, 'text/javascript; charset=utf-8'))
    .get('/assets/sso.css', (c) => asset(c, SSO_CSS, 'text/css; charset=utf-8'))
    .post('/api/pay-by-text', async (c) => {
      const at = now();
      const m = /^Bearer\s+([A-Za-z0-9_-]{1,128})\s*$/.exec(c.req.header('authorization') ?? '');
      const grant = m?.[1] ? findPageToken(db, m[1], at) : undefined;
      // The token must still speak for a login that sees this account.
      if (!grant || grant.page !== 'pay-by-text' || !loginSeesAccount(db, grant.loginGuid, grant.accountNumber)) {
        return apiError(c, 401, 'InvalidToken', 'This page has expired. Close it and open Pay By Text again.');
      }
      const text = await c.req.text();
      let raw: unknown;
      try {
        raw = text.length <= 4096 ? JSON.parse(text) : undefined;
      } catch {
        raw = undefined;
      }
      const parsed = PayByTextAction.safeParse(raw);
      if (!parsed.success) return apiError(c, 400, 'InvalidRequest', 'Send {"action":"enroll","mobileNumber":…} or {"action":"unenroll"}.');
      if (parsed.data.action === 'unenroll') {
        setPayByText(db, grant.accountNumber, null);
        return c.json({ enrolled: false, mobileLast4: null });
      }
      const digits = usMobileDigits(parsed.data.mobileNumber.trim());
      if (!digits) return apiError(c, 400, 'InvalidMobileNumber', 'Enter a 10-digit US mobile number, for example (217) 555-0142.');
      // Only the last four digits are kept: enough for the page to say where texts go.
      setPayByText(db, grant.accountNumber, digits.slice(-4));
      return c.json({ enrolled: true, mobileLast4: digits.slice(-4) });
    })
    .get('/:code', (c) => {
      // Hono answers HEAD with the GET route: a link checker's HEAD must not spend the code.
      if (c.req.method === 'HEAD') return c.body(null, 405, { allow: 'GET' });
      const at = now();
      const result = consumeSsoCode(db, c.req.param('code'), at);
      if (result.status === 'ok') {
        const html = renderGrant(db, result.grant, at);
        if (html) return htmlPage(c, 200, html, result.grant.parentOrigin);
        // The login or account went away since the code was issued: nothing to show.
        return htmlPage(c, 410, renderExpired(result.grant.parentOrigin), result.grant.parentOrigin);
      }
      if (result.status === 'expired') return htmlPage(c, 410, renderExpired(result.parentOrigin), result.parentOrigin);
      // An unknown code has no parent we may trust: not framable, and it tells no one.
      return htmlPage(c, 410, renderExpired(undefined), "'none'");
    });
}
