/**
 * The CloudSSO portal pages as HTML strings. They run under a CSP without
 * 'unsafe-inline' (routes.ts), so there is no inline script or style: all
 * behaviour is in /cloudsso/assets/sso.js, all looks in sso.css, and what the
 * script needs (parent origin, page, page token) rides on `<main data-…>`.
 * Every interpolated value goes through `esc`.
 */
import { BILLER_NAME } from '../fixtures.ts';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** One account as the dashboard lists it. */
export interface DashboardAccount {
  accountNumber: string;
  balanceCents: number;
  paperless: boolean;
  autopay: boolean;
  payByText: boolean;
}

interface Layout {
  title: string;
  /** `data-*` attributes of <main>; undefined values are left out. */
  data: Record<string, string | undefined>;
  body: string;
}

function layout({ title, data, body }: Layout): string {
  const attrs = Object.entries(data)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => ` data-${k}="${esc(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(BILLER_NAME)}</title>
<link rel="stylesheet" href="/cloudsso/assets/sso.css">
<script src="/cloudsso/assets/sso.js" defer></script>
</head>
<body>
<header class="banner"><p class="biller">${esc(BILLER_NAME)}</p></header>
<main id="main"${attrs}>
${body}
</main>
<footer class="footer"><p>Payments by InvoiceCloud (sandbox: test data only).</p></footer>
</body>
</html>
`;
}

const onOff = (on: boolean): string => (on ? 'On' : 'Off');

export function renderDashboard(p: { customerName: string; accounts: DashboardAccount[]; parentOrigin: string }): string {
  const accounts = p.accounts
    .map((a) => {
      const id = `account-${esc(a.accountNumber)}`;
      return `<section class="card" aria-labelledby="${id}">
<h2 id="${id}">Account ${esc(a.accountNumber)}</h2>
<dl class="facts">
<div><dt>Balance due</dt><dd>${esc(money.format(a.balanceCents / 100))}</dd></div>
<div><dt>Paperless billing</dt><dd>${onOff(a.paperless)}</dd></div>
<div><dt>AutoPay</dt><dd>${onOff(a.autopay)}</dd></div>
<div><dt>Pay By Text</dt><dd>${onOff(a.payByText)}</dd></div>
</dl>
</section>`;
    })
    .join('\n');
  return layout({
    title: 'Customer portal',
    data: { page: 'dashboard', 'parent-origin': p.parentOrigin },
    body: `<h1>${esc(BILLER_NAME)} — Customer portal</h1>
<p class="lede">Signed in as <strong>${esc(p.customerName)}</strong></p>
${accounts || '<p>No accounts are registered to this login.</p>'}`,
  });
}

/** The status sentence; sso.js writes the same sentences after a change. */
export function payByTextStatus(enrolled: boolean, last4: string | null): string {
  if (!enrolled) return 'Pay By Text is off for this account.';
  return last4 ? `Pay By Text is on. Bills are texted to the number ending in ${last4}.` : 'Pay By Text is on.';
}

export function renderPayByText(p: {
  accountNumber: string;
  customerName: string;
  enrolled: boolean;
  last4: string | null;
  parentOrigin: string;
  pageToken: string;
}): string {
  const hidden = (show: boolean): string => (show ? '' : ' hidden');
  return layout({
    title: 'Pay By Text',
    data: {
      page: 'pay-by-text',
      'parent-origin': p.parentOrigin,
      'page-token': p.pageToken,
      enrolled: String(p.enrolled),
    },
    body: `<h1>Pay By Text</h1>
<p class="lede">Account ${esc(p.accountNumber)} · ${esc(p.customerName)}</p>
<p id="pbt-status" class="status" role="status">${esc(payByTextStatus(p.enrolled, p.last4))}</p>
<p id="pbt-error" class="error" role="alert"></p>
<form id="pbt-enroll" class="card" novalidate${hidden(!p.enrolled)}>
<div class="field">
<label for="pbt-mobile">Mobile number</label>
<p id="pbt-mobile-hint" class="hint">A US mobile number, for example (217) 555-0142. Message and data rates may apply.</p>
<input id="pbt-mobile" name="mobileNumber" type="tel" inputmode="tel" autocomplete="tel-national" required aria-describedby="pbt-mobile-hint pbt-error">
</div>
<button type="submit">Enroll</button>
</form>
<form id="pbt-unenroll" class="card"${hidden(p.enrolled)}>
<p>Stop getting bills and paying them by text message.</p>
<button type="submit">Unenroll</button>
</form>`,
  });
}

/** A spent, late or unknown link. Only a known code's parent origin is told, so only then is one embedded. */
export function renderExpired(parentOrigin: string | undefined): string {
  return layout({
    title: 'Link expired',
    data: { page: 'expired', 'parent-origin': parentOrigin },
    body: `<h1>This link has expired</h1>
<p>For your security, each portal link works once and only for a minute. Go back to your utility's page and open it again.</p>`,
  });
}
