/**
 * An in-browser stand-in for the broker, for Storybook only: it answers like
 * the sandbox fixtures (FIXTURES.md) so a static Storybook build shows every
 * state without a server. Tests never use it; they run against the real stack.
 */
import type { GuestPaymentsClient, RequestOptions } from '../src/client/broker-client.ts';
import { IcApiError, type IcErrorCode } from '../src/client/errors.ts';
import type { GuestLookupRequest, GuestLookupResponse, GuestPaymentRequest, PaymentResult, Receipt } from '../src/contract/index.ts';

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
