/**
 * BrokerClient: the only browser code that calls `fetch`. Every answer is
 * parsed with the contract schemas, every failure becomes one `IcApiError`,
 * every request has a deadline combined with the caller's AbortSignal, and
 * identical concurrent GETs share one request. Signed-in calls send the
 * session token as `Authorization: Bearer`.
 */
import * as z from 'zod/mini';
import { ErrorBody } from '../contract/common.ts';
import {
  GuestLookupResponse,
  IdempotencyKey,
  type GuestLookupRequest,
  type GuestPaymentRequest,
} from '../contract/guest.ts';
import { PaymentResult } from '../contract/payments.ts';
import { MeResponse, SsoResponse, type SsoTarget } from '../contract/sessions.ts';
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
  lookupAccount(request: GuestLookupRequest, options?: RequestOptions): Promise<GuestLookupResponse>;
  /** Sends one payment attempt. Same key + same body → the same result, never a second charge. */
  payAsGuest(
    lookupToken: string,
    idempotencyKey: string,
    request: GuestPaymentRequest,
    options?: RequestOptions,
  ): Promise<PaymentResult>;
  /** Where the attempt with this key stands; `not_found` means the broker never saw it. */
  guestPaymentStatus(lookupToken: string, idempotencyKey: string, options?: RequestOptions): Promise<PaymentResult>;
}

/**
 * What `<ic-sso-frame>` needs from a client: a fresh single-use portal URL
 * per call. Never cached or shared: each URL works once.
 */
export interface SsoClient {
  /** A new single-use URL of an InvoiceCloud portal page, and the origin its messages come from. */
  ssoUrl(target: SsoTarget, options?: RequestOptions): Promise<SsoResponse>;
}

/** Everything the elements ask a broker; `<ic-provider>` shares one per endpoint + token. */
export interface IcClient extends GuestPaymentsClient, SsoClient {
  /** The signed-in user and their accounts. */
  me(options?: RequestOptions): Promise<MeResponse>;
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

type Schema<T> = z.ZodMiniType<T>;

interface SendInit<T> {
  method: 'GET' | 'POST';
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

  constructor(options: BrokerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token ?? '';
    this.timeoutMs = options.timeoutMs ?? 15_000;
    // Called through a closure: a bare reference to window.fetch throws "Illegal invocation".
    const impl = options.fetch;
    this.#fetch = impl ? (input, init) => impl(input, init) : (input, init) => globalThis.fetch(input, init);
  }

  lookupAccount(request: GuestLookupRequest, options: RequestOptions = {}): Promise<GuestLookupResponse> {
    return this.#send({ method: 'POST', path: '/guest/lookup', schema: GuestLookupResponse, body: request, signal: options.signal });
  }

  payAsGuest(
    lookupToken: string,
    idempotencyKey: string,
    request: GuestPaymentRequest,
    options: RequestOptions = {},
  ): Promise<PaymentResult> {
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

  guestPaymentStatus(lookupToken: string, idempotencyKey: string, options: RequestOptions = {}): Promise<PaymentResult> {
    checkKey(idempotencyKey);
    return this.#get(`/guest/payments/${encodeURIComponent(idempotencyKey)}`, PaymentResult, `Bearer ${lookupToken}`, options.signal);
  }

  /** Several elements asking at once (a page of them) share one request. */
  me(options: RequestOptions = {}): Promise<MeResponse> {
    return this.#get('/me', MeResponse, this.#bearer(), options.signal);
  }

  /** POST, never shared: every call must get its own single-use URL. */
  ssoUrl(target: SsoTarget, options: RequestOptions = {}): Promise<SsoResponse> {
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

function parseResponse<T>(response: Response, text: string, schema: Schema<T>): T {
  const headerId = response.headers.get('x-request-id') ?? '';
  const json = parseJson(text);
  if (response.ok) {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    throw clientError('invalid_response', 'The payment service sent an answer we could not read.', response.status, headerId);
  }
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const parsed = ErrorBody.safeParse(json);
  if (!parsed.success) {
    throw new IcApiError({
      code: 'invalid_response',
      message: `The payment service answered HTTP ${response.status}.`,
      retryable: defaultRetryable('invalid_response', response.status),
      requestId: headerId,
      status: response.status,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    });
  }
  const e = parsed.data.error;
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
  if (!IdempotencyKey.safeParse(key).success) {
    throw new TypeError('An Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
  }
}
