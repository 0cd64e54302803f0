/**
 * BrokerTransport: the only browser code that calls `fetch`. Every answer is
 * parsed with the contract schemas, every failure becomes one `IcApiError`,
 * every request has a deadline combined with the caller's AbortSignal, and
 * identical concurrent GETs share one request. Signed-in calls send the
 * session token as `Authorization: Bearer`. The calls themselves
 * (`lookupGuestAccount`, `payBill`, …) are plain functions over it, one
 * module per resource beside this one: a module imports those it makes, and a
 * bundle keeps only those.
 */
import type * as C from '../contract/index.ts';
import type { Check } from './answers.ts';
import { defaultRetryable, IcApiError, type IcErrorCode } from './errors.ts';
import { onDemand } from './on-demand.ts';

export interface RequestOptions {
  /** Aborting rejects the call with the signal's `AbortError`. */
  signal?: AbortSignal;
}

/** Signed-in data the elements share; a change through the transport names the ones it touched. */
export type Resource = 'accounts' | 'payment-methods' | 'bills';

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

type AnswerChecks = typeof import('./answers.ts');
/** The name of a check in answers.ts: what a call expects the broker to answer. */
export type Answer = keyof AnswerChecks;
/** The type an answer of that name has. */
export type AnswerOf<K extends Answer> = AnswerChecks[K] extends Check<infer T> ? T : never;

/**
 * The contract's checks (answers.ts), a chunk of their own: zod and the
 * schemas weigh more than an element's own code, and only pages that talk
 * to the broker need them.
 */
export const answerChecks = onDemand(() => import('./answers.ts'));

interface SendInit<K extends Answer> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** What the broker answers. */
  answer: K;
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
 * The transport's own steps, which the calls are made of. Keyed by symbols
 * that the package does not export: they are not part of what a host uses.
 */
export const SEND = Symbol('send');
export const GET = Symbol('get');
export const READ = Symbol('read');
export const WRITE = Symbol('write');
export const CHANGED = Symbol('changed');
export const WITH_ACCOUNT = Symbol('withAccount');
export const BEARER = Symbol('bearer');

/**
 * The transport: deadlines, answer checks, shared GETs, kept reads and
 * change notices. What an element's `client` property and `<ic-provider>`
 * share; the calls take it as their first argument.
 */
export class BrokerTransport {
  /** Broker base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The session token ('' for a guest-only transport). */
  readonly token: string;
  /** Deadline per request in milliseconds. */
  readonly timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #shared = new Map<string, SharedRequest>();
  /** Answered signed-in reads by path, until a change through this transport drops or replaces them. */
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
    // Fetched now, while the element renders, so that the first request seldom waits for them; a failure here is
    // met again, and reported, by the request.
    answerChecks().catch(() => {});
  }

  /** Calls `listener` after each change through this transport with what it touched; returns the unsubscribe. */
  subscribe(listener: (changed: ReadonlySet<Resource>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A signed-in read: the kept answer if there is one, else one request shared by every caller. */
  async [READ]<K extends Answer>(path: string, answer: K, options: RequestOptions): Promise<AnswerOf<K>> {
    if (this.#kept.has(path)) return this.#kept.get(path) as AnswerOf<K>;
    const generation = this.#generation;
    const value = await this[GET](path, answer, this[BEARER](), options.signal);
    if (generation === this.#generation) this.#kept.set(path, value);
    return value;
  }

  [WRITE]<K extends Answer>(
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    answer: K,
    body: unknown,
    options: RequestOptions,
    headers: Record<string, string> = {},
  ): Promise<AnswerOf<K>> {
    const auth = this[BEARER]();
    return this[SEND]({
      method,
      path,
      answer,
      body,
      signal: options.signal,
      headers: auth ? { ...headers, authorization: auth } : headers,
    });
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
  [GET]<K extends Answer>(path: string, answer: K, authorization: string, signal: AbortSignal | undefined): Promise<AnswerOf<K>> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = `${path}\n${authorization}`;
    let entry = this.#shared.get(id);
    if (!entry) {
      const controller = new AbortController();
      const created: SharedRequest = { controller, users: 0, promise: Promise.resolve() };
      const headers: Record<string, string> = authorization ? { authorization } : {};
      created.promise = this[SEND]({ method: 'GET', path, answer, headers, signal: controller.signal }).finally(() => {
        if (this.#shared.get(id) === created) this.#shared.delete(id);
      });
      this.#shared.set(id, created);
      entry = created;
    }
    const shared = entry;
    shared.users++;
    return new Promise<AnswerOf<K>>((resolve, reject) => {
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
          resolve(value as AnswerOf<K>);
        },
        (err: unknown) => {
          if (settled) return;
          leave();
          reject(err);
        },
      );
    });
  }

  async [SEND]<K extends Answer>(init: SendInit<K>): Promise<AnswerOf<K>> {
    // A request whose answer could not be read is not sent: if the checks cannot be fetched, the
    // call fails with `load_failed` and nothing reached the broker (a payment is surely not made).
    const checks = await answerChecks();
    const { response, text } = await this.#exchange(init);
    return parseResponse(response, text, checks, init.answer);
  }

  /** The request and its whole body, under the deadline and the caller's signal. */
  async #exchange(init: SendInit<Answer>): Promise<{ response: Response; text: string }> {
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
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      const response = await this.#fetch(`${this.baseUrl}${init.path}`, {
        method: init.method,
        headers,
        body: init.body === undefined ? null : JSON.stringify(init.body),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      // The body is read under the same deadline: a stalled stream is a timeout too.
      return { response, text: await response.text() };
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
  }
}

/** Which shared resource a read's path is, if any. */
function resourceOf(path: string): Resource | undefined {
  if (path === '/accounts') return 'accounts';
  if (path === '/payment-methods') return 'payment-methods';
  return /^\/accounts\/[^/]+\/bills(\?|$)/.test(path) ? 'bills' : undefined;
}

function parseResponse<K extends Answer>(response: Response, text: string, checks: AnswerChecks, answer: K): AnswerOf<K> {
  const headerId = response.headers.get('x-request-id') ?? '';
  const json = parseJson(text);
  if (response.ok) {
    if ((checks[answer] as Check<AnswerOf<K>>)(json)) return json;
    throw clientError('invalid_response', 'The payment service sent an answer we could not read.', response.status, headerId);
  }
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  if (!checks.ErrorBody(json)) {
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
