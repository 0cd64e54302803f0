/**
 * An in-browser stand-in for the broker, for Storybook only: it answers like
 * the sandbox fixtures (FIXTURES.md) so a static Storybook build shows every
 * state without a server. Tests never use it; they run against the real stack.
 * Elements get it as a transport (`fakeBroker`) whose `fetch` answers from it,
 * so their calls, answer checks and shared reads run as against a broker.
 */
import { IcApiError, type IcErrorCode } from '../src/client/errors.ts';
import { BrokerTransport, type RequestOptions } from '../src/client/transport.ts';
import type {
  GuestLookupRequest,
  GuestLookupResponse,
  GuestPaymentRequest,
  MeResponse,
  PaymentResult,
  Receipt,
  SsoRequest,
  SsoResponse,
  SsoTarget,
  AutopayRequest,
  BillPaymentRequest,
  BillsResponse,
  LinkAccountRequest,
  PaymentHistoryItem,
  PaymentMethodInput,
  SavedMethod,
  StoreMethodRequest,
  SyncedAccount,
  UpdateMethodRequest,
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
  /** ...for longer than the broker's review time: the "under review" state. */
  reviewing?: boolean;
  /** The payer will get an email with the outcome (a guest who gave an address, a signed-in user). */
  confirmationEmail?: boolean;
  /** Every open bill awaits the confirmation of a payment made at this instant: the "bill being confirmed" state. */
  paymentPendingSince?: string;
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

/** The broker's answer while a payment's outcome is not known yet. */
const pending = (o: FakeClientOptions): PaymentResult => ({
  status: 'pending',
  retryAfterSeconds: 2,
  reviewing: o.reviewing ?? false,
  confirmationEmail: o.confirmationEmail ?? false,
});

/** Bills as the broker marks them while a payment of each awaits confirmation. */
const marked = <B extends object>(bills: B[], o: FakeClientOptions): B[] =>
  o.paymentPendingSince ? bills.map((b) => ({ ...b, paymentPendingSince: o.paymentPendingSince })) : bills;

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

class FakeGuestClient {
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
      minimumPaymentCents: 100,
      account: {
        accountNumber: req.accountNumber.trim(),
        customerName: account.customerName,
        balanceCents: account.invoices.reduce((sum, i) => sum + i.amountDueCents, 0),
        invoices: marked(account.invoices, this.#o),
      },
    };
  }

  async payAsGuest(token: string, key: string, req: GuestPaymentRequest, { signal }: RequestOptions = {}): Promise<PaymentResult> {
    await this.#wait(signal, this.#o.payHangs);
    const known = this.#paid.get(key);
    if (known) return known;
    if (this.#o.payPending) return pending(this.#o);
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
      method: summaryOf(m),
      ...(req.email ? { email: req.email } : {}),
    };
    const result: PaymentResult = { status: 'succeeded', receipt };
    this.#paid.set(key, result);
    return result;
  }

  async guestPaymentStatus(_token: string, key: string, { signal }: RequestOptions = {}): Promise<PaymentResult> {
    await this.#wait(signal);
    if (this.#o.payPending) return pending(this.#o);
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

const STATUS: Partial<Record<IcErrorCode, number>> = {
  unauthorized: 401,
  session_expired: 401,
  account_not_found: 404,
  no_portal_account: 409,
  no_invoicecloud_login: 409,
  upstream_unavailable: 502,
  upstream_timeout: 504,
  network_error: 0,
};

/**
 * A stand-in for InvoiceCloud's portal pages: a page Storybook serves from
 * its own origin (stories/fake-invoicecloud, see .storybook/main.ts), whose
 * script talks to the frame like the sandbox's pages do.
 */
function fakePortalPage(target: SsoTarget, accountNumber: string, expired: boolean): string {
  const query = new URLSearchParams({ page: expired ? 'expired' : target, account: accountNumber });
  return new URL(`fake-invoicecloud/portal-page.html?${query}`, location.href).href;
}

/** Signed-in calls of the fake: which ones hang (the busy state) or fail (the error state). */
export type SelfServiceCall =
  | 'accounts'
  | 'paymentMethods'
  | 'bills'
  | 'setPaperless'
  | 'setAutopay'
  | 'storePaymentMethod'
  | 'updatePaymentMethod'
  | 'removePaymentMethod'
  | 'linkAccount'
  | 'unregisterAccount'
  | 'payBill';

export interface FakeSelfServiceOptions {
  /** These calls never answer (until aborted). */
  hangs?: SelfServiceCall[];
  /** These calls fail with the given code (and a fitting status). */
  fails?: Partial<Record<SelfServiceCall, IcErrorCode>>;
  /** Start as Maria: one account (100200303), no saved method. Default: John, as in FIXTURES.md. */
  user?: 'john' | 'maria';
  /** Extra paid bills in John's history, to show paging ("show more"). */
  historyLength?: number;
}

const SAVED_VISA: SavedMethod = { id: 'pm-visa-1111', kind: 'card', brand: 'visa', last4: '1111', expMonth: 12, expYear: 2030, nickname: null, isDefault: true };

const account = (accountNumber: string, customerName: string, balanceCents: number, o: Partial<SyncedAccount> = {}): SyncedAccount => ({
  accountNumber, customerName, balanceCents, paperless: false, payByText: false, autopay: false, autopayMethodId: null, linkedTo: null, ...o,
});

/** John's and Maria's accounts as FIXTURES.md seeds them. */
function seedAccounts(user: 'john' | 'maria'): SyncedAccount[] {
  return user === 'maria'
    ? [account('100200303', 'Maria Garcia', 5600)]
    : [
        account('100200301', 'John Smith', 14275, { paperless: true }),
        account('100200302', 'John Smith', 0, { autopay: true, autopayMethodId: SAVED_VISA.id, linkedTo: '100200301' }),
      ];
}

const OPEN_BILLS: Record<string, BillsResponse['bills']> = {
  '100200301': [{ invoiceNumber: 'INV-2001', amountDueCents: 14275, dueDate: '2026-12-10', status: 'open' }],
  '100200303': [{ invoiceNumber: 'INV-3001', amountDueCents: 5600, dueDate: '2026-12-20', status: 'open' }],
  '100200305': [{ invoiceNumber: 'INV-5001', amountDueCents: 2310, dueDate: '2026-12-28', status: 'open' }],
};

/** Guest calls as `FakeGuestClient`, plus `/me`, portal URLs and the signed-in calls: what `<ic-provider>` can share. */
class FakeClient extends FakeGuestClient {
  readonly #s: FakeSsoOptions & FakeSelfServiceOptions;
  #accounts: SyncedAccount[];
  #methods: SavedMethod[];
  readonly #history = new Map<string, PaymentHistoryItem[]>();
  readonly #bills = new Map<string, BillsResponse['bills']>();
  #ids = 0;

  constructor(options: FakeSsoOptions & FakeSelfServiceOptions = {}) {
    super(options);
    this.#s = options;
    const user = options.user ?? 'john';
    this.#accounts = seedAccounts(user);
    this.#methods = user === 'john' ? [{ ...SAVED_VISA }] : [];
    for (const [n, bills] of Object.entries(OPEN_BILLS)) this.#bills.set(n, bills.map((b) => ({ ...b })));
    const paid: PaymentHistoryItem[] = [
      { paymentId: 'pay-1990', confirmationNumber: 'IC10001990', invoiceNumber: 'INV-1990', amountCents: 12010, paidAt: '2026-11-10T15:04:00Z', method: { kind: 'card', brand: 'visa', last4: '1111' }, status: 'approved' },
    ];
    for (let i = 1; i < (options.historyLength ?? 1); i++) {
      const month = String(((10 - i) % 12 + 12) % 12 + 1).padStart(2, '0');
      paid.push({ ...paid[0]!, paymentId: `pay-old-${i}`, confirmationNumber: `IC2000${String(i).padStart(4, '0')}`, invoiceNumber: `INV-${1990 - i}`, paidAt: `${2026 - Math.floor((i + 1) / 12)}-${month}-10T15:04:00Z` });
    }
    this.#history.set('100200301', paid);
  }

  async me({ signal }: RequestOptions = {}): Promise<MeResponse> {
    await delay(this.#s.latencyMs ?? 400, signal);
    const accounts = this.#accounts.map((a) => ({ ...a }));
    // As if the host listed exactly these accounts, all John's.
    const hostAccounts = accounts.map((a) => ({ accountNumber: a.accountNumber, status: 'synced' as const }));
    return { user: { userId: 'mymeter-john', email: 'john.smith@example.com', name: 'John Smith' }, accounts, hostAccounts };
  }

  async accounts(o: RequestOptions = {}): Promise<SyncedAccount[]> {
    await this.#call('accounts', o.signal);
    return this.#accounts.map((a) => ({ ...a }));
  }

  async paymentMethods(o: RequestOptions = {}): Promise<SavedMethod[]> {
    await this.#call('paymentMethods', o.signal);
    return this.#methods.map((m) => ({ ...m }));
  }

  async bills(accountNumber: string, page: { before?: string; limit?: number } = {}, o: RequestOptions = {}): Promise<BillsResponse> {
    await this.#call('bills', o.signal);
    this.#own(accountNumber);
    const history = this.#history.get(accountNumber) ?? [];
    const start = page.before ? history.findIndex((p) => p.paymentId === page.before) + 1 : 0;
    const limit = page.limit ?? 10;
    const payments = history.slice(start, start + limit);
    const more = start + limit < history.length;
    const open = (this.#bills.get(accountNumber) ?? []).filter((b) => b.status === 'open');
    return { bills: marked(open, this.#s), payments, ...(more ? { nextCursor: payments.at(-1)!.paymentId } : {}) };
  }

  async setPaperless(accountNumber: string, enabled: boolean, o: RequestOptions = {}): Promise<SyncedAccount> {
    await this.#call('setPaperless', o.signal);
    return this.#update(accountNumber, { paperless: enabled });
  }

  async setAutopay(accountNumber: string, req: AutopayRequest, o: RequestOptions = {}): Promise<SyncedAccount> {
    await this.#call('setAutopay', o.signal);
    this.#own(accountNumber);
    if (!req.enabled) return this.#update(accountNumber, { autopay: false, autopayMethodId: null });
    const id = req.newMethod ? this.#store(req.newMethod).id : (req.paymentMethodId ?? this.#methods.find((m) => m.isDefault)?.id);
    if (!id) fail('no_payment_method', 409);
    return this.#update(accountNumber, { autopay: true, autopayMethodId: id });
  }

  async storePaymentMethod(req: StoreMethodRequest, o: RequestOptions = {}): Promise<SavedMethod> {
    await this.#call('storePaymentMethod', o.signal);
    const saved = this.#store(req);
    return { ...saved };
  }

  async updatePaymentMethod(id: string, change: UpdateMethodRequest, o: RequestOptions = {}): Promise<SavedMethod> {
    await this.#call('updatePaymentMethod', o.signal);
    const m = this.#methods.find((x) => x.id === id) ?? fail('not_found', 404);
    if (change.expMonth !== undefined) m.expMonth = change.expMonth;
    if (change.expYear !== undefined) m.expYear = change.expYear;
    if (change.nickname !== undefined) m.nickname = change.nickname;
    if (change.makeDefault) this.#makeDefault(id);
    return { ...m };
  }

  async removePaymentMethod(id: string, o: RequestOptions = {}): Promise<void> {
    await this.#call('removePaymentMethod', o.signal);
    const m = this.#methods.find((x) => x.id === id) ?? fail('not_found', 404);
    if (this.#accounts.some((a) => a.autopayMethodId === id)) fail('payment_method_in_use', 409);
    this.#methods = this.#methods.filter((x) => x !== m);
    if (m.isDefault && this.#methods.length) this.#methods.at(-1)!.isDefault = true;
  }

  async linkAccount(req: LinkAccountRequest, o: RequestOptions = {}): Promise<SyncedAccount[]> {
    await this.#call('linkAccount', o.signal);
    const owner = this.#accounts[0];
    if (req.accountNumber !== '100200305' || !/smith/i.test(req.lastName) || !owner) fail('account_not_found', 404);
    if (!this.#accounts.some((a) => a.accountNumber === '100200305')) {
      this.#accounts.push(account('100200305', 'John Smith', 2310, { linkedTo: owner.accountNumber }));
    }
    return this.#accounts.map((a) => ({ ...a }));
  }

  async unregisterAccount(accountNumber: string, o: RequestOptions = {}): Promise<string[]> {
    await this.#call('unregisterAccount', o.signal);
    this.#own(accountNumber);
    const gone = [accountNumber, ...this.#accounts.filter((a) => a.linkedTo === accountNumber).map((a) => a.accountNumber)];
    this.#accounts = this.#accounts.filter((a) => !gone.includes(a.accountNumber));
    return gone;
  }

  async payBill(accountNumber: string, key: string, req: BillPaymentRequest, o: RequestOptions = {}): Promise<PaymentResult> {
    await this.#call('payBill', o.signal);
    this.#own(accountNumber);
    // InvoiceCloud is slow: the "confirming" state, as with guest payments.
    if (this.#s.payPending) return pending(this.#s);
    const known = this.#paidBills.get(key);
    if (known) return known;
    const method = req.method.kind === 'saved' ? (this.#methods.find((m) => m.id === (req.method as { id: string }).id) ?? fail('not_found', 404)) : summaryOf(req.method);
    const receipt: Receipt = {
      paymentId: `pay-${key.slice(0, 8)}`,
      confirmationNumber: `IC${String(Date.now()).slice(-8)}`,
      accountNumber,
      invoiceNumber: req.invoiceNumber,
      amountCents: req.amountCents,
      paidAt: new Date().toISOString(),
      method: { kind: method.kind, brand: method.brand, last4: method.last4 },
      ...(req.email ? { email: req.email } : {}),
    };
    const bill = this.#bills.get(accountNumber)?.find((b) => b.invoiceNumber === req.invoiceNumber);
    if (bill) bill.status = 'paid';
    const history = this.#history.get(accountNumber) ?? [];
    this.#history.set(accountNumber, [{ ...receipt, status: 'approved' }, ...history]);
    this.#update(accountNumber, { balanceCents: Math.max(0, this.#own(accountNumber).balanceCents - req.amountCents) });
    const result: PaymentResult = { status: 'succeeded', receipt };
    this.#paidBills.set(key, result);
    return result;
  }

  async billPaymentStatus(_accountNumber: string, key: string, { signal }: RequestOptions = {}): Promise<PaymentResult> {
    await delay(this.#s.latencyMs ?? 400, signal);
    if (this.#s.payPending) return pending(this.#s);
    return this.#paidBills.get(key) ?? fail('not_found', 404);
  }

  readonly #paidBills = new Map<string, PaymentResult>();

  /** Latency, a hang, or the configured failure of one call. */
  async #call(name: SelfServiceCall, signal: AbortSignal | undefined): Promise<void> {
    await delay(this.#s.hangs?.includes(name) ? Infinity : (this.#s.latencyMs ?? 400), signal);
    if (this.#s.offline) fail('network_error', 0);
    const code = this.#s.fails?.[name];
    if (code) fail(code, STATUS[code] ?? (code === 'payment_method_in_use' ? 409 : code === 'account_not_found' ? 404 : 402));
  }

  #own(accountNumber: string): SyncedAccount {
    return this.#accounts.find((a) => a.accountNumber === accountNumber) ?? fail('account_not_found', 404);
  }

  #update(accountNumber: string, change: Partial<SyncedAccount>): SyncedAccount {
    return { ...Object.assign(this.#own(accountNumber), change) };
  }

  #store(req: StoreMethodRequest): SavedMethod {
    // Storing verifies the method, as the sandbox does: the declining test cards and bank accounts are refused.
    const m = req.method;
    const decline = DECLINES[m.kind === 'card' ? m.number : `${m.routingNumber}/${m.accountNumber}`];
    if (decline) fail(decline, 402);
    const s = summaryOf(req.method);
    const saved: SavedMethod = {
      id: `pm-${++this.#ids}-${s.last4}`,
      kind: s.kind,
      brand: s.brand,
      last4: s.last4,
      expMonth: req.method.kind === 'card' ? req.method.expMonth : null,
      expYear: req.method.kind === 'card' ? req.method.expYear : null,
      nickname: req.nickname ?? null,
      isDefault: false,
    };
    this.#methods.push(saved);
    if (req.makeDefault || this.#methods.length === 1) this.#makeDefault(saved.id);
    return saved;
  }

  /** The new default; AutoPay follows it (as the broker does). */
  #makeDefault(id: string): void {
    const old = this.#methods.find((m) => m.isDefault)?.id;
    this.#methods.forEach((m) => (m.isDefault = m.id === id));
    this.#accounts.forEach((a) => {
      if (a.autopay && a.autopayMethodId === old) a.autopayMethodId = id;
    });
  }

  /** As the broker: the page of one of the user's accounts (the first when none is named), or why there is none. */
  async ssoUrl(page: SsoTarget | SsoRequest, { signal }: RequestOptions = {}): Promise<SsoResponse> {
    const { target, accountNumber } = typeof page === 'string' ? { target: page, accountNumber: undefined } : page;
    await delay(this.#s.ssoHangs ? Infinity : (this.#s.latencyMs ?? 400), signal);
    const code = this.#s.ssoFails;
    if (code) fail(code, STATUS[code] ?? 500);
    const shown = accountNumber || this.#accounts[0]?.accountNumber;
    if (shown === undefined) fail('no_portal_account', 409);
    if (!this.#accounts.some((a) => a.accountNumber === shown)) fail('account_not_found', 404);
    return { url: fakePortalPage(target, shown, this.#s.ssoExpired ?? false), origin: location.origin, expiresAt: new Date(Date.now() + 60_000).toISOString() };
  }
}

/** A signed-in or guest request to the fake, as the broker routes it: its path's parts, query, body and headers. */
interface FakeRequest {
  params: string[];
  query: URLSearchParams;
  body: unknown;
  bearer: string;
  key: string;
  o: RequestOptions;
}

/** The broker's routes (openapi.json), each answered by the fake's call and wrapped as the broker wraps it. */
const ROUTES: [method: string, path: RegExp, answer: (fake: FakeClient, r: FakeRequest) => Promise<unknown>][] = [
  ['POST', /^\/guest\/lookup$/, (f, r) => f.lookupAccount(r.body as GuestLookupRequest, r.o)],
  ['POST', /^\/guest\/payments$/, (f, r) => f.payAsGuest(r.bearer, r.key, r.body as GuestPaymentRequest, r.o)],
  ['GET', /^\/guest\/payments\/([^/]+)$/, (f, r) => f.guestPaymentStatus(r.bearer, r.params[0]!, r.o)],
  ['GET', /^\/me$/, (f, r) => f.me(r.o)],
  ['GET', /^\/accounts$/, async (f, r) => ({ accounts: await f.accounts(r.o) })],
  ['POST', /^\/accounts\/links$/, async (f, r) => ({ accounts: await f.linkAccount(r.body as LinkAccountRequest, r.o) })],
  ['DELETE', /^\/accounts\/([^/]+)$/, async (f, r) => ({ unregistered: await f.unregisterAccount(r.params[0]!, r.o) })],
  ['GET', /^\/accounts\/([^/]+)\/bills$/, (f, r) => f.bills(r.params[0]!, billsPage(r.query), r.o)],
  ['PUT', /^\/accounts\/([^/]+)\/paperless$/, (f, r) => f.setPaperless(r.params[0]!, (r.body as { enabled: boolean }).enabled, r.o)],
  ['PUT', /^\/accounts\/([^/]+)\/autopay$/, (f, r) => f.setAutopay(r.params[0]!, r.body as AutopayRequest, r.o)],
  ['POST', /^\/accounts\/([^/]+)\/payments$/, (f, r) => f.payBill(r.params[0]!, r.key, r.body as BillPaymentRequest, r.o)],
  ['GET', /^\/accounts\/([^/]+)\/payments\/([^/]+)$/, (f, r) => f.billPaymentStatus(r.params[0]!, r.params[1]!, r.o)],
  ['GET', /^\/payment-methods$/, async (f, r) => ({ methods: await f.paymentMethods(r.o) })],
  ['POST', /^\/payment-methods$/, (f, r) => f.storePaymentMethod(r.body as StoreMethodRequest, r.o)],
  ['PATCH', /^\/payment-methods\/([^/]+)$/, (f, r) => f.updatePaymentMethod(r.params[0]!, r.body as UpdateMethodRequest, r.o)],
  ['DELETE', /^\/payment-methods\/([^/]+)$/, (f, r) => f.removePaymentMethod(r.params[0]!, r.o)],
  ['POST', /^\/sso$/, (f, r) => f.ssoUrl(r.body as SsoRequest, r.o)],
];

const BASE = 'https://broker.story/api/v1';

const billsPage = (query: URLSearchParams) => ({
  ...(query.has('limit') ? { limit: Number(query.get('limit')) } : {}),
  ...(query.has('before') ? { before: query.get('before')! } : {}),
});

/**
 * A fake broker for one story, as an element takes it (`client`, or
 * `<ic-provider>`'s): a transport whose `fetch` answers each request from the
 * fake — JSON as the broker sends it, its errors as the broker's error body,
 * "offline" as a failed fetch.
 */
export function fakeBroker(options: FakeSsoOptions & FakeSelfServiceOptions = {}): BrokerTransport {
  const fake = new FakeClient(options);
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const path = url.pathname.slice(new URL(BASE).pathname.length);
    const headers = new Headers(init.headers);
    const route = ROUTES.find(([method, pattern]) => method === init.method && pattern.test(path));
    if (!route) return json(404, { error: { code: 'not_found', message: 'not_found', requestId: requestId() } });
    try {
      const answer = await route[2](fake, {
        params: path.match(route[1])!.slice(1).map(decodeURIComponent),
        query: url.searchParams,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        bearer: headers.get('authorization')?.replace(/^Bearer /, '') ?? '',
        key: headers.get('idempotency-key') ?? '',
        o: init.signal ? { signal: init.signal } : {},
      });
      return answer === undefined ? new Response(null, { status: 204 }) : json(200, answer);
    } catch (err) {
      if (!(err instanceof IcApiError)) throw err;
      if (err.status === 0) throw new TypeError('Failed to fetch');
      const retryAfter: Record<string, string> = err.retryAfterSeconds === undefined ? {} : { 'retry-after': String(err.retryAfterSeconds) };
      return json(err.status, { error: { code: err.code, message: err.message, requestId: err.requestId } }, retryAfter);
    }
  };
  // Never a deadline: a story whose fake hangs shows the busy state for as long as it is open.
  return new BrokerTransport({ baseUrl: BASE, token: 'story-session', timeoutMs: 2 ** 31 - 1, fetch });
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function summaryOf(m: PaymentMethodInput): { kind: 'card' | 'ach'; brand: string; last4: string } {
  return m.kind === 'card'
    ? { kind: 'card', brand: BRANDS.find(([re]) => re.test(m.number))?.[1] ?? 'card', last4: m.number.slice(-4) }
    : { kind: 'ach', brand: m.accountType, last4: m.accountNumber.slice(-4) };
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
