/**
 * BrokerClient: the only browser code that calls `fetch`. Every answer is
 * parsed with the contract schemas, every failure becomes one `IcApiError`,
 * every request has a deadline combined with the caller's AbortSignal, and
 * identical concurrent GETs share one request. Signed-in calls send the
 * session token as `Authorization: Bearer`.
 */
import type * as C from '../contract/index.ts';
import { IDEMPOTENCY_KEY } from '../contract/limits.ts';
import {
  AccountsResponse,
  BillsResponse,
  ErrorBody,
  GuestLookupResponse,
  MeResponse,
  PaymentMethodsResponse,
  PaymentResult,
  SavedMethod,
  SsoResponse,
  SyncedAccount,
  UnregisterResponse,
  type Check,
} from './answers.ts';
import { defaultRetryable, IcApiError, type IcErrorCode } from './errors.ts';

export interface RequestOptions {
  /** Aborting rejects the call with the signal's `AbortError`. */
  signal?: AbortSignal;
}

/**
 * What `<ic-one-time-pay>` needs from a client. `BrokerClient` implements it;
 * stories and tests may pass any object that does (property `client`).
 */
export interface GuestPaymentsClient {
  /** Finds the account and its open bills; the answer's `lookupToken` authorizes the payment. */
  lookupAccount(request: C.GuestLookupRequest, options?: RequestOptions): Promise<C.GuestLookupResponse>;
  /** Sends one payment attempt. Same key + same body → the same result, never a second charge. */
  payAsGuest(
    lookupToken: string,
    idempotencyKey: string,
    request: C.GuestPaymentRequest,
    options?: RequestOptions,
  ): Promise<C.PaymentResult>;
  /** Where the attempt with this key stands; `not_found` means the broker never saw it. */
  guestPaymentStatus(lookupToken: string, idempotencyKey: string, options?: RequestOptions): Promise<C.PaymentResult>;
}

/**
 * What `<ic-sso-frame>` needs from a client: a fresh single-use portal URL
 * per call. Never cached or shared: each URL works once.
 */
export interface SsoClient {
  /**
   * A new single-use URL of an InvoiceCloud portal page, and the origin its
   * messages come from: `'pay-by-text'`, or `{ target, accountNumber }` for
   * one of the user's accounts (the first when left out).
   */
  ssoUrl(page: C.SsoTarget | C.SsoRequest, options?: RequestOptions): Promise<C.SsoResponse>;
}

/** Signed-in data the elements share; a change through the client names the ones it touched. */
export type Resource = 'accounts' | 'payment-methods' | 'bills';

/**
 * What the signed-in elements (`<ic-bills>`, the toggles, `<ic-payment-methods>`,
 * `<ic-linked-accounts>`) need. Reads are kept once answered and shared by
 * every element on the client, so a page of them asks once per resource; each
 * change updates or drops what it touched and tells `subscribe` listeners.
 */
export interface SelfServiceClient {
  /** The user's accounts, as the broker last synced them from InvoiceCloud. */
  accounts(options?: RequestOptions): Promise<C.SyncedAccount[]>;
  /** The saved payment methods; exactly one is the default when there are any. */
  paymentMethods(options?: RequestOptions): Promise<C.SavedMethod[]>;
  /** Open bills and one page of payment history, newest first (`before`: the previous page's `nextCursor`). */
  bills(accountNumber: string, page?: { before?: string; limit?: number }, options?: RequestOptions): Promise<C.BillsResponse>;
  /** Paperless billing on or off; answers the account as it now stands. */
  setPaperless(accountNumber: string, enabled: boolean, options?: RequestOptions): Promise<C.SyncedAccount>;
  /** AutoPay on (with a saved method, a new one to store first, or the default) or off. */
  setAutopay(accountNumber: string, request: C.AutopayRequest, options?: RequestOptions): Promise<C.SyncedAccount>;
  storePaymentMethod(request: C.StoreMethodRequest, options?: RequestOptions): Promise<C.SavedMethod>;
  /** A card's expiry, a nickname, or making it the default (AutoPay moves to the new default). */
  updatePaymentMethod(id: string, change: C.UpdateMethodRequest, options?: RequestOptions): Promise<C.SavedMethod>;
  /** Refused (`payment_method_in_use`) while AutoPay charges it. */
  removePaymentMethod(id: string, options?: RequestOptions): Promise<void>;
  /** Links another account, proven by the last name on it; answers every account now. */
  linkAccount(request: C.LinkAccountRequest, options?: RequestOptions): Promise<C.SyncedAccount[]>;
  /** Unregisters an account and every account linked under it; answers all that were removed. */
  unregisterAccount(accountNumber: string, options?: RequestOptions): Promise<string[]>;
  /** Pays a bill. Same key + same body → the same result, never a second charge. */
  payBill(accountNumber: string, idempotencyKey: string, request: C.BillPaymentRequest, options?: RequestOptions): Promise<C.PaymentResult>;
  /** Where the bill payment with this key stands; `not_found` means the broker never saw it. */
  billPaymentStatus(accountNumber: string, idempotencyKey: string, options?: RequestOptions): Promise<C.PaymentResult>;
  /** Calls `listener` after each change through this client with what it touched; returns the unsubscribe. */
  subscribe(listener: (changed: ReadonlySet<Resource>) => void): () => void;
}

/** Everything the elements ask a broker; `<ic-provider>` shares one per endpoint + token. */
export interface IcClient extends GuestPaymentsClient, SsoClient, SelfServiceClient {
  /** The signed-in user and their accounts. */
  me(options?: RequestOptions): Promise<C.MeResponse>;
}

export interface BrokerClientOptions {
  /** Broker base URL, e.g. `https://pay.example.com/api/v1`. */
  baseUrl: string;
  /** Session token from the host's `POST /sessions`, sent as `Authorization: Bearer` on signed-in calls. */
  token?: string;
  /** Deadline per request in milliseconds (default 15 000). */
  timeoutMs?: number;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

type Schema<T> = Check<T>;

interface SendInit<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  schema: Schema<T>;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

interface SharedRequest {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

/**
 * The transport's own steps, which the calls below are made of. Keyed by
 * symbols that the package does not export: they are not part of the client
 * a host uses.
 */
export const SEND = Symbol('send');
export const GET = Symbol('get');
export const READ = Symbol('read');
export const WRITE = Symbol('write');
export const CHANGED = Symbol('changed');
export const WITH_ACCOUNT = Symbol('withAccount');
export const BEARER = Symbol('bearer');

// The class below has every IcClient call: `useCalls` puts them on it.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type -- the calls are merged in by useCalls
export interface BrokerClient extends IcClient {}

/**
 * The transport: deadlines, answer checks, shared GETs, kept reads and
 * change notices. Its calls (`lookupAccount`, `payBill`, …) are functions of
 * their own, put on the prototype by `useCalls`: the package entry puts
 * every one; an element imported alone puts only those it makes, so it
 * carries no code or answer checks of the others.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class BrokerClient {
  readonly baseUrl: string;
  /** The session token ('' for a guest-only client). */
  readonly token: string;
  readonly timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #shared = new Map<string, SharedRequest>();
  /** Answered signed-in reads by path, until a change through this client drops or replaces them. */
  readonly #kept = new Map<string, unknown>();
  /** Bumped by every change: a read that started before it must not be kept. */
  #generation = 0;
  readonly #listeners = new Set<(changed: ReadonlySet<Resource>) => void>();

  constructor(options: BrokerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token ?? '';
    this.timeoutMs = options.timeoutMs ?? 15_000;
    // Called through a closure: a bare reference to window.fetch throws "Illegal invocation".
    const impl = options.fetch;
    this.#fetch = impl ? (input, init) => impl(input, init) : (input, init) => globalThis.fetch(input, init);
  }

  subscribe(listener: (changed: ReadonlySet<Resource>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A signed-in read: the kept answer if there is one, else one request shared by every caller. */
  async [READ]<T>(path: string, schema: Schema<T>, options: RequestOptions): Promise<T> {
    if (this.#kept.has(path)) return this.#kept.get(path) as T;
    const generation = this.#generation;
    const value = await this[GET](path, schema, this[BEARER](), options.signal);
    if (generation === this.#generation) this.#kept.set(path, value);
    return value;
  }

  [WRITE]<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    schema: Schema<T>,
    body: unknown,
    options: RequestOptions,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const auth = this[BEARER]();
    return this[SEND]({ method, path, schema, body, signal: options.signal, headers: auth ? { ...headers, authorization: auth } : headers });
  }

  /**
   * After a change: drop every kept answer of the resources it touched, keep
   * the account list the answer gave (if it gave one), then tell listeners.
   */
  [CHANGED](resources: Resource[], accounts?: { accounts: C.SyncedAccount[] }): void {
    this.#generation++;
    const touched = (path: string) => resources.some((r) => r === resourceOf(path));
    for (const path of [...this.#kept.keys()]) if (touched(path)) this.#kept.delete(path);
    // A read already on its way may answer from before the change: later callers start a new one.
    for (const id of [...this.#shared.keys()]) if (touched(id.split('\n')[0]!)) this.#shared.delete(id);
    if (accounts) this.#kept.set('/accounts', accounts);
    const changed = new Set(resources);
    this.#listeners.forEach((l) => l(changed));
  }

  /** The kept account list with one account replaced by its new state (none kept: nothing to replace). */
  [WITH_ACCOUNT](account: C.SyncedAccount): { accounts: C.SyncedAccount[] } | undefined {
    const kept = this.#kept.get('/accounts') as { accounts: C.SyncedAccount[] } | undefined;
    return kept && { accounts: kept.accounts.map((a) => (a.accountNumber === account.accountNumber ? account : a)) };
  }

  /** No token, no header: the broker then answers 401 `unauthorized`, which the element shows. */
  [BEARER](): string {
    return this.token ? `Bearer ${this.token}` : '';
  }

  /**
   * GETs with the same URL and credentials while one is running share its
   * answer. The shared request is aborted only when every caller has aborted.
   */
  [GET]<T>(path: string, schema: Schema<T>, authorization: string, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = `${path}\n${authorization}`;
    let entry = this.#shared.get(id);
    if (!entry) {
      const controller = new AbortController();
      const created: SharedRequest = { controller, users: 0, promise: Promise.resolve() };
      const headers: Record<string, string> = authorization ? { authorization } : {};
      created.promise = this[SEND]({ method: 'GET', path, schema, headers, signal: controller.signal }).finally(
        () => {
          if (this.#shared.get(id) === created) this.#shared.delete(id);
        },
      );
      this.#shared.set(id, created);
      entry = created;
    }
    const shared = entry;
    shared.users++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const leave = () => {
        settled = true;
        shared.users--;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        leave();
        if (shared.users === 0) {
          if (this.#shared.get(id) === shared) this.#shared.delete(id);
          shared.controller.abort();
        }
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      shared.promise.then(
        (value) => {
          if (settled) return;
          leave();
          resolve(value as T);
        },
        (err: unknown) => {
          if (settled) return;
          leave();
          reject(err);
        },
      );
    });
  }

  async [SEND]<T>(init: SendInit<T>): Promise<T> {
    const { signal } = init;
    if (signal?.aborted) throw abortReason(signal);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });

    let response: Response;
    let text: string;
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      response = await this.#fetch(`${this.baseUrl}${init.path}`, {
        method: init.method,
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      // The body is read under the same deadline: a stalled stream is a timeout too.
      text = await response.text();
    } catch {
      if (signal?.aborted) throw abortReason(signal);
      if (timedOut) {
        throw clientError('timeout', 'The payment service did not answer in time.', 0, '');
      }
      throw clientError('network_error', 'The payment service could not be reached.', 0, '');
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    return parseResponse(response, text, init.schema);
  }
}

type Calls = { [K in Exclude<keyof IcClient, 'subscribe'>]: (this: BrokerClient, ...args: Parameters<IcClient[K]>) => ReturnType<IcClient[K]> };

/**
 * Puts calls on BrokerClient (every client, made before or after), like
 * `useTerms` for words: each module calls it, once, for the calls it makes
 * (a node test imports each element alone and checks it has every call its
 * code makes).
 */
export function useCalls(...groups: Partial<Calls>[]): void {
  for (const [name, value] of groups.flatMap(Object.entries)) {
    Object.defineProperty(BrokerClient.prototype, name, { value, writable: true, configurable: true });
  }
}

function lookupAccount(this: BrokerClient, request: C.GuestLookupRequest, options: RequestOptions = {}): Promise<C.GuestLookupResponse> {
  return this[SEND]({ method: 'POST', path: '/guest/lookup', schema: GuestLookupResponse, body: request, signal: options.signal });
}

function payAsGuest(
  this: BrokerClient,
  lookupToken: string,
  idempotencyKey: string,
  request: C.GuestPaymentRequest,
  options: RequestOptions = {},
): Promise<C.PaymentResult> {
  checkKey(idempotencyKey);
  return this[SEND]({
    method: 'POST',
    path: '/guest/payments',
    schema: PaymentResult,
    headers: { authorization: `Bearer ${lookupToken}`, 'idempotency-key': idempotencyKey },
    body: request,
    signal: options.signal,
  });
}

function guestPaymentStatus(this: BrokerClient, lookupToken: string, idempotencyKey: string, options: RequestOptions = {}): Promise<C.PaymentResult> {
  checkKey(idempotencyKey);
  return this[GET](`/guest/payments/${encodeURIComponent(idempotencyKey)}`, PaymentResult, `Bearer ${lookupToken}`, options.signal);
}

/** Several elements asking at once (a page of them) share one request. */
function me(this: BrokerClient, options: RequestOptions = {}): Promise<C.MeResponse> {
  return this[GET]('/me', MeResponse, this[BEARER](), options.signal);
}

function accounts(this: BrokerClient, options: RequestOptions = {}): Promise<C.SyncedAccount[]> {
  return this[READ]('/accounts', AccountsResponse, options).then((r) => r.accounts);
}

function paymentMethods(this: BrokerClient, options: RequestOptions = {}): Promise<C.SavedMethod[]> {
  return this[READ]('/payment-methods', PaymentMethodsResponse, options).then((r) => r.methods);
}

function bills(this: BrokerClient, accountNumber: string, page: { before?: string; limit?: number } = {}, options: RequestOptions = {}): Promise<C.BillsResponse> {
  const query = new URLSearchParams();
  if (page.limit !== undefined) query.set('limit', String(page.limit));
  if (page.before) query.set('before', page.before);
  const q = query.toString();
  return this[READ](`${accountPath(accountNumber)}/bills${q ? `?${q}` : ''}`, BillsResponse, options);
}

async function setPaperless(this: BrokerClient, accountNumber: string, enabled: boolean, options: RequestOptions = {}): Promise<C.SyncedAccount> {
  const account = await this[WRITE]('PUT', `${accountPath(accountNumber)}/paperless`, SyncedAccount, { enabled }, options);
  this[CHANGED](['accounts'], this[WITH_ACCOUNT](account));
  return account;
}

async function setAutopay(this: BrokerClient, accountNumber: string, request: C.AutopayRequest, options: RequestOptions = {}): Promise<C.SyncedAccount> {
  let account: C.SyncedAccount;
  try {
    account = await this[WRITE]('PUT', `${accountPath(accountNumber)}/autopay`, SyncedAccount, request, options);
  } catch (err) {
    // The new method may be stored even though AutoPay is not on: whoever lists methods asks again.
    if (request.newMethod) this[CHANGED](['payment-methods']);
    throw err;
  }
  // A new method was stored on the way (and may be the default now).
  this[CHANGED](request.newMethod ? ['accounts', 'payment-methods'] : ['accounts'], this[WITH_ACCOUNT](account));
  return account;
}

async function storePaymentMethod(this: BrokerClient, request: C.StoreMethodRequest, options: RequestOptions = {}): Promise<C.SavedMethod> {
  const saved = await this[WRITE]('POST', '/payment-methods', SavedMethod, request, options);
  // A new default carries AutoPay with it.
  this[CHANGED](saved.isDefault ? ['payment-methods', 'accounts'] : ['payment-methods']);
  return saved;
}

async function updatePaymentMethod(this: BrokerClient, id: string, change: C.UpdateMethodRequest, options: RequestOptions = {}): Promise<C.SavedMethod> {
  const saved = await this[WRITE]('PATCH', `/payment-methods/${encodeURIComponent(id)}`, SavedMethod, change, options);
  this[CHANGED](change.makeDefault ? ['payment-methods', 'accounts'] : ['payment-methods']);
  return saved;
}

async function removePaymentMethod(this: BrokerClient, id: string, options: RequestOptions = {}): Promise<void> {
  await this[WRITE]('DELETE', `/payment-methods/${encodeURIComponent(id)}`, NoContent, undefined, options);
  this[CHANGED](['payment-methods']);
}

async function linkAccount(this: BrokerClient, request: C.LinkAccountRequest, options: RequestOptions = {}): Promise<C.SyncedAccount[]> {
  const { accounts } = await this[WRITE]('POST', '/accounts/links', AccountsResponse, request, options);
  this[CHANGED](['accounts'], { accounts });
  return accounts;
}

async function unregisterAccount(this: BrokerClient, accountNumber: string, options: RequestOptions = {}): Promise<string[]> {
  const { unregistered } = await this[WRITE]('DELETE', accountPath(accountNumber), UnregisterResponse, undefined, options);
  this[CHANGED](['accounts', 'bills']);
  return unregistered;
}

async function payBill(this: BrokerClient, accountNumber: string, idempotencyKey: string, request: C.BillPaymentRequest, options: RequestOptions = {}): Promise<C.PaymentResult> {
  checkKey(idempotencyKey);
  let result: C.PaymentResult;
  try {
    result = await this[WRITE]('POST', `${accountPath(accountNumber)}/payments`, PaymentResult, request, options, {
      'idempotency-key': idempotencyKey,
    });
  } catch (err) {
    // Another payment of the bill awaits confirmation, which the kept bills do not show yet: read them again.
    if (err instanceof IcApiError && err.code === 'payment_being_confirmed') this[CHANGED](['bills']);
    throw err;
  }
  if (result.status === 'succeeded') this[CHANGED](['bills', 'accounts']);
  return result;
}

async function billPaymentStatus(this: BrokerClient, accountNumber: string, idempotencyKey: string, options: RequestOptions = {}): Promise<C.PaymentResult> {
  checkKey(idempotencyKey);
  const path = `${accountPath(accountNumber)}/payments/${encodeURIComponent(idempotencyKey)}`;
  const result = await this[GET](path, PaymentResult, this[BEARER](), options.signal);
  if (result.status === 'succeeded') this[CHANGED](['bills', 'accounts']);
  return result;
}

/** POST, never shared: every call must get its own single-use URL. */
function ssoUrl(this: BrokerClient, page: C.SsoTarget | C.SsoRequest, options: RequestOptions = {}): Promise<C.SsoResponse> {
  const { target, accountNumber } = typeof page === 'string' ? { target: page, accountNumber: undefined } : page;
  return this[SEND]({
    method: 'POST',
    path: '/sso',
    schema: SsoResponse,
    headers: this[BEARER]() ? { authorization: this[BEARER]() } : {},
    // No account: the broker's default (the first); an empty one is none.
    body: accountNumber ? { target, accountNumber } : { target },
    signal: options.signal,
  });
}

// The calls in groups, each what one element (or part of one) makes.
/** Finding a bill as a guest, and paying it (`<ic-one-time-pay>`). */
export const guestLookupCalls = { lookupAccount };
export const guestPaymentCalls = { payAsGuest, guestPaymentStatus };
/** The signed-in user (hosts). */
export const meCalls = { me };
export const accountCalls = { accounts };
export const paperlessCalls = { setPaperless };
export const autopayCalls = { setAutopay };
export const methodListCalls = { paymentMethods };
/** Adding, changing and removing saved methods (`<ic-payment-methods>`). */
export const methodCalls = { storePaymentMethod, updatePaymentMethod, removePaymentMethod };
export const linkCalls = { linkAccount, unregisterAccount };
export const billCalls = { bills };
/** Paying a bill signed in (`<ic-bills>`). */
export const billPaymentCalls = { payBill, billPaymentStatus };
export const ssoCalls = { ssoUrl };

/** Every call: what the package entry puts on BrokerClient. */
export const everyCall: Calls = {
  ...guestLookupCalls,
  ...guestPaymentCalls,
  ...meCalls,
  ...accountCalls,
  ...paperlessCalls,
  ...autopayCalls,
  ...methodListCalls,
  ...methodCalls,
  ...linkCalls,
  ...billCalls,
  ...billPaymentCalls,
  ...ssoCalls,
};

/** 204: no body. */
const NoContent = (value: unknown): value is undefined => value === undefined;

const accountPath = (accountNumber: string) => `/accounts/${encodeURIComponent(accountNumber)}`;

/** Which shared resource a read's path is, if any. */
function resourceOf(path: string): Resource | undefined {
  if (path === '/accounts') return 'accounts';
  if (path === '/payment-methods') return 'payment-methods';
  return /^\/accounts\/[^/]+\/bills(\?|$)/.test(path) ? 'bills' : undefined;
}

function parseResponse<T>(response: Response, text: string, schema: Schema<T>): T {
  const headerId = response.headers.get('x-request-id') ?? '';
  const json = parseJson(text);
  if (response.ok) {
    if (schema(json)) return json;
    throw clientError('invalid_response', 'The payment service sent an answer we could not read.', response.status, headerId);
  }
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  if (!ErrorBody(json)) {
    throw new IcApiError({
      code: 'invalid_response',
      message: `The payment service answered HTTP ${response.status}.`,
      retryable: defaultRetryable('invalid_response', response.status),
      requestId: headerId,
      status: response.status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  const e = json.error;
  throw new IcApiError({
    code: e.code,
    message: e.message,
    retryable: e.retryable ?? defaultRetryable(e.code, response.status),
    requestId: e.requestId || headerId,
    status: response.status,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(e.fields !== undefined ? { fields: e.fields } : {}),
    ...(e.attemptedAt !== undefined ? { attemptedAt: e.attemptedAt } : {}),
  });
}

function clientError(code: IcErrorCode, message: string, status: number, requestId: string): IcApiError {
  return new IcApiError({ code, message, status, requestId, retryable: defaultRetryable(code, status) });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function abortReason(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  return reason instanceof Error || reason instanceof DOMException ? reason : new DOMException('The request was aborted.', 'AbortError');
}

function checkKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new TypeError('An Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
  }
}
