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
  /** A new single-use URL of an InvoiceCloud portal page, and the origin its messages come from. */
  ssoUrl(target: C.SsoTarget, options?: RequestOptions): Promise<C.SsoResponse>;
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
  /** A card's expiry, a nickname, or `makeDefault` (AutoPay moves to the new default). */
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

export class BrokerClient implements IcClient {
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

  lookupAccount(request: C.GuestLookupRequest, options: RequestOptions = {}): Promise<C.GuestLookupResponse> {
    return this.#send({ method: 'POST', path: '/guest/lookup', schema: GuestLookupResponse, body: request, signal: options.signal });
  }

  payAsGuest(
    lookupToken: string,
    idempotencyKey: string,
    request: C.GuestPaymentRequest,
    options: RequestOptions = {},
  ): Promise<C.PaymentResult> {
    checkKey(idempotencyKey);
    return this.#send({
      method: 'POST',
      path: '/guest/payments',
      schema: PaymentResult,
      headers: { authorization: `Bearer ${lookupToken}`, 'idempotency-key': idempotencyKey },
      body: request,
      signal: options.signal,
    });
  }

  guestPaymentStatus(lookupToken: string, idempotencyKey: string, options: RequestOptions = {}): Promise<C.PaymentResult> {
    checkKey(idempotencyKey);
    return this.#get(`/guest/payments/${encodeURIComponent(idempotencyKey)}`, PaymentResult, `Bearer ${lookupToken}`, options.signal);
  }

  /** Several elements asking at once (a page of them) share one request. */
  me(options: RequestOptions = {}): Promise<C.MeResponse> {
    return this.#get('/me', MeResponse, this.#bearer(), options.signal);
  }

  accounts(options: RequestOptions = {}): Promise<C.SyncedAccount[]> {
    return this.#read('/accounts', AccountsResponse, options).then((r) => r.accounts);
  }

  paymentMethods(options: RequestOptions = {}): Promise<C.SavedMethod[]> {
    return this.#read('/payment-methods', PaymentMethodsResponse, options).then((r) => r.methods);
  }

  bills(accountNumber: string, page: { before?: string; limit?: number } = {}, options: RequestOptions = {}): Promise<C.BillsResponse> {
    const query = new URLSearchParams();
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    if (page.before) query.set('before', page.before);
    const q = query.toString();
    return this.#read(`${accountPath(accountNumber)}/bills${q ? `?${q}` : ''}`, BillsResponse, options);
  }

  async setPaperless(accountNumber: string, enabled: boolean, options: RequestOptions = {}): Promise<C.SyncedAccount> {
    const account = await this.#write('PUT', `${accountPath(accountNumber)}/paperless`, SyncedAccount, { enabled }, options);
    this.#changed(['accounts'], this.#withAccount(account));
    return account;
  }

  async setAutopay(accountNumber: string, request: C.AutopayRequest, options: RequestOptions = {}): Promise<C.SyncedAccount> {
    let account: C.SyncedAccount;
    try {
      account = await this.#write('PUT', `${accountPath(accountNumber)}/autopay`, SyncedAccount, request, options);
    } catch (err) {
      // The new method may be stored even though AutoPay is not on: whoever lists methods asks again.
      if (request.newMethod) this.#changed(['payment-methods']);
      throw err;
    }
    // A new method was stored on the way (and may be the default now).
    this.#changed(request.newMethod ? ['accounts', 'payment-methods'] : ['accounts'], this.#withAccount(account));
    return account;
  }

  async storePaymentMethod(request: C.StoreMethodRequest, options: RequestOptions = {}): Promise<C.SavedMethod> {
    const saved = await this.#write('POST', '/payment-methods', SavedMethod, request, options);
    // A new default carries AutoPay with it.
    this.#changed(saved.isDefault ? ['payment-methods', 'accounts'] : ['payment-methods']);
    return saved;
  }

  async updatePaymentMethod(id: string, change: C.UpdateMethodRequest, options: RequestOptions = {}): Promise<C.SavedMethod> {
    const saved = await this.#write('PATCH', `/payment-methods/${encodeURIComponent(id)}`, SavedMethod, change, options);
    this.#changed(change.makeDefault ? ['payment-methods', 'accounts'] : ['payment-methods']);
    return saved;
  }

  async removePaymentMethod(id: string, options: RequestOptions = {}): Promise<void> {
    await this.#write('DELETE', `/payment-methods/${encodeURIComponent(id)}`, NoContent, undefined, options);
    this.#changed(['payment-methods']);
  }

  async linkAccount(request: C.LinkAccountRequest, options: RequestOptions = {}): Promise<C.SyncedAccount[]> {
    const { accounts } = await this.#write('POST', '/accounts/links', AccountsResponse, request, options);
    this.#changed(['accounts'], { accounts });
    return accounts;
  }

  async unregisterAccount(accountNumber: string, options: RequestOptions = {}): Promise<string[]> {
    const { unregistered } = await this.#write('DELETE', accountPath(accountNumber), UnregisterResponse, undefined, options);
    this.#changed(['accounts', 'bills']);
    return unregistered;
  }

  async payBill(accountNumber: string, idempotencyKey: string, request: C.BillPaymentRequest, options: RequestOptions = {}): Promise<C.PaymentResult> {
    checkKey(idempotencyKey);
    const result = await this.#write('POST', `${accountPath(accountNumber)}/payments`, PaymentResult, request, options, {
      'idempotency-key': idempotencyKey,
    });
    if (result.status === 'succeeded') this.#changed(['bills', 'accounts']);
    return result;
  }

  async billPaymentStatus(accountNumber: string, idempotencyKey: string, options: RequestOptions = {}): Promise<C.PaymentResult> {
    checkKey(idempotencyKey);
    const path = `${accountPath(accountNumber)}/payments/${encodeURIComponent(idempotencyKey)}`;
    const result = await this.#get(path, PaymentResult, this.#bearer(), options.signal);
    if (result.status === 'succeeded') this.#changed(['bills', 'accounts']);
    return result;
  }

  subscribe(listener: (changed: ReadonlySet<Resource>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A signed-in read: the kept answer if there is one, else one request shared by every caller. */
  async #read<T>(path: string, schema: Schema<T>, options: RequestOptions): Promise<T> {
    if (this.#kept.has(path)) return this.#kept.get(path) as T;
    const generation = this.#generation;
    const value = await this.#get(path, schema, this.#bearer(), options.signal);
    if (generation === this.#generation) this.#kept.set(path, value);
    return value;
  }

  #write<T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    schema: Schema<T>,
    body: unknown,
    options: RequestOptions,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const auth = this.#bearer();
    return this.#send({ method, path, schema, body, signal: options.signal, headers: auth ? { ...headers, authorization: auth } : headers });
  }

  /**
   * After a change: drop every kept answer of the resources it touched, keep
   * the account list the answer gave (if it gave one), then tell listeners.
   */
  #changed(resources: Resource[], accounts?: { accounts: C.SyncedAccount[] }): void {
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
  #withAccount(account: C.SyncedAccount): { accounts: C.SyncedAccount[] } | undefined {
    const kept = this.#kept.get('/accounts') as { accounts: C.SyncedAccount[] } | undefined;
    return kept && { accounts: kept.accounts.map((a) => (a.accountNumber === account.accountNumber ? account : a)) };
  }

  /** POST, never shared: every call must get its own single-use URL. */
  ssoUrl(target: C.SsoTarget, options: RequestOptions = {}): Promise<C.SsoResponse> {
    return this.#send({
      method: 'POST',
      path: '/sso',
      schema: SsoResponse,
      headers: this.#bearer() ? { authorization: this.#bearer() } : {},
      body: { target },
      signal: options.signal,
    });
  }

  /** No token, no header: the broker then answers 401 `unauthorized`, which the element shows. */
  #bearer(): string {
    return this.token ? `Bearer ${this.token}` : '';
  }

  /**
   * GETs with the same URL and credentials while one is running share its
   * answer. The shared request is aborted only when every caller has aborted.
   */
  #get<T>(path: string, schema: Schema<T>, authorization: string, signal: AbortSignal | undefined): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = `${path}\n${authorization}`;
    let entry = this.#shared.get(id);
    if (!entry) {
      const controller = new AbortController();
      const created: SharedRequest = { controller, users: 0, promise: Promise.resolve() };
      const headers: Record<string, string> = authorization ? { authorization } : {};
      created.promise = this.#send({ method: 'GET', path, schema, headers, signal: controller.signal }).finally(
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

  async #send<T>(init: SendInit<T>): Promise<T> {
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
