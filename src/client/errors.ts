import type { ErrorCode } from '../contract/common.ts';

/** Failures the client itself detects; the broker never sends these codes. */
export type ClientErrorCode =
  /** The request never got an answer: offline, DNS, CORS, connection reset. */
  | 'network_error'
  /** No answer within the client's deadline. */
  | 'timeout'
  /** An answer arrived but does not match the contract. */
  | 'invalid_response'
  /**
   * Part of an element's own code, loaded when the payer got to it, could not
   * be fetched. Browsers such as Chromium keep that failure for the page's
   * life, so only a reload helps: not retryable.
   */
  | 'load_failed';

/** Every code an `IcApiError` can carry: the broker's, plus the client's own. */
export type IcErrorCode = ErrorCode | ClientErrorCode;

export interface IcApiErrorInit {
  code: IcErrorCode;
  message: string;
  retryable: boolean;
  /** The broker's `X-Request-Id` (or the body's `requestId`); empty when no answer arrived. */
  requestId: string;
  /** HTTP status, or 0 when no answer arrived. */
  status: number;
  retryAfterSeconds?: number;
  fields?: Record<string, string>;
  /** For `payment_being_confirmed`: when the other, unresolved payment of the bill was made (ISO date-time). */
  attemptedAt?: string;
}

/**
 * The one error every `BrokerClient` call rejects with (except an abort, which
 * rethrows the caller's `AbortError`). Elements map `code` to a message a payer
 * can act on; `retryable` says whether trying again can help.
 */
export class IcApiError extends Error {
  override readonly name = 'IcApiError';
  readonly code: IcErrorCode;
  readonly retryable: boolean;
  readonly requestId: string;
  readonly status: number;
  /** Seconds to wait before trying again (from `Retry-After`), when the broker said. */
  readonly retryAfterSeconds?: number;
  /** For `validation_failed`: field path → problem. */
  readonly fields?: Record<string, string>;
  /**
   * For `payment_being_confirmed` (not retryable: the bill cannot be paid
   * again until that payment is confirmed): when it was made.
   */
  readonly attemptedAt?: string;

  constructor(init: IcApiErrorInit) {
    super(init.message);
    this.code = init.code;
    this.retryable = init.retryable;
    this.requestId = init.requestId;
    this.status = init.status;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.fields !== undefined) this.fields = init.fields;
    if (init.attemptedAt !== undefined) this.attemptedAt = init.attemptedAt;
  }

  /** Plain data, safe to put in an event `detail` or a log. */
  toJSON(): IcApiErrorInit {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      requestId: this.requestId,
      status: this.status,
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.fields !== undefined ? { fields: this.fields } : {}),
      ...(this.attemptedAt !== undefined ? { attemptedAt: this.attemptedAt } : {}),
    };
  }
}

export function isIcApiError(value: unknown): value is IcApiError {
  return value instanceof IcApiError;
}

/** True for the error an aborted fetch (or an aborted caller) rejects with. */
export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError';
}

/** Codes a retry of the same request may cure. */
export const RETRYABLE = new Set<IcErrorCode>([
  'network_error',
  'timeout',
  'rate_limited',
  'idempotency_key_in_flight',
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_invalid',
  'internal',
]);

export function defaultRetryable(code: IcErrorCode, status: number): boolean {
  return RETRYABLE.has(code) || (code === 'invalid_response' && (status === 0 || status >= 500));
}

/**
 * Anything thrown, as an IcApiError. Something that is not one (a bug in a
 * custom client) reads as `invalid_response`, retryable: for a payment that
 * means "outcome unknown, ask again" — never "not charged".
 */
export function toIcApiError(err: unknown): IcApiError {
  if (err instanceof IcApiError) return err;
  return new IcApiError({
    code: 'invalid_response',
    message: err instanceof Error ? err.message : String(err),
    retryable: true,
    requestId: '',
    status: 0,
  });
}
