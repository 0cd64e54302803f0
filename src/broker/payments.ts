/**
 * The exactly-once rules every payment flow shares (guest and registered);
 * they know nothing of HTTP requests.
 *
 * Exactly once: every attempt is claimed under its Idempotency-Key before
 * InvoiceCloud is called, and carries a reference InvoiceCloud echoes back.
 * When InvoiceCloud's answer is lost (timeout, reset, 5xx, unreadable), the
 * outcome is unknown: the attempt is never sent again, it is reconciled by
 * looking the reference up.
 */
import type { Context } from 'hono';
import { IdempotencyKey } from '../contract/guest.ts';
import type { Receipt } from '../contract/payments.ts';
import type { InvoiceCloud, Payment } from '../invoicecloud/api.ts';
import { InvoiceCloudError } from '../invoicecloud/errors.ts';
import { BrokerError, declined, fromInvoiceCloud, refusalOf } from './errors.ts';
import type { BrokerDeps } from './context.ts';
import type { IdempotencyStore, PendingRecord, StoredResult } from './idempotency.ts';
import { check } from './validate.ts';

/**
 * `settled`: this very call found the charge (made it, or reconciled it) — the
 * account's balance has just changed. A replay of a stored answer is not settled.
 */
export type PaymentOutcome = { kind: 'succeeded'; receipt: Receipt; settled: boolean } | { kind: 'pending'; retryAfterSeconds: number };

export interface PaymentDeps {
  ic: InvoiceCloud;
  idempotency: IdempotencyStore;
  /** After this long without finding an unknown payment upstream, it is declared not completed. */
  reconcileWindowMs: number;
  now: () => number;
  onUnknown?: (info: { scope: string; reference: string }) => void;
}

export interface PaymentAttempt {
  /** Who the key belongs to: keys of different callers never collide. */
  scope: string;
  key: string;
  accountNumber: string;
  /** The request as the caller sent it: equal requests under one key are one payment. */
  request: unknown;
  /** Where the receipt copy goes, if anywhere. */
  email?: string;
  /** Calls InvoiceCloud once, with the reference that finds the payment again. */
  charge(reference: string): Promise<Payment>;
}

/** The payment rules' dependencies, from the broker's. */
export function paymentDeps(d: BrokerDeps): PaymentDeps {
  return {
    ic: d.ic,
    idempotency: d.idempotency,
    reconcileWindowMs: d.options.reconcileWindowMs,
    now: d.options.now,
    onUnknown: (info) => d.log.warn({ event: 'payment_outcome_unknown', ...info }, 'payment outcome unknown; will reconcile'),
  };
}

/** Seconds a caller should wait before asking again about a pending payment. */
const PENDING_RETRY_SECONDS = 2;

export async function payInvoiceOnce(deps: PaymentDeps, a: PaymentAttempt): Promise<PaymentOutcome> {
  const fingerprint = deps.idempotency.fingerprint({ accountNumber: a.accountNumber, request: a.request });
  const claim = deps.idempotency.claim(a.scope, a.key, fingerprint, { accountNumber: a.accountNumber });
  switch (claim.kind) {
    case 'mismatch':
      throw new BrokerError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different payment. Use a new key for a new payment.');
    case 'in_flight':
      throw new BrokerError('idempotency_key_in_flight', 409, 'This payment is already being processed. Check its status instead of sending it again.', {
        retryable: true,
        retryAfterSeconds: PENDING_RETRY_SECONDS,
      });
    case 'replay':
      return replay(claim.result);
    case 'unknown':
      return reconcile(deps, a.scope, a.key, claim.record);
    case 'new':
      break;
  }

  let payment: Payment;
  try {
    payment = await a.charge(claim.reference);
  } catch (err) {
    if (err instanceof InvoiceCloudError && !err.outcomeUnknown) {
      const rejection = rejectionOf(err);
      // Nothing was charged. A refusal that may pass later frees the key for a retry;
      // a refusal of the payment itself is its final answer.
      if (rejection.extra.retryable) deps.idempotency.release(a.scope, a.key);
      else deps.idempotency.complete(a.scope, a.key, stored(rejection));
      throw rejection;
    }
    // The charge may or may not have happened: never send it again, find it later.
    deps.idempotency.markUnknown(a.scope, a.key);
    deps.onUnknown?.({ scope: a.scope, reference: claim.reference });
    return { kind: 'pending', retryAfterSeconds: PENDING_RETRY_SECONDS };
  }
  return settle(deps, a.scope, a.key, payment, a.email);
}

/** Where a payment attempt stands, without starting one. */
export async function paymentStatus(deps: PaymentDeps, scope: string, key: string): Promise<PaymentOutcome> {
  const state = deps.idempotency.peek(scope, key);
  if (!state) {
    throw new BrokerError('not_found', 404, 'No payment was received with this key. Nothing was charged.');
  }
  if (state.kind === 'replay') return replay(state.result);
  if (state.kind === 'in_flight') return { kind: 'pending', retryAfterSeconds: PENDING_RETRY_SECONDS };
  return reconcile(deps, scope, key, state.record);
}

async function reconcile(deps: PaymentDeps, scope: string, key: string, record: PendingRecord): Promise<PaymentOutcome> {
  const accountNumber = record.context.accountNumber!;
  let found: Payment[];
  try {
    found = await deps.ic.findPayments(accountNumber, record.reference);
  } catch {
    return { kind: 'pending', retryAfterSeconds: PENDING_RETRY_SECONDS };
  }
  const payment = found[0];
  if (payment) return settle(deps, scope, key, payment, undefined);
  if (deps.now() - record.createdAt < deps.reconcileWindowMs) {
    return { kind: 'pending', retryAfterSeconds: PENDING_RETRY_SECONDS };
  }
  const notCompleted = new BrokerError(
    'payment_not_completed',
    502,
    'Your payment did not go through and you were not charged. You can try again.',
    { retryable: true },
  );
  deps.idempotency.complete(scope, key, stored(notCompleted));
  throw notCompleted;
}

function settle(deps: PaymentDeps, scope: string, key: string, p: Payment, email: string | undefined): PaymentOutcome {
  if (p.declineCode !== null) {
    const refused = declined(p.declineCode);
    deps.idempotency.complete(scope, key, stored(refused));
    throw refused;
  }
  const receipt: Receipt = {
    paymentId: p.paymentId,
    confirmationNumber: p.confirmationNumber,
    accountNumber: p.accountNumber,
    invoiceNumber: p.invoiceNumber,
    amountCents: p.amountCents,
    paidAt: p.paidAt,
    method: p.method,
    ...(email ? { email } : {}),
  };
  deps.idempotency.complete(scope, key, { status: 200, body: { receipt } });
  return { kind: 'succeeded', receipt, settled: true };
}

/** InvoiceCloud said no before charging anything. */
function rejectionOf(err: InvoiceCloudError): BrokerError {
  const known = refusalOf(err);
  if (known) return known;
  if (err.kind === 'status' && (err.status === 404 || err.status === 409)) {
    return new BrokerError('invoice_not_payable', 409, 'This bill cannot be paid online right now. It may already be paid.');
  }
  if (err.kind === 'status' && err.status === 400) {
    return new BrokerError('payment_declined', 402, 'The payment details were not accepted. Please check them or use a different payment method.');
  }
  return fromInvoiceCloud(err);
}

function stored(e: BrokerError): StoredResult {
  return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.extra.retryable ? { retryable: true } : {}) } } };
}

function replay(result: StoredResult): PaymentOutcome {
  const body = result.body as { receipt?: Receipt; error?: { code: BrokerError['code']; message: string; retryable?: boolean } };
  if (body.receipt) return { kind: 'succeeded', receipt: body.receipt, settled: false };
  const e = body.error!;
  throw new BrokerError(e.code, result.status as BrokerError['status'], e.message, { retryable: e.retryable });
}

/** The HTTP answer to a payment outcome: 200 with the receipt, or 202 "ask again" with Retry-After. */
export function answerPayment(c: Context, outcome: PaymentOutcome) {
  if (outcome.kind === 'succeeded') return c.json({ status: 'succeeded' as const, receipt: outcome.receipt }, 200);
  c.header('Retry-After', String(outcome.retryAfterSeconds));
  return c.json({ status: 'pending' as const, retryAfterSeconds: outcome.retryAfterSeconds }, 202);
}

/** The Idempotency-Key of a payment request: required, and well formed. */
export function idempotencyKey(value: string | undefined): string {
  if (value === undefined || value === '') {
    throw new BrokerError('idempotency_key_required', 400, 'Payments need an Idempotency-Key header: one new key per payment attempt.');
  }
  return check(IdempotencyKey, value, 'The Idempotency-Key must be 8 to 128 letters, digits or -_.: characters.');
}
