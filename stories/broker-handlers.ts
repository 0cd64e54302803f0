/**
 * The broker as the stories meet it: Mock Service Worker handlers answering
 * every route the browser client calls, at the method and path its
 * declaration in src/contract/routes.ts gives. As the broker does
 * (src/broker/routing.ts), each route's security, Idempotency-Key, query and
 * body are checked as declared — a bad body gets the broker's own 400
 * `validation_failed` (src/broker/validate.ts) — and each answer is typed by
 * the route's answer schema. The records are the sandbox's seed
 * (src/sandbox/fixtures.ts, as FIXTURES.md lists them), so a static
 * Storybook shows every state without a server. Tests never use these
 * handlers: they run against the real broker and sandbox.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { delay, http, HttpResponse, type HttpHandler, type PathParams } from 'msw';
import type * as z from 'zod/mini';
import { servers } from '../openapi.json';
import { BrokerError } from '../src/broker/errors.ts';
import { check } from '../src/broker/validate.ts';
import type {
  ErrorBody,
  ErrorCode,
  Invoice,
  MethodSummary,
  PaymentHistoryItem,
  PaymentMethodInput,
  PaymentResult,
  SavedMethod,
  StoreMethodRequest,
  SyncedAccount,
} from '../src/contract/index.ts';
import { IdempotencyKey } from '../src/contract/guest.ts';
import {
  operations,
  querySchemas,
  schemas,
  type Operations,
  type QueryName,
  type RouteSpec,
  type SchemaName,
} from '../src/contract/routes.ts';
import { methodSummary } from '../src/payments/payment-summary.ts';
import * as seed from '../src/sandbox/fixtures.ts';

/** The `endpoint` the stories give their elements: the broker's base path (`/api/v1`), on Storybook's own origin. */
export const BROKER = servers[0]!.url;

/** The `token` the stories give signed-in elements: the handlers take any session token as the story's user. */
export const SESSION = 'story-session';

/** Routes no element calls: the host backend's, sign-out, and the emailed verification links' pages. */
type NotFromElements = 'openSession' | 'registerUser' | 'endSession' | 'updateCredentials' | 'previewVerification' | 'approveVerification';

/** Every route the browser client calls; each has a handler (`answers` must name them all). */
export type BrokerRoute = Exclude<keyof Operations, NotFromElements>;

export interface BrokerOptions {
  /** Milliseconds before each answer (default 400, enough to see the busy state). */
  latencyMs?: number;
  /** These routes never answer: a busy state (until the client's own deadline). */
  hangs?: BrokerRoute[];
  /** These routes answer this error, with the status the broker gives it (InvoiceCloud down, a refusal). */
  fails?: Partial<Record<BrokerRoute, ErrorCode>>;
  /** The Retry-After of a `rate_limited` answer, in seconds (default 60). */
  retryAfterSeconds?: number;
  /** Every request fails as if the device were offline. */
  offline?: boolean;
  /** Payments stay pending (InvoiceCloud is slow): the "confirming" state. */
  payPending?: boolean;
  /** ...for longer than the broker's review time: the "under review" state. */
  reviewing?: boolean;
  /** The payer will get an email with the outcome (a guest who gave an address, a signed-in user). */
  confirmationEmail?: boolean;
  /** Every open bill awaits the confirmation of a payment made at this instant: the "bill being confirmed" state. */
  paymentPendingSince?: string;
  /** Who is signed in: John (default; two accounts and a saved Visa) or Maria (one account, no saved method). */
  user?: 'john' | 'maria';
  /** Paid bills in the history of the user's first account, the seed's included, to show paging ("Show more"). */
  historyLength?: number;
  /** Portal pages say their link was already used: the expired state. */
  ssoExpired?: boolean;
}

// ---- What a route receives and answers, from its declaration ----

type Body<K extends BrokerRoute> = Operations[K] extends { request: infer N extends SchemaName }
  ? z.output<(typeof schemas)[N]>
  : undefined;
type Query<K extends BrokerRoute> = Operations[K] extends { query: infer N extends QueryName }
  ? z.output<(typeof querySchemas)[N]>
  : undefined;
type Responses<K extends BrokerRoute> = Operations[K]['responses'];
/** A declared success answer (errors are thrown as BrokerError); one declared without a schema (204) has no body. */
type Answer<K extends BrokerRoute> = {
  [S in keyof Responses<K>]: Responses<K>[S] extends { schema: infer N extends SchemaName }
    ? N extends 'ErrorBody'
      ? never
      : z.output<(typeof schemas)[N]>
    : undefined;
}[keyof Responses<K>];

interface Call<K extends BrokerRoute> {
  body: Body<K>;
  query: Query<K>;
  /** The path's parameters: `account`, `key`, `id`. */
  path: Record<string, string>;
  /** The Bearer token: a look-up token on the guest payment routes, else the session's. */
  bearer: string;
  /** A payment's Idempotency-Key header. */
  key: string;
}

type Answers = { [K in BrokerRoute]: (call: Call<K>) => Answer<K> };

// ---- Errors, as the broker answers them (src/broker/app.ts onError) ----

/** The status the broker answers each code with (src/contract/routes.ts lists them per route). */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  lookup_expired: 401,
  session_expired: 401,
  card_declined: 402,
  insufficient_funds: 402,
  account_closed: 402,
  payment_declined: 402,
  forbidden: 403,
  not_found: 404,
  account_not_found: 404,
  idempotency_key_in_flight: 409,
  payment_being_confirmed: 409,
  idempotency_key_closed: 409,
  invoice_not_payable: 409,
  account_already_registered: 409,
  payment_method_in_use: 409,
  no_payment_method: 409,
  no_invoicecloud_login: 409,
  no_portal_account: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  upstream_unavailable: 502,
  upstream_invalid: 502,
  payment_not_completed: 502,
  upstream_timeout: 504,
};

/** Answers `code` with its status, as a BrokerError the handler turns into the broker's error body. */
function refuse(code: ErrorCode, extra: BrokerError['extra'] = {}): never {
  throw new BrokerError(code, STATUS[code], code, extra);
}

let requests = 0;

function refusal(err: BrokerError): Response {
  const { fields, retryAfterSeconds } = err.extra;
  const body: ErrorBody = {
    error: { code: err.code, message: err.message, requestId: `story-${++requests}`, ...(fields ? { fields } : {}) },
  };
  return HttpResponse.json(body, { status: err.status, headers: retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {} });
}

// ---- The seed, as the broker shows it ----

/** Why a test card or bank account declines (the sandbox's own tables); every other one is approved. */
const declineOf = (m: PaymentMethodInput): ErrorCode | undefined =>
  m.kind === 'card' ? seed.decliningCards.get(m.number) : seed.decliningBankAccounts.get(`${m.routingNumber}/${m.accountNumber}`);

/** Brand and last four, as InvoiceCloud keeps them: a card of no network we know is a "card". */
function summaryOf(m: PaymentMethodInput): MethodSummary {
  const s = methodSummary(m);
  return s.brand === 'unknown' ? { ...s, brand: 'card' } : s;
}

const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;

/** An account InvoiceCloud has, if `lastName` (or the full name) is the name on it, as the look-up matches them (FIXTURES.md). */
function accountNamed(accountNumber: string, lastName: string) {
  const account = seed.accounts.find((a) => a.accountNumber === accountNumber);
  const customer = account && seed.customers.find((c) => c.key === account.customerKey);
  const name = lastName.toLowerCase();
  return customer && (name === customer.lastName.toLowerCase() || name === fullName(customer).toLowerCase()) ? customer : undefined;
}

const openInvoices = (accountNumber: string): Invoice[] =>
  seed.invoices
    .filter((i) => i.accountNumber === accountNumber && i.status === 'open')
    .map(({ invoiceNumber, amountDueCents, dueDate }) => ({ invoiceNumber, amountDueCents, dueDate }));

function synced(accountNumber: string, linkedTo: string | null): SyncedAccount {
  const account = seed.accounts.find((a) => a.accountNumber === accountNumber)!;
  return {
    accountNumber,
    customerName: fullName(seed.customers.find((c) => c.key === account.customerKey)!),
    balanceCents: openInvoices(accountNumber).reduce((sum, i) => sum + i.amountDueCents, 0),
    paperless: account.paperless,
    payByText: account.payByText,
    autopay: account.autopayMethodId !== null,
    autopayMethodId: account.autopayMethodId,
    linkedTo,
  };
}

/** What the broker keeps of one story's world; each render starts it again from the seed. */
interface World {
  user: seed.FixtureCustomer;
  accounts: SyncedAccount[];
  methods: SavedMethod[];
  openBills: Map<string, Invoice[]>;
  history: Map<string, PaymentHistoryItem[]>;
  /** Look-up tokens given out → the account each lets a guest pay. */
  lookups: Map<string, string>;
  /** Payment outcomes by Idempotency-Key. */
  payments: Map<string, PaymentResult>;
  ids: number;
}

function seeded(o: BrokerOptions): World {
  const user = seed.customers.find((c) => c.key === (o.user ?? 'john'))!;
  const login = seed.logins.find((l) => l.customerKey === user.key);
  const accounts = login
    ? seed.registrations.filter((r) => r.loginGuid === login.loginGuid).map((r) => synced(r.accountNumber, r.linkedTo))
    : // No login yet (Maria): signing in registered her accounts (FIXTURES.md, demo sign-in).
      seed.accounts.filter((a) => a.customerKey === user.key).map((a) => synced(a.accountNumber, null));
  const history = new Map(
    seed.accounts.map(({ accountNumber }) => [
      accountNumber,
      seed.payments
        .filter((p) => p.accountNumber === accountNumber)
        .map((p): PaymentHistoryItem => ({
          paymentId: p.id,
          confirmationNumber: p.confirmationNumber,
          invoiceNumber: p.invoiceNumber,
          amountCents: p.amountCents,
          paidAt: p.createdAt,
          method: { kind: p.kind, brand: p.brand, last4: p.last4 },
          status: p.status,
        })),
    ]),
  );
  const first = history.get(accounts[0]?.accountNumber ?? '') ?? [];
  const [newest] = first;
  // Older payments like the seed's newest, a month apart.
  for (let i = first.length; newest && i < (o.historyLength ?? 0); i++) {
    const paidAt = new Date(newest.paidAt);
    paidAt.setUTCMonth(paidAt.getUTCMonth() - i);
    first.push({
      ...newest,
      paymentId: `PAY-OLD-${i}`,
      confirmationNumber: `IC-OLD${i}`,
      invoiceNumber: `INV-OLD${i}`,
      paidAt: paidAt.toISOString(),
    });
  }
  return {
    user,
    accounts,
    methods: seed.paymentMethods.filter((m) => m.loginGuid === login?.loginGuid).map(({ loginGuid: _, ...m }) => m),
    openBills: new Map(seed.accounts.map(({ accountNumber }) => [accountNumber, openInvoices(accountNumber)])),
    history,
    lookups: new Map(),
    payments: new Map(),
    ids: 0,
  };
}

// ---- The routes ----

function answers(w: World, o: BrokerOptions): Answers {
  const pending = (): PaymentResult => ({
    status: 'pending',
    retryAfterSeconds: 2,
    reviewing: o.reviewing ?? false,
    confirmationEmail: o.confirmationEmail ?? false,
  });
  /** Bills as the broker marks them while a payment of each awaits confirmation. */
  const marked = <B extends object>(bills: B[]): B[] =>
    o.paymentPendingSince ? bills.map((b) => ({ ...b, paymentPendingSince: o.paymentPendingSince })) : bills;

  const own = (accountNumber: string | undefined) =>
    w.accounts.find((a) => a.accountNumber === accountNumber) ?? refuse('account_not_found');
  const ownMethod = (id: string | undefined) => w.methods.find((m) => m.id === id) ?? refuse('not_found');
  const update = (accountNumber: string | undefined, change: Partial<SyncedAccount>) => ({ ...Object.assign(own(accountNumber), change) });

  /** The new default; AutoPay follows it (as the broker does). */
  function makeDefault(id: string): void {
    const old = w.methods.find((m) => m.isDefault)?.id;
    for (const m of w.methods) m.isDefault = m.id === id;
    for (const a of w.accounts) if (a.autopay && a.autopayMethodId === old) a.autopayMethodId = id;
  }

  /** Storing verifies the method, as InvoiceCloud does: the declining test cards and bank accounts are refused. */
  function store(req: StoreMethodRequest): SavedMethod {
    const decline = declineOf(req.method);
    if (decline) refuse(decline);
    const card = req.method.kind === 'card' ? req.method : undefined;
    const saved: SavedMethod = {
      id: `PM-STORY-${++w.ids}`,
      ...summaryOf(req.method),
      expMonth: card?.expMonth ?? null,
      expYear: card?.expYear ?? null,
      nickname: req.nickname ?? null,
      isDefault: false,
    };
    w.methods.push(saved);
    if (req.makeDefault || w.methods.length === 1) makeDefault(saved.id);
    return { ...saved };
  }

  /** One payment attempt: the same key answers the same outcome, never a second charge. */
  function pay(
    accountNumber: string,
    key: string,
    req: { invoiceNumber: string; amountCents: number; email?: string | undefined },
    method: PaymentMethodInput | SavedMethod,
  ): PaymentResult {
    const known = w.payments.get(key);
    if (known) return known;
    if (o.payPending) return pending();
    const decline = 'id' in method ? undefined : declineOf(method);
    if (decline) refuse(decline);
    const { kind, brand, last4 } = 'id' in method ? method : summaryOf(method);
    const receipt = {
      paymentId: `PAY-STORY-${key.slice(0, 8)}`,
      confirmationNumber: `IC${String(Date.now()).slice(-8)}`,
      accountNumber,
      invoiceNumber: req.invoiceNumber,
      amountCents: req.amountCents,
      paidAt: new Date().toISOString(),
      method: { kind, brand, last4 },
      ...(req.email ? { email: req.email } : {}),
    };
    const result: PaymentResult = { status: 'succeeded', receipt };
    w.payments.set(key, result);
    return result;
  }

  const status = (key: string | undefined) => (o.payPending ? pending() : (w.payments.get(key ?? '') ?? refuse('not_found')));

  /** The account a guest's look-up token lets them pay. */
  const lookedUp = (token: string) => w.lookups.get(token) ?? refuse('lookup_expired');

  return {
    lookupGuestAccount: ({ body }) => {
      // A wrong name and an unknown account get the same answer (FIXTURES.md).
      const customer = accountNamed(body.accountNumber, body.lastName) ?? refuse('account_not_found');
      const lookupToken = `story-lookup-${w.lookups.size + 1}`;
      w.lookups.set(lookupToken, body.accountNumber);
      const invoices = openInvoices(body.accountNumber);
      return {
        lookupToken,
        expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
        minimumPaymentCents: 100,
        account: {
          accountNumber: body.accountNumber,
          customerName: fullName(customer),
          balanceCents: invoices.reduce((sum, i) => sum + i.amountDueCents, 0),
          invoices: marked(invoices),
        },
      };
    },
    payAsGuest: ({ body, bearer, key }) => pay(lookedUp(bearer), key, body, body.method),
    getGuestPayment: ({ bearer, path }) => {
      lookedUp(bearer);
      return status(path.key);
    },

    getMe: () => {
      const accounts = w.accounts.map((a) => ({ ...a }));
      // As if the host listed exactly these accounts at sign-in.
      const hostAccounts = accounts.map((a) => ({ accountNumber: a.accountNumber, status: 'synced' as const }));
      return { user: { userId: `mymeter-${w.user.key}`, email: w.user.email, name: fullName(w.user) }, accounts, hostAccounts };
    },
    openPortalPage: ({ body }) => {
      const accountNumber = body.accountNumber ?? w.accounts[0]?.accountNumber ?? refuse('no_portal_account');
      own(accountNumber);
      // A static stand-in for InvoiceCloud's page (.storybook/public/portal.html): navigations never reach the worker.
      const url = new URL('portal.html', location.href);
      url.search = new URLSearchParams({ page: o.ssoExpired ? 'expired' : body.target, account: accountNumber }).toString();
      return { url: url.href, origin: location.origin, expiresAt: new Date(Date.now() + 60_000).toISOString() };
    },

    listAccounts: () => ({ accounts: w.accounts.map((a) => ({ ...a })) }),
    linkAccount: ({ body }) => {
      if (w.accounts.some((a) => a.accountNumber === body.accountNumber)) refuse('account_already_registered');
      const registered = seed.registrations.some((r) => r.accountNumber === body.accountNumber);
      if (registered || !accountNamed(body.accountNumber, body.lastName)) refuse('account_not_found');
      w.accounts.push(synced(body.accountNumber, w.accounts[0]?.accountNumber ?? null));
      return { accounts: w.accounts.map((a) => ({ ...a })) };
    },
    unregisterAccount: ({ path }) => {
      const { accountNumber } = own(path.account);
      // InvoiceCloud has no unlink: the accounts linked under it go too.
      const unregistered = [accountNumber, ...w.accounts.filter((a) => a.linkedTo === accountNumber).map((a) => a.accountNumber)];
      w.accounts = w.accounts.filter((a) => !unregistered.includes(a.accountNumber));
      return { unregistered };
    },
    listBills: ({ path, query }) => {
      const { accountNumber } = own(path.account);
      const history = w.history.get(accountNumber) ?? [];
      const start = query.before ? history.findIndex((p) => p.paymentId === query.before) + 1 : 0;
      const payments = history.slice(start, start + query.limit);
      const more = start + query.limit < history.length;
      const bills = (w.openBills.get(accountNumber) ?? []).map((b) => ({ ...b, status: 'open' as const }));
      return { bills: marked(bills), payments, ...(more ? { nextCursor: payments.at(-1)!.paymentId } : {}) };
    },
    payBill: ({ path, body, key }) => {
      const account = own(path.account);
      const { accountNumber } = account;
      const retry = w.payments.has(key);
      const result = pay(accountNumber, key, body, body.method.kind === 'saved' ? ownMethod(body.method.id) : body.method);
      if (result.status === 'succeeded' && !retry) {
        const { receipt } = result;
        w.openBills.set(
          accountNumber,
          (w.openBills.get(accountNumber) ?? []).filter((b) => b.invoiceNumber !== receipt.invoiceNumber),
        );
        w.history.set(accountNumber, [{ ...receipt, status: 'approved' }, ...(w.history.get(accountNumber) ?? [])]);
        account.balanceCents = Math.max(0, account.balanceCents - receipt.amountCents);
      }
      return result;
    },
    getBillPayment: ({ path }) => {
      own(path.account);
      return status(path.key);
    },
    updateAutopay: ({ path, body }) => {
      own(path.account);
      if (!body.enabled) return update(path.account, { autopay: false, autopayMethodId: null });
      const id = body.newMethod
        ? store(body.newMethod).id
        : body.paymentMethodId
          ? ownMethod(body.paymentMethodId).id
          : w.methods.find((m) => m.isDefault)?.id;
      return update(path.account, { autopay: true, autopayMethodId: id ?? refuse('no_payment_method') });
    },
    updatePaperless: ({ path, body }) => update(path.account, { paperless: body.enabled }),

    listPaymentMethods: () => ({ methods: w.methods.map((m) => ({ ...m })) }),
    storePaymentMethod: ({ body }) => store(body),
    updatePaymentMethod: ({ path, body }) => {
      const m = ownMethod(path.id);
      if (body.expMonth !== undefined) m.expMonth = body.expMonth;
      if (body.expYear !== undefined) m.expYear = body.expYear;
      if (body.nickname !== undefined) m.nickname = body.nickname;
      if (body.makeDefault) makeDefault(m.id);
      return { ...m };
    },
    removePaymentMethod: ({ path }) => {
      const m = ownMethod(path.id);
      if (w.accounts.some((a) => a.autopayMethodId === m.id)) refuse('payment_method_in_use');
      w.methods = w.methods.filter((x) => x !== m);
      if (m.isDefault && w.methods[0]) makeDefault(w.methods[0].id);
      return undefined;
    },
  };
}

// ---- Serving them ----

/** Checks a request as the broker's declared routes do (security, Idempotency-Key, query, body), in that order. */
async function callOf(route: Omit<RouteSpec, 'operationId'>, request: Request, params: PathParams): Promise<Call<BrokerRoute>> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  if (route.auth !== 'public' && !bearer) refuse('unauthorized');
  const key = route.idempotent ? (request.headers.get('idempotency-key') ?? '') : '';
  if (route.idempotent && !key) refuse('idempotency_key_required');
  if (key) check(IdempotencyKey, key, 'The Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
  const query =
    route.query &&
    check(querySchemas[route.query], Object.fromEntries(new URL(request.url).searchParams), 'The request has invalid query parameters.');
  const body = route.request && check(schemas[route.request], await json(request), 'The request has invalid fields.');
  return { body, query, path: params as Record<string, string>, bearer, key } as Call<BrokerRoute>;
}

async function json(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    refuse('validation_failed');
  }
}

/** The declared success status; a pending payment is 202 "ask again", with Retry-After, as the broker answers it. */
function answered(route: Omit<RouteSpec, 'operationId'>, body: unknown): Response {
  const payment = body as PaymentResult | undefined;
  if (route.responses[200]?.schema === 'PaymentResult' && payment?.status === 'pending') {
    return HttpResponse.json(payment, { status: 202, headers: { 'retry-after': String(payment.retryAfterSeconds) } });
  }
  const status = Number(Object.keys(route.responses).find((s) => s.startsWith('2')));
  return body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body, { status });
}

/** Every story's world, so that each render of a story starts from the seed (`reseedBrokers`, run before each story). */
const worlds = new Set<() => void>();

/** Starts every story's broker again from the seed: a story shown twice shows the same thing twice. */
export function reseedBrokers(): void {
  worlds.forEach((reseed) => reseed());
}

/**
 * A broker for one story: a handler per route, over the seed, behaving as
 * `options` say — `parameters: { msw: { handlers: brokerHandlers({ payPending: true }) } }`.
 */
export function brokerHandlers(options: BrokerOptions = {}): HttpHandler[] {
  const world = seeded(options);
  worlds.add(() => Object.assign(world, seeded(options)));
  const routes = answers(world, options);
  return (Object.keys(routes) as BrokerRoute[]).map((id) => {
    const route: Omit<RouteSpec, 'operationId'> = operations[id];
    return http[route.method](`${BROKER}${route.path.replace(/\{(\w+)\}/g, ':$1')}`, async ({ request, params }) => {
      await delay(options.hangs?.includes(id) ? 'infinite' : (options.latencyMs ?? 400));
      if (options.offline) return HttpResponse.error();
      try {
        const call = await callOf(route, request, params);
        const failure = options.fails?.[id];
        if (failure) refuse(failure, failure === 'rate_limited' ? { retryAfterSeconds: options.retryAfterSeconds ?? 60 } : {});
        return answered(route, (routes[id] as (call: Call<BrokerRoute>) => unknown)(call));
      } catch (err) {
        if (err instanceof BrokerError) return refusal(err);
        throw err;
      }
    });
  });
}
