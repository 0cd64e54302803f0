/**
 * An in-browser stand-in for the broker, for Storybook only: it answers like
 * the sandbox fixtures (FIXTURES.md) so a static Storybook build shows every
 * state without a server. Tests never use it; they run against the real stack.
 */
import type { GuestPaymentsClient, IcClient, RequestOptions } from '../src/client/broker-client.ts';
import { IcApiError, type IcErrorCode } from '../src/client/errors.ts';
import type {
  GuestLookupRequest,
  GuestLookupResponse,
  GuestPaymentRequest,
  MeResponse,
  PaymentResult,
  Receipt,
  SsoResponse,
  SsoTarget,
} from '../src/contract/index.ts';

export interface FakeClientOptions {
  /** Milliseconds before each answer (default 400, enough to see the busy state). */
  latencyMs?: number;
  /** Look-ups never answer: the "looking up" state. */
  lookupHangs?: boolean;
  /** Payments never answer: the "paying" state. */
  payHangs?: boolean;
  /** Payments stay pending (InvoiceCloud is slow): the "confirming" state. */
  payPending?: boolean;
  /** Every call fails as if the device were offline. */
  offline?: boolean;
  /** Look-ups answer 429 with this many seconds to wait. */
  rateLimitedSeconds?: number;
}

const ACCOUNTS: Record<string, { lastName: string; customerName: string; invoices: GuestLookupResponse['account']['invoices'] }> = {
  '100200300': { lastName: 'doe', customerName: 'Jane Doe', invoices: [{ invoiceNumber: 'INV-1001', amountDueCents: 8420, dueDate: '2026-12-15' }] },
  '100200301': { lastName: 'smith', customerName: 'John Smith', invoices: [{ invoiceNumber: 'INV-2001', amountDueCents: 14275, dueDate: '2026-12-10' }] },
  '100200303': { lastName: 'garcia', customerName: 'Maria Garcia', invoices: [{ invoiceNumber: 'INV-3001', amountDueCents: 5600, dueDate: '2026-12-20' }] },
};

const DECLINES: Record<string, IcErrorCode> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '021000021/000000000': 'account_closed',
};

const BRANDS: [RegExp, string][] = [
  [/^4/, 'visa'],
  [/^5[1-5]|^2[2-7]/, 'mastercard'],
  [/^3[47]/, 'amex'],
  [/^6/, 'discover'],
];

let requests = 0;
const requestId = () => `story-${(++requests).toString(36)}`;

function fail(code: IcErrorCode, status: number, retryAfterSeconds?: number): never {
  throw new IcApiError({
    code,
    status,
    message: code,
    requestId: status === 0 ? '' : requestId(),
    retryable: status === 0 || status === 429 || status >= 500,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}

export class FakeGuestClient implements GuestPaymentsClient {
  readonly #o: FakeClientOptions;
  readonly #paid = new Map<string, PaymentResult>();

  constructor(options: FakeClientOptions = {}) {
    this.#o = options;
  }

  async lookupAccount(req: GuestLookupRequest, { signal }: RequestOptions = {}): Promise<GuestLookupResponse> {
    await this.#wait(signal, this.#o.lookupHangs);
    if (this.#o.rateLimitedSeconds) fail('rate_limited', 429, this.#o.rateLimitedSeconds);
    const account = ACCOUNTS[req.accountNumber.trim()];
    const lastName = req.lastName.trim().toLowerCase();
    if (!account || !(lastName === account.lastName || lastName === account.customerName.toLowerCase())) {
      fail('account_not_found', 404);
    }
    return {
      lookupToken: `story-token-${req.accountNumber}`,
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      account: {
        accountNumber: req.accountNumber.trim(),
        customerName: account.customerName,
        balanceCents: account.invoices.reduce((sum, i) => sum + i.amountDueCents, 0),
        invoices: account.invoices,
      },
    };
  }

  async payAsGuest(token: string, key: string, req: GuestPaymentRequest, { signal }: RequestOptions = {}): Promise<PaymentResult> {
    await this.#wait(signal, this.#o.payHangs);
    const known = this.#paid.get(key);
    if (known) return known;
    if (this.#o.payPending) return { status: 'pending', retryAfterSeconds: 2 };
    const m = req.method;
    const decline = DECLINES[m.kind === 'card' ? m.number : `${m.routingNumber}/${m.accountNumber}`];
    if (decline) fail(decline, 402);
    const receipt: Receipt = {
      paymentId: `pay-${key.slice(0, 8)}`,
      confirmationNumber: `IC${String(Date.now()).slice(-8)}`,
      accountNumber: token.replace('story-token-', ''),
      invoiceNumber: req.invoiceNumber,
      amountCents: req.amountCents,
      paidAt: new Date().toISOString(),
      method:
        m.kind === 'card'
          ? { kind: 'card', brand: BRANDS.find(([re]) => re.test(m.number))?.[1] ?? 'card', last4: m.number.slice(-4) }
          : { kind: 'ach', brand: m.accountType, last4: m.accountNumber.slice(-4) },
      ...(req.email ? { email: req.email } : {}),
    };
    const result: PaymentResult = { status: 'succeeded', receipt };
    this.#paid.set(key, result);
    return result;
  }

  async guestPaymentStatus(_token: string, key: string, { signal }: RequestOptions = {}): Promise<PaymentResult> {
    await this.#wait(signal);
    if (this.#o.payPending) return { status: 'pending', retryAfterSeconds: 2 };
    return this.#paid.get(key) ?? fail('not_found', 404);
  }

  /** Latency, an endless wait (until aborted), or the offline failure. */
  async #wait(signal: AbortSignal | undefined, hang = false): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (!hang) setTimeout(resolve, this.#o.latencyMs ?? 400);
    });
    if (this.#o.offline) fail('network_error', 0);
  }
}

// ---- Signed-in calls: /me and the CloudSSO portal pages ----

export interface FakeSsoOptions extends FakeClientOptions {
  /** Portal URLs never come: the loading state. */
  ssoHangs?: boolean;
  /** Every portal URL request fails with this code (and a fitting status). */
  ssoFails?: IcErrorCode;
  /** The page says its link was already used: the expired state. */
  ssoExpired?: boolean;
}

const STATUS: Partial<Record<IcErrorCode, number>> = { unauthorized: 401, session_expired: 401, upstream_unavailable: 502, upstream_timeout: 504, network_error: 0 };

/**
 * A stand-in for InvoiceCloud's portal pages: a blob: URL on Storybook's own
 * origin (no server, no network), whose script talks to the frame like the
 * sandbox's pages do (ic-sso:loaded, ic-sso:resize, ic-sso:pay-by-text-changed,
 * ic-sso:expired).
 */
function fakePortalPage(target: SsoTarget, expired: boolean): string {
  const body = expired
    ? '<h1>This link has expired</h1><p>For your security, each portal link works once and only for a minute.</p>'
    : target === 'dashboard'
      ? `<h1>Springfield Water &amp; Power — Customer portal</h1><p>Signed in as <strong>John Smith</strong></p>
         <section><h2>Account 100200301</h2><dl><dt>Balance due</dt><dd>$142.75</dd><dt>Paperless billing</dt><dd>On</dd>
         <dt>AutoPay</dt><dd>Off</dd><dt>Pay By Text</dt><dd>Off</dd></dl></section>
         <section><h2>Account 100200302</h2><dl><dt>Balance due</dt><dd>$0.00</dd><dt>AutoPay</dt><dd>On</dd></dl></section>`
      : `<h1>Pay By Text</h1><p>Account 100200301 · John Smith</p><p id="status" role="status">Pay By Text is off for this account.</p>
         <form><label for="m">Mobile number</label><input id="m" type="tel" autocomplete="tel-national" value="(217) 555-0142">
         <button>Enroll</button></form>`;
  const page = expired ? 'expired' : target;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake InvoiceCloud page</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1b1b;background:#fff}h1{font-size:1.25rem}
dl{display:grid;grid-template-columns:auto auto;gap:.25rem 1rem}dd{margin:0;font-weight:600}
input,button{font:inherit;min-height:2.75rem;margin-block:.25rem}button{padding-inline:1rem}</style></head>
<body><main>${body}</main><script>
var tell = function (m) { parent.postMessage(m, '*'); };
tell(${JSON.stringify(page)} === 'expired' ? { type: 'ic-sso:expired' } : { type: 'ic-sso:loaded', page: ${JSON.stringify(page)} });
new ResizeObserver(function () { tell({ type: 'ic-sso:resize', height: Math.ceil(document.documentElement.getBoundingClientRect().height) }); })
  .observe(document.documentElement);
var form = document.querySelector('form');
if (form) form.addEventListener('submit', function (e) {
  e.preventDefault();
  document.getElementById('status').textContent = 'Pay By Text is on. Bills are texted to the number ending in 0142.';
  tell({ type: 'ic-sso:pay-by-text-changed', enrolled: true });
});
</script></body></html>`;
  return URL.createObjectURL(new Blob([html], { type: 'text/html' }));
}

/** Guest calls as `FakeGuestClient`, plus `/me` and portal URLs: what `<ic-provider>` can share. */
export class FakeClient extends FakeGuestClient implements IcClient {
  readonly #s: FakeSsoOptions;

  constructor(options: FakeSsoOptions = {}) {
    super(options);
    this.#s = options;
  }

  async me({ signal }: RequestOptions = {}): Promise<MeResponse> {
    await delay(this.#s.latencyMs ?? 400, signal);
    return {
      user: { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith' },
      accounts: [
        { accountNumber: '100200301', customerName: 'John Smith', balanceCents: 14275, paperless: true, payByText: false, autopay: false, autopayMethodId: null, linkedTo: null },
        { accountNumber: '100200302', customerName: 'John Smith', balanceCents: 0, paperless: false, payByText: false, autopay: true, autopayMethodId: 'pm-visa-1111', linkedTo: '100200301' },
      ],
    };
  }

  async ssoUrl(target: SsoTarget, { signal }: RequestOptions = {}): Promise<SsoResponse> {
    await delay(this.#s.ssoHangs ? Infinity : (this.#s.latencyMs ?? 400), signal);
    const code = this.#s.ssoFails;
    if (code) fail(code, STATUS[code] ?? 500);
    return { url: fakePortalPage(target, this.#s.ssoExpired ?? false), origin: location.origin, expiresAt: new Date(Date.now() + 60_000).toISOString() };
  }
}

/** Waits (forever for Infinity) unless aborted. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    if (ms !== Infinity) setTimeout(resolve, ms);
  });
}
