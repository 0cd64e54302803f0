/**
 * Exactly-once payments, on the browser side (guest payments and signed-in
 * bill payments alike; a channel says how each one is sent and asked about).
 *
 * One Idempotency-Key per payment attempt, created when the payer confirms,
 * written to sessionStorage (with what is needed to ask about it again, never
 * card or bank data) before the request leaves, and kept until a final
 * answer. When the answer is lost or not known yet (network, timeout, 202
 * pending, 409 in flight, 5xx) the SAME key is asked about with the
 * channel's `status` — never sent again under a new key. A reload resumes
 * the stored attempt the same way. `not_found` from the status check means the
 * broker never saw the key: nothing was charged and a new attempt is safe.
 * `payment_being_confirmed` on the payment means the broker refused it before
 * sending anything (another attempt at the bill is unresolved): final, and
 * its key is never asked about.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AttemptRecord as isAttemptRecord } from '../client/answers.ts';
import { isAbortError, toIcApiError, type IcApiError, type IcErrorCode } from '../client/errors.ts';
import { newIdempotencyKey } from '../client/idempotency-key.ts';
import type { AttemptRecord } from '../contract/browser-state.ts';
import type { GuestPaymentRequest } from '../contract/guest.ts';
import type { PaymentResult, Receipt } from '../contract/payments.ts';
import { ATTEMPT_STORAGE_KEY, storage } from './attempt-store.ts';

/** What is kept about an attempt between page loads: never the card or bank account. */
export type { AttemptRecord };
export { ATTEMPT_STORAGE_KEY };

/** The broker keeps a key for 24 hours; an older attempt can no longer be asked about. */
const RECORD_TTL_MS = 24 * 60 * 60 * 1000;

export function loadAttempt(storageKey = ATTEMPT_STORAGE_KEY, now: number = Date.now()): AttemptRecord | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage().getItem(storageKey) ?? 'null');
  } catch {
    parsed = null;
  }
  if (!isAttemptRecord(parsed) || !(now - Date.parse(parsed.createdAt) < RECORD_TTL_MS)) {
    if (parsed !== null) clearAttempt(storageKey);
    return null;
  }
  return parsed;
}

export function saveAttempt(record: AttemptRecord, storageKey = ATTEMPT_STORAGE_KEY): void {
  if (!isAttemptRecord(record)) throw new TypeError('Not an attempt record.');
  storage().setItem(storageKey, JSON.stringify(record));
}

export function clearAttempt(storageKey = ATTEMPT_STORAGE_KEY): void {
  storage().removeItem(storageKey);
}

/** How one kind of payment is sent under its key, and asked about again. */
export interface AttemptChannel<R> {
  send(record: AttemptRecord, request: R, signal: AbortSignal): Promise<PaymentResult>;
  status(record: AttemptRecord, signal: AbortSignal): Promise<PaymentResult>;
}

/** How an attempt ended. */
export type AttemptOutcome =
  | { kind: 'succeeded'; receipt: Receipt }
  /** A final answer: nothing was charged under this key; a new attempt (new key) may follow. */
  | { kind: 'failed'; error: IcApiError }
  /** The look-up token or session ran out. `unresolved`: the attempt is kept, and resumes after a new look-up or sign-in. */
  | { kind: 'expired'; error: IcApiError; unresolved: boolean };

export type AttemptPhase = 'idle' | 'paying' | 'confirming' | 'stalled';

/** Refusals of the card or bank account itself: the payer cures them by changing the method (or a detail of it). */
const METHOD_REFUSED_CODES: readonly IcErrorCode[] = [
  'card_declined',
  'insufficient_funds',
  'account_closed',
  'payment_declined',
  'validation_failed',
];

/** On the payment request itself, these answers are final: the broker did not (or could not) charge. */
const FINAL_ON_PAY = new Set<IcErrorCode>([
  ...METHOD_REFUSED_CODES,
  'payment_not_completed',
  'payment_being_confirmed',
  'invoice_not_payable',
  'rate_limited',
  'unsupported_media_type',
  'payload_too_large',
  'idempotency_key_required',
  'not_found',
  'account_not_found',
  // The client could not fetch what reads the answer, so it sent nothing (transport.ts).
  'load_failed',
]);

/**
 * On a status check, only these are an answer about the payment: the broker
 * never saw the key, or holds a final refusal for it. Anything else (a
 * failure a retry may cure, an unreadable answer, a refusal of the check
 * itself) tells nothing either way: ask again, never "not charged".
 */
const FINAL_ON_STATUS = new Set<IcErrorCode>([...METHOD_REFUSED_CODES, 'payment_not_completed', 'invoice_not_payable', 'not_found']);

const EXPIRED = new Set<IcErrorCode>(['lookup_expired', 'unauthorized', 'session_expired']);

/** The final refusals the payer cures by changing the card or bank account (pay flows go back to the method). */
export const METHOD_REFUSED: ReadonlySet<string> = new Set<IcErrorCode>(METHOD_REFUSED_CODES);

export interface PaymentAttemptOptions<R> {
  channel: AttemptChannel<R>;
  /**
   * The sessionStorage key of this payer's attempt (default: the guest payment's);
   * a function when it depends on a property set after construction (the account).
   */
  storageKey?: string | (() => string);
  onOutcome: (outcome: AttemptOutcome) => void;
  /** Stop asking (phase `stalled`) after this long without an answer; "Check again" restarts. */
  patienceMs?: number;
  /**
   * Seconds to wait before status check number `n` (from 0) at the least, whatever
   * the broker suggests: 1, 2, 4, 8, then every 15 s. Keeps a long wait from
   * spending the payer's rate limit (often shared by a whole mobile network).
   */
  backoff?: (n: number) => number;
}

export class PaymentAttemptController<
  R extends { invoiceNumber: string; amountCents: number } = GuestPaymentRequest,
> implements ReactiveController {
  /** `paying`: the payment request is out; `confirming`: its outcome is being asked about. */
  phase: AttemptPhase = 'idle';
  /** The broker's last pending answer said the outcome is taking longer than usual ("under review"). */
  reviewing = false;
  /** ...and that the payer will get an email with the outcome. */
  confirmationEmail = false;
  #abort: AbortController | undefined;
  readonly #patienceMs: number;
  readonly #backoff: (n: number) => number;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: PaymentAttemptOptions<R>,
  ) {
    this.#patienceMs = options.patienceMs ?? 180_000;
    this.#backoff = options.backoff ?? ((n) => Math.min(2 ** n, 15));
    host.addController(this);
  }

  get #key(): string {
    const k = this.options.storageKey ?? ATTEMPT_STORAGE_KEY;
    return typeof k === 'function' ? k() : k;
  }

  /** True from the moment the payer confirms until a final answer. */
  get busy(): boolean {
    return this.phase !== 'idle';
  }

  /** The attempt kept in sessionStorage, if one awaits a final answer. */
  get pending(): AttemptRecord | null {
    return loadAttempt(this.#key);
  }

  /**
   * Sends one payment attempt under a new key. Returns false, and sends
   * nothing, while another attempt is running or unresolved: a double click or
   * a repeated Enter cannot pay twice.
   */
  pay(credential: string, accountNumber: string, request: R): boolean {
    if (this.phase !== 'idle' || this.pending) return false;
    const record: AttemptRecord = {
      idempotencyKey: newIdempotencyKey(),
      credential,
      accountNumber,
      invoiceNumber: request.invoiceNumber,
      amountCents: request.amountCents,
      createdAt: new Date().toISOString(),
    };
    saveAttempt(record, this.#key);
    this.reviewing = this.confirmationEmail = false;
    this.#set('paying');
    void this.#run(async (signal) => {
      let result: PaymentResult;
      try {
        result = await this.options.channel.send(record, request, signal);
      } catch (err) {
        if (isAbortError(err)) return;
        const e = toIcApiError(err);
        if (EXPIRED.has(e.code)) return this.#finish({ kind: 'expired', error: e, unresolved: false });
        if (FINAL_ON_PAY.has(e.code)) return this.#finish({ kind: 'failed', error: e });
        // Outcome unknown (or 409 in flight, or 422): the same key tells the truth.
        return this.#confirm(signal, e.retryAfterSeconds ?? 1);
      }
      if (result.status === 'succeeded') return this.#finish({ kind: 'succeeded', receipt: result.receipt });
      this.#noteReview(result);
      return this.#confirm(signal, result.retryAfterSeconds);
    });
    return true;
  }

  /**
   * Resumes the stored attempt, if any, by asking about it. A new look-up token
   * (for the same account, after the old one expired) replaces the stored one.
   */
  resume(credential?: string): boolean {
    const record = this.pending;
    if (!record || this.phase === 'paying' || this.phase === 'confirming') return false;
    if (credential) saveAttempt({ ...record, credential }, this.#key);
    this.#set('confirming');
    void this.#run((signal) => this.#confirm(signal, 0));
    return true;
  }

  hostConnected(): void {
    // After first render (properties set) or a re-connection, pick up an unresolved attempt.
    void this.host.updateComplete.then(() => {
      if (this.phase === 'idle') this.resume();
    });
  }

  hostDisconnected(): void {
    // The attempt stays stored; re-connecting (or reloading) resumes it.
    this.#abort?.abort();
    this.#abort = undefined;
    this.phase = 'idle';
  }

  async #run(work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.#abort?.abort();
    const controller = new AbortController();
    this.#abort = controller;
    try {
      await work(controller.signal);
    } catch (err) {
      if (!isAbortError(err)) throw err;
    }
  }

  async #confirm(signal: AbortSignal, firstDelaySeconds: number): Promise<void> {
    this.#set('confirming');
    const giveUpAt = Date.now() + this.#patienceMs;
    let delay = firstDelaySeconds;
    for (let i = 0; Date.now() < giveUpAt; i++) {
      await sleep(delay * 1000, signal);
      const record = this.pending;
      if (!record) return this.#set('idle');
      try {
        const r = await this.options.channel.status(record, signal);
        if (r.status === 'succeeded') return this.#finish({ kind: 'succeeded', receipt: r.receipt });
        this.#noteReview(r);
        delay = Math.max(r.retryAfterSeconds, this.#backoff(i));
      } catch (err) {
        if (isAbortError(err)) throw err;
        const e = toIcApiError(err);
        if (EXPIRED.has(e.code)) return this.#finish({ kind: 'expired', error: e, unresolved: true });
        if (FINAL_ON_STATUS.has(e.code)) return this.#finish({ kind: 'failed', error: e });
        delay = Math.max(e.retryAfterSeconds ?? 0, this.#backoff(i));
      }
    }
    this.#set('stalled');
  }

  /** Keeps what a pending answer says of the review, re-rendering the host when it changes. */
  #noteReview(r: Extract<PaymentResult, { status: 'pending' }>): void {
    if (r.reviewing === this.reviewing && r.confirmationEmail === this.confirmationEmail) return;
    ({ reviewing: this.reviewing, confirmationEmail: this.confirmationEmail } = r);
    this.host.requestUpdate();
  }

  #finish(outcome: AttemptOutcome): void {
    if (!(outcome.kind === 'expired' && outcome.unresolved)) clearAttempt(this.#key);
    this.#set('idle');
    this.options.onOutcome(outcome);
  }

  #set(phase: AttemptPhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
