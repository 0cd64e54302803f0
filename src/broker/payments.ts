/**
 * The exactly-once rules every payment flow shares (guest and registered);
 * they know nothing of HTTP requests.
 *
 * Every attempt is claimed in the payment ledger (ledger.ts) under its
 * Idempotency-Key before InvoiceCloud is called, and carries a reference
 * InvoiceCloud echoes back. While any attempt at a bill is unresolved, no
 * other attempt at that bill starts, whatever its key or caller.
 *
 * "Not charged" is said only when InvoiceCloud positively refused the payment
 * before charging. When its answer is lost (timeout, reset, 5xx, unreadable)
 * the outcome is unknown: the attempt is never sent again; it stays pending —
 * "under review" after `reviewAfterMs` — until a look-up by its reference
 * finds it, however long that takes. Not finding it proves nothing (a payment
 * may post late, or show late).
 */
import type { Logger } from 'pino';
import type { PaymentMethodInput, Receipt } from '../contract/payments.ts';
import { cardBrand } from '../shared/validators.ts';
import type { InvoiceCloud, Payment } from '../invoicecloud/api.ts';
import { InvoiceCloudError } from '../invoicecloud/errors.ts';
import type { Audit } from './audit.ts';
import type { Keyring } from './keyring.ts';
import type { BrokerDeps } from './context.ts';
import { BrokerError, declined, fromInvoiceCloud, refusalOf } from './errors.ts';
import {
  closedKeyDigest,
  requestFingerprint,
  type Attempt,
  type AttemptFacts,
  type PaymentLedger,
  type Resolution,
  type StoredResult,
} from './ledger.ts';
import { senderName, type Mailer } from './mail.ts';

/**
 * `settled`: this very call found the charge (made it, or reconciled it) — the
 * account's balance has just changed. A replay of a stored answer is not settled.
 */
export type PaymentOutcome =
  | { kind: 'succeeded'; receipt: Receipt; settled: boolean }
  | { kind: 'pending'; retryAfterSeconds: number; reviewing: boolean; confirmationEmail: boolean };

export interface PaymentDeps {
  ic: InvoiceCloud;
  ledger: PaymentLedger;
  /** Keys the request fingerprints and the closed payment keys. */
  keyring: Keyring;
  /** After this long unresolved, an attempt is "under review": the payer is told so, operations are warned. */
  reviewAfterMs: number;
  /** A call older than this has ended (its deadline passed): an attempt still pending then lost its answer. */
  inFlightMs: number;
  now: () => number;
  log: Logger;
  audit: Audit;
  mailer: Mailer;
  mailFrom: string;
}

/** One payment request: its facts, and the one call to InvoiceCloud that makes it. */
export interface PaymentRequest {
  facts: AttemptFacts;
  /** A card's expiry, part of what makes two requests the same payment. */
  expiry?: { expMonth: number | null; expYear: number | null };
  /** Calls InvoiceCloud once, with the reference that finds the payment again. */
  charge(reference: string): Promise<Payment>;
}

/** What the ledger keeps of a new card or bank account — kind, brand, last four — and a card's expiry for the fingerprint. */
export function methodFacts(m: PaymentMethodInput): Pick<PaymentRequest, 'expiry'> & { method: AttemptFacts['method'] } {
  if (m.kind === 'ach') return { method: { kind: 'ach', brand: m.accountType, last4: m.accountNumber.slice(-4) } };
  const brand = cardBrand(m.number);
  return {
    method: { kind: 'card', brand: brand === 'unknown' ? 'card' : brand, last4: m.number.slice(-4) },
    expiry: { expMonth: m.expMonth, expYear: m.expYear },
  };
}

/** The payment rules' dependencies, from the broker's. */
export function paymentDeps(d: BrokerDeps): PaymentDeps {
  return {
    ic: d.ic,
    ledger: d.ledger,
    keyring: d.options.keyring,
    reviewAfterMs: d.options.reviewAfterMs,
    inFlightMs: d.inFlightMs,
    now: d.options.now,
    log: d.log,
    audit: d.audit,
    mailer: d.mailer,
    mailFrom: d.options.mailFrom,
  };
}

/** Seconds a caller should wait before asking again about a pending payment... */
const PENDING_RETRY_SECONDS = 2;
/** ...and about one under review, which the reconciler is working through anyway. */
const REVIEW_RETRY_SECONDS = 15;
/** A payer who has not asked about their payment for this long has left: the outcome goes to them by email. */
const PAYER_GONE_MS = 60_000;

/** A payment key's digest under each key of the ring: what closes it, and what finds it closed. */
const closedKeyDigests = (keyring: Keyring, scope: string, key: string) =>
  keyring.all('closed-payment-key').map((k) => closedKeyDigest(k.key, scope, key));

export async function payInvoiceOnce(deps: PaymentDeps, r: PaymentRequest): Promise<PaymentOutcome> {
  const { facts } = r;
  const fields = { ...facts, method: { ...facts.method, ...r.expiry } };
  const claim = await deps.ledger.claim(
    facts,
    deps.keyring.all('request-fingerprint').map((k) => requestFingerprint(k.key, fields)),
    closedKeyDigests(deps.keyring, facts.scope, facts.key),
  );
  switch (claim.kind) {
    case 'mismatch':
      throw new BrokerError(
        'idempotency_key_reused',
        422,
        'This Idempotency-Key was already used for a different payment. Use a new key for a new payment.',
      );
    case 'bill_open':
      throw new BrokerError(
        'payment_being_confirmed',
        409,
        'An earlier payment of this bill is still being confirmed. To keep you from paying twice, this bill cannot be paid again until it is.',
        { attemptedAt: new Date(claim.since).toISOString() },
      );
    case 'closed':
      throw new BrokerError(
        'idempotency_key_closed',
        409,
        'This payment was already reported as not received, and nothing was charged under its Idempotency-Key. Start a new payment with a new key.',
      );
    case 'replay':
      await deps.ledger.seen(claim.attempt.id);
      return replay(claim.attempt);
    case 'pending':
      await deps.ledger.seen(claim.attempt.id);
      if (inFlight(deps, claim.attempt)) {
        throw new BrokerError(
          'idempotency_key_in_flight',
          409,
          'This payment is already being processed. Check its status instead of sending it again.',
          {
            retryable: true,
            retryAfterSeconds: PENDING_RETRY_SECONDS,
          },
        );
      }
      return reconcile(deps, claim.attempt, facts.requestId);
    case 'new':
      break;
  }

  const attempt = claim.attempt;
  deps.audit('payment_attempted', {
    ...auditOf(attempt),
    requestId: facts.requestId,
    invoiceNumber: attempt.invoiceNumber,
    amountCents: attempt.amountCents,
    method: attempt.method,
  });
  let payment: Payment;
  try {
    payment = await r.charge(attempt.reference);
  } catch (err) {
    if (err instanceof InvoiceCloudError && !err.outcomeUnknown) throw await refused(deps, attempt, err, facts.requestId);
    // The charge may or may not have happened: never send it again, find it later.
    await deps.ledger.markUnknown(attempt.id, facts.requestId);
    deps.log.warn(
      { event: 'payment_outcome_unknown', key: attempt.key, reference: attempt.reference, accountNumber: attempt.accountNumber },
      'payment outcome unknown; will reconcile',
    );
    deps.audit('payment_outcome_unknown', { ...auditOf(attempt), requestId: facts.requestId });
    return pending(deps, attempt);
  }
  return settle(deps, attempt, payment, facts.requestId);
}

/** Where a payment attempt stands, without starting one. */
export async function paymentStatus(
  deps: PaymentDeps,
  scope: string,
  key: string,
  requestId: string,
  accountNumber?: string,
): Promise<PaymentOutcome> {
  // The ledger records every attempt before InvoiceCloud is called, so a key it never saw was never sent — and,
  // closed now, never will be: a payment still on its way with this key is refused when it arrives.
  const attempt = await deps.ledger.findOrClose(scope, key, closedKeyDigests(deps.keyring, scope, key));
  if (!attempt || (accountNumber !== undefined && attempt.accountNumber.toUpperCase() !== accountNumber.toUpperCase())) {
    throw new BrokerError('not_found', 404, 'No payment was received with this key. Nothing was charged.');
  }
  await deps.ledger.seen(attempt.id);
  if (attempt.state === 'not_sent') {
    throw new BrokerError(
      'not_found',
      404,
      'This payment was not made: the billing service refused it before charging. Nothing was charged.',
    );
  }
  if (attempt.state !== 'pending') return replay(attempt);
  if (inFlight(deps, attempt)) return pending(deps, attempt);
  return reconcile(deps, attempt, requestId);
}

/**
 * Looks an unresolved attempt up by its reference. Found: it is resolved (once,
 * whoever finds it first). Not found, or the look-up failed: it stays pending.
 * `requestId` null: the reconciler, with no payer waiting on this answer.
 */
export async function reconcile(deps: PaymentDeps, attempt: Attempt, requestId: string | null): Promise<PaymentOutcome> {
  let found: Payment[];
  try {
    found = await deps.ic.findPayments(attempt.accountNumber, attempt.reference);
  } catch {
    return pending(deps, attempt);
  }
  const payment = found[0];
  // Absence is not proof: the payment may post, or become visible, later.
  if (!payment) return pending(deps, attempt);
  return settle(deps, attempt, payment, requestId);
}

function inFlight(deps: PaymentDeps, a: Attempt): boolean {
  return a.unknownSince === null && deps.now() - a.createdAt < deps.inFlightMs;
}

function pending(deps: PaymentDeps, a: Attempt): PaymentOutcome {
  const reviewing = deps.now() - a.createdAt >= deps.reviewAfterMs;
  return {
    kind: 'pending',
    retryAfterSeconds: reviewing ? REVIEW_RETRY_SECONDS : PENDING_RETRY_SECONDS,
    reviewing,
    confirmationEmail: a.notifyEmail !== undefined,
  };
}

/** InvoiceCloud found (or answered) the payment: approved or declined, it is final. */
async function settle(deps: PaymentDeps, a: Attempt, p: Payment, requestId: string | null): Promise<PaymentOutcome> {
  const refusal = p.declineCode === null ? undefined : declined(p.declineCode);
  const receipt: Receipt = {
    paymentId: p.paymentId,
    confirmationNumber: p.confirmationNumber,
    accountNumber: p.accountNumber,
    invoiceNumber: p.invoiceNumber,
    amountCents: p.amountCents,
    paidAt: p.paidAt,
    method: p.method,
    ...(a.email ? { email: a.email } : {}),
  };
  const resolution: Resolution = refusal
    ? {
        state: 'failed',
        event: 'declined',
        result: stored(refusal),
        payment: { paymentId: p.paymentId, confirmationNumber: p.confirmationNumber },
      }
    : {
        state: 'succeeded',
        event: 'succeeded',
        result: { status: 200, body: { receipt } },
        payment: { paymentId: p.paymentId, confirmationNumber: p.confirmationNumber },
      };
  if (!(await deps.ledger.resolve(a.id, resolution, requestId, { by: requestId === null ? 'reconciler' : 'request' }))) {
    // Someone else resolved it first: theirs is the answer.
    return replay((await deps.ledger.get(a.id))!);
  }
  deps.audit(refusal ? 'payment_declined' : 'payment_succeeded', {
    ...auditOf(a, requestId),
    paymentId: p.paymentId,
    confirmationNumber: p.confirmationNumber,
    ...(refusal ? { code: refusal.code } : {}),
  });
  if (requestId === null) await notifyPayer(deps, a, refusal ? { refusal } : { receipt });
  if (refusal) throw refusal;
  return { kind: 'succeeded', receipt, settled: true };
}

/**
 * An operator confirmed with InvoiceCloud that an unresolved payment was never
 * made (nothing the reconciler can prove on its own: absence from a look-up is
 * not proof). Its payer is told they were not charged, and the bill may be paid
 * again. Returns false when the attempt was not unresolved.
 */
export async function resolveNotCharged(
  ledger: PaymentLedger,
  audit: Audit,
  a: { reference: string; operator: string; note: string },
): Promise<boolean> {
  const attempt = await ledger.byReference(a.reference);
  if (!attempt) return false;
  const notCharged = new BrokerError(
    'payment_not_completed',
    502,
    'Your payment did not go through and you were not charged. You can try again.',
    { retryable: true },
  );
  const done = await ledger.resolve(attempt.id, { state: 'failed', event: 'not_charged', result: stored(notCharged) }, null, {
    by: `operator:${a.operator}`,
    note: a.note,
  });
  if (done) audit('payment_not_charged', { ...auditOf(attempt, null), actor: `operator:${a.operator}`, note: a.note });
  return done;
}

/** InvoiceCloud said no before charging anything: final, or (a refusal a retry may cure) the key is free again. */
async function refused(deps: PaymentDeps, a: Attempt, err: InvoiceCloudError, requestId: string): Promise<BrokerError> {
  const rejection = rejectionOf(err);
  const retryable = rejection.extra.retryable === true;
  await deps.ledger.resolve(
    a.id,
    { state: retryable ? 'not_sent' : 'failed', event: retryable ? 'not_sent' : 'refused', result: stored(rejection) },
    requestId,
    {
      code: rejection.code,
    },
  );
  deps.audit(retryable ? 'payment_not_sent' : 'payment_refused', { ...auditOf(a, requestId), code: rejection.code });
  return rejection;
}

/** InvoiceCloud's refusal in our words. */
function rejectionOf(err: InvoiceCloudError): BrokerError {
  const known = refusalOf(err);
  if (known) return known;
  if (err.kind === 'status' && (err.status === 404 || err.status === 409)) {
    return new BrokerError('invoice_not_payable', 409, 'This bill cannot be paid online right now. It may already be paid.');
  }
  if (err.kind === 'status' && err.status === 400) {
    return new BrokerError(
      'payment_declined',
      402,
      'The payment details were not accepted. Please check them or use a different payment method.',
    );
  }
  return fromInvoiceCloud(err);
}

/**
 * An outcome the reconciler found, to the payer by email when they are no
 * longer there to see it (or were told it was under review and an email would
 * follow). A failure to send is logged; the ledger already holds the outcome.
 */
async function notifyPayer(deps: PaymentDeps, a: Attempt, outcome: { receipt: Receipt } | { refusal: BrokerError }): Promise<void> {
  const now = deps.now();
  const told = now - a.createdAt >= deps.reviewAfterMs;
  if (!a.notifyEmail || (!told && now - a.seenAt < PAYER_GONE_MS)) return;
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(a.amountCents / 100);
  const biller = senderName(deps.mailFrom);
  const facts = [
    `Account: ${a.accountNumber}`,
    `Bill: ${a.invoiceNumber}`,
    `Amount: ${amount}`,
    `Paid with: ${a.method.brand} ending in ${a.method.last4}`,
  ];
  const message =
    'receipt' in outcome
      ? {
          subject: `Your payment of ${amount} is confirmed`,
          text: [
            `Your payment to ${biller} is confirmed.`,
            '',
            `Confirmation number: ${outcome.receipt.confirmationNumber}`,
            ...facts,
            `Paid on: ${outcome.receipt.paidAt}`,
            '',
            'Keep this email for your records.',
          ].join('\n'),
        }
      : {
          subject: `Your payment of ${amount} did not go through`,
          text: [`Your payment to ${biller} did not go through, and you were not charged.`, '', outcome.refusal.message, '', ...facts].join(
            '\n',
          ),
        };
  try {
    await deps.mailer.send({ from: deps.mailFrom, to: a.notifyEmail, ...message });
  } catch (err) {
    deps.log.warn(
      { event: 'payment_mail_failed', key: a.key, reference: a.reference, err: (err as Error).message },
      'could not email the payment outcome',
    );
  }
}

function auditOf(a: Attempt, requestId: string | null = a.requestId) {
  return {
    actor: requestId === null ? 'reconciler' : a.actor,
    payer: a.actor,
    accountNumber: a.accountNumber,
    requestId: requestId ?? a.requestId,
    key: a.key,
    reference: a.reference,
  };
}

function stored(e: BrokerError): StoredResult {
  return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.extra.retryable ? { retryable: true } : {}) } } };
}

function replay(a: Attempt): PaymentOutcome {
  const result = a.result!;
  const body = result.body as { receipt?: Receipt; error?: { code: BrokerError['code']; message: string; retryable?: boolean } };
  if (body.receipt) return { kind: 'succeeded', receipt: body.receipt, settled: false };
  const e = body.error!;
  throw new BrokerError(e.code, result.status as BrokerError['status'], e.message, { retryable: e.retryable });
}

/** Marks each bill that awaits the confirmation of a payment: it may not be paid again until then. */
export async function withPendingPayments<B extends { invoiceNumber: string }>(
  ledger: PaymentLedger,
  accountNumber: string,
  bills: B[],
): Promise<(B & { paymentPendingSince?: string })[]> {
  const open = await ledger.openByInvoice(accountNumber);
  return bills.map((b) => {
    const since = open.get(b.invoiceNumber.toUpperCase());
    return since === undefined ? b : { ...b, paymentPendingSince: new Date(since).toISOString() };
  });
}
