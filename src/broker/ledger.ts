/**
 * The payment ledger: every payment attempt the broker ever sent (or was about
 * to send) to InvoiceCloud, and each change of its state. Idempotency answers
 * are served from it, the one-open-attempt-per-bill rule is held by it, and
 * the reconciler works through it. Schema and its guards: store.ts.
 *
 * An attempt's facts (key, reference, account, invoice, amount, method
 * summary, who, when) are written once; only its resolution is filled in
 * later, once, from `pending` to a final state. Its history is appended to
 * `payment_events` and never rewritten. Nothing here is card data: the method
 * is kind, brand and last four; the fingerprint is keyed over fields that
 * carry nothing of the number or security code.
 */
import type Database from 'better-sqlite3';
import { createHmac, randomUUID } from 'node:crypto';
import type { MethodSummary } from '../contract/payments.ts';

/** Where an attempt stands. `not_sent`: refused before anything was charged, in a way a retry may cure; its key is free again. */
export type AttemptState = 'pending' | 'succeeded' | 'failed' | 'not_sent';

/** What a history entry records. */
export type AttemptEvent = 'claimed' | 'outcome_unknown' | 'succeeded' | 'declined' | 'refused' | 'not_sent' | 'not_charged';

/** The answer callers were (and will again be) given for a final attempt. */
export interface StoredResult {
  status: number;
  body: unknown;
}

/** The facts of an attempt, as its request gave them. */
export interface AttemptFacts {
  /** Who the key belongs to (`guest:<account>`, `user:<id>`): keys of different callers never collide. */
  scope: string;
  key: string;
  /** Who asked: `user:<id>` or `guest:<look-up token id>`. */
  actor: string;
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  method: MethodSummary;
  /** Where the request asked a copy of the receipt to go, if anywhere. */
  email?: string;
  /** Where the broker writes with the outcome when the payer is no longer there to see it. */
  notifyEmail?: string;
  requestId: string;
}

export interface Attempt extends AttemptFacts {
  id: number;
  /** Sent to InvoiceCloud with the payment and echoed back: how the payment is found again. */
  reference: string;
  fingerprint: string;
  state: AttemptState;
  createdAt: number;
  /** Set when the call to InvoiceCloud ended without a readable answer. */
  unknownSince: number | null;
  paymentId: string | null;
  confirmationNumber: string | null;
  result: StoredResult | null;
  resolvedAt: number | null;
  /** When a caller last asked about the attempt (its request, a status check). */
  seenAt: number;
}

export interface HistoryEntry {
  event: AttemptEvent;
  at: number;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

export type Claim =
  | { kind: 'new'; attempt: Attempt }
  /** The same key, for another request: refused. */
  | { kind: 'mismatch' }
  /** The same key, already final: its answer again. */
  | { kind: 'replay'; attempt: Attempt }
  /** The same key, still unresolved: in flight, or its outcome unknown. */
  | { kind: 'pending'; attempt: Attempt }
  /** Another attempt at the same bill is unresolved: no second one starts. */
  | { kind: 'bill_open'; since: number }
  /** A status check found the key unclaimed and said nothing was charged under it: no attempt may claim it now. */
  | { kind: 'closed' };

/** A final state, what the callers of the attempt are told, and the history entry that records it. */
export interface Resolution {
  state: Exclude<AttemptState, 'pending'>;
  event: AttemptEvent;
  result: StoredResult;
  payment?: { paymentId: string; confirmationNumber: string };
}

interface Row {
  id: number;
  reference: string;
  scope: string;
  idempotency_key: string;
  fingerprint: string;
  actor: string;
  account_number: string;
  invoice_number: string;
  amount_cents: number;
  method_kind: 'card' | 'ach';
  method_brand: string;
  method_last4: string;
  email: string | null;
  notify_email: string | null;
  request_id: string;
  created_at: number;
  state: AttemptState;
  unknown_since: number | null;
  payment_id: string | null;
  confirmation_number: string | null;
  result_status: number | null;
  result_body: string | null;
  resolved_at: number | null;
  seen_at: number;
}

/** What the fingerprint of a payment request covers: never the card number, security code or bank account number. */
export interface FingerprintFields {
  accountNumber: string;
  invoiceNumber: string;
  amountCents: number;
  method: MethodSummary & { expMonth?: number | null; expYear?: number | null };
}

/** Keyed hash naming a payment key in `closed_payment_keys`: the key itself is not kept there. */
export function closedKeyDigest(secret: Buffer, scope: string, key: string): string {
  return createHmac('sha256', secret)
    .update(JSON.stringify(['closed-payment-key', scope, key]))
    .digest('base64url');
}

/**
 * Keyed hash of the fields that make two requests "the same payment". Built
 * from the named fields only, so nothing derived from the card number or the
 * security code is ever kept (PCI DSS 3.3.1).
 */
export function requestFingerprint(secret: Buffer, f: FingerprintFields): string {
  const canonical = JSON.stringify([
    f.accountNumber.toUpperCase(),
    f.invoiceNumber.toUpperCase(),
    f.amountCents,
    f.method.kind,
    f.method.brand,
    f.method.last4,
    f.method.expMonth ?? null,
    f.method.expYear ?? null,
  ]);
  return createHmac('sha256', secret).update(canonical).digest('base64url');
}

export class PaymentLedger {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  /**
   * Claims a key for one attempt, atomically: one write transaction (SQLite's
   * IMMEDIATE lock serialises it against every process sharing the file) reads
   * the key and the bill and inserts the attempt. The partial unique indexes
   * in store.ts hold the same two rules should anything else write.
   * `fingerprints` and `keyDigests` are the request's under each key of the
   * broker's ring, the current first: one made before a rotation still matches.
   */
  claim(facts: AttemptFacts, fingerprints: readonly string[], keyDigests: readonly string[]): Claim {
    return this.db
      .transaction((): Claim => {
        const existing = this.db
          .prepare(`SELECT * FROM payment_attempts WHERE scope = ? AND idempotency_key = ? AND state <> 'not_sent'`)
          .get(facts.scope, facts.key) as Row | undefined;
        if (existing) {
          if (!fingerprints.includes(existing.fingerprint)) return { kind: 'mismatch' };
          const attempt = toAttempt(existing);
          return attempt.state === 'pending' ? { kind: 'pending', attempt } : { kind: 'replay', attempt };
        }
        if (
          this.db
            .prepare(`SELECT 1 FROM closed_payment_keys WHERE key_digest IN (${keyDigests.map(() => '?').join(', ')})`)
            .get(...keyDigests)
        ) {
          return { kind: 'closed' };
        }
        const open = this.db
          .prepare(`SELECT created_at FROM payment_attempts WHERE account_number = ? AND invoice_number = ? AND state = 'pending'`)
          .get(facts.accountNumber, facts.invoiceNumber) as { created_at: number } | undefined;
        if (open) return { kind: 'bill_open', since: open.created_at };

        const now = this.now();
        const { lastInsertRowid } = this.db
          .prepare(
            `INSERT INTO payment_attempts (reference, scope, idempotency_key, fingerprint, actor, account_number, invoice_number,
               amount_cents, method_kind, method_brand, method_last4, email, notify_email, request_id, created_at, state, seen_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
          )
          .run(
            randomUUID(),
            facts.scope,
            facts.key,
            fingerprints[0],
            facts.actor,
            facts.accountNumber,
            facts.invoiceNumber,
            facts.amountCents,
            facts.method.kind,
            facts.method.brand,
            facts.method.last4,
            facts.email ?? null,
            facts.notifyEmail ?? null,
            facts.requestId,
            now,
            now,
          );
        const id = Number(lastInsertRowid);
        this.append(id, 'claimed', facts.requestId, null);
        return { kind: 'new', attempt: this.get(id)! };
      })
      .immediate();
  }

  /** The attempt of a key, if any was ever claimed (the last one, for a key a retry reused). */
  find(scope: string, key: string): Attempt | undefined {
    const row = this.db
      .prepare(`SELECT * FROM payment_attempts WHERE scope = ? AND idempotency_key = ? ORDER BY id DESC LIMIT 1`)
      .get(scope, key) as Row | undefined;
    return row && toAttempt(row);
  }

  /**
   * The attempt of a key; or, when none has claimed it, closes the key so that
   * none ever will. A status check that finds no attempt may be ahead of its
   * payment (still on its way to the broker); closing the key in the same
   * transaction as the look-up is what makes its "nothing was charged" true
   * for good (claim refuses a closed key). `keyDigests`: the key's digest
   * under each key of the broker's ring, all kept, so that an instance not yet
   * given the newest secret (a rotation rolling out) still finds it closed.
   */
  findOrClose(scope: string, key: string, keyDigests: readonly string[]): Attempt | undefined {
    return this.db
      .transaction(() => {
        const attempt = this.find(scope, key);
        if (!attempt) {
          const close = this.db.prepare('INSERT OR IGNORE INTO closed_payment_keys (key_digest, closed_at) VALUES (?, ?)');
          for (const digest of keyDigests) close.run(digest, this.now());
        }
        return attempt;
      })
      .immediate();
  }

  /** The attempt InvoiceCloud knows by this reference. */
  byReference(reference: string): Attempt | undefined {
    const row = this.db.prepare('SELECT * FROM payment_attempts WHERE reference = ?').get(reference) as Row | undefined;
    return row && toAttempt(row);
  }

  /** Every unresolved attempt, oldest first. */
  unresolved(): Attempt[] {
    return (this.db.prepare(`SELECT * FROM payment_attempts WHERE state = 'pending' ORDER BY created_at`).all() as Row[]).map(toAttempt);
  }

  get(id: number): Attempt | undefined {
    const row = this.db.prepare('SELECT * FROM payment_attempts WHERE id = ?').get(id) as Row | undefined;
    return row && toAttempt(row);
  }

  /** A caller asked about the attempt: it has not left. */
  seen(id: number): void {
    this.db.prepare('UPDATE payment_attempts SET seen_at = ? WHERE id = ?').run(this.now(), id);
  }

  /** The call ended without an answer we can trust: the payment may or may not have been made. */
  markUnknown(id: number, requestId: string | null): void {
    this.db
      .transaction(() => {
        const changed = this.db
          .prepare(`UPDATE payment_attempts SET unknown_since = ? WHERE id = ? AND state = 'pending' AND unknown_since IS NULL`)
          .run(this.now(), id).changes;
        if (changed) this.append(id, 'outcome_unknown', requestId, null);
      })
      .immediate();
  }

  /**
   * Resolves a pending attempt, once: false when it was already final (another
   * request or process resolved it first; its answer stands).
   */
  resolve(id: number, r: Resolution, requestId: string | null, detail: Record<string, unknown> = {}): boolean {
    return this.db
      .transaction(() => {
        const changed = this.db
          .prepare(
            `UPDATE payment_attempts SET state = ?, result_status = ?, result_body = ?, payment_id = ?, confirmation_number = ?, resolved_at = ?
             WHERE id = ? AND state = 'pending'`,
          )
          .run(
            r.state,
            r.result.status,
            JSON.stringify(r.result.body),
            r.payment?.paymentId ?? null,
            r.payment?.confirmationNumber ?? null,
            this.now(),
            id,
          ).changes;
        if (changed) this.append(id, r.event, requestId, { ...r.payment, ...detail });
        return changed === 1;
      })
      .immediate();
  }

  /**
   * Unresolved attempts the reconciler may look up: those whose outcome is
   * unknown, and those whose call began before `startedBefore` (its process
   * died mid-call: a live call ends at its deadline). Each is leased to the
   * caller until `leaseUntil`, so two processes never look the same one up at once.
   */
  leaseSweepable(startedBefore: number, leaseUntil: number, limit = 100): Attempt[] {
    return this.db
      .transaction(() => {
        const now = this.now();
        const rows = this.db
          .prepare(
            `SELECT * FROM payment_attempts
              WHERE state = 'pending' AND (unknown_since IS NOT NULL OR created_at < ?) AND (lease_until IS NULL OR lease_until < ?)
              ORDER BY created_at LIMIT ?`,
          )
          .all(startedBefore, now, limit) as Row[];
        const lease = this.db.prepare('UPDATE payment_attempts SET lease_until = ? WHERE id = ?');
        for (const row of rows) lease.run(leaseUntil, row.id);
        return rows.map(toAttempt);
      })
      .immediate();
  }

  /** Unresolved attempts of an account, by invoice number: the bills that may not be paid again yet. */
  openByInvoice(accountNumber: string): Map<string, number> {
    const rows = this.db
      .prepare(`SELECT invoice_number, created_at FROM payment_attempts WHERE account_number = ? AND state = 'pending'`)
      .all(accountNumber) as { invoice_number: string; created_at: number }[];
    return new Map(rows.map((r) => [r.invoice_number.toUpperCase(), r.created_at]));
  }

  /** Declined attempts of an account in a scope family (e.g. `guest:`) since a time: how many, and when the oldest was. */
  declinesSince(accountNumber: string, scopePrefix: string, since: number): { count: number; oldest: number | null } {
    const row = this.db
      .prepare(
        `SELECT count(*) AS count, min(resolved_at) AS oldest FROM payment_attempts
          WHERE account_number = ? AND scope LIKE ? AND state = 'failed' AND result_status = 402 AND resolved_at >= ?`,
      )
      .get(accountNumber, `${scopePrefix}%`, since) as { count: number; oldest: number | null };
    return row;
  }

  history(id: number): HistoryEntry[] {
    const rows = this.db.prepare('SELECT event, at, request_id, detail FROM payment_events WHERE attempt_id = ? ORDER BY id').all(id) as {
      event: AttemptEvent;
      at: number;
      request_id: string | null;
      detail: string | null;
    }[];
    return rows.map((r) => ({
      event: r.event,
      at: r.at,
      requestId: r.request_id,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
    }));
  }

  /** Drops final attempts created before `before` (the retention period), with their history. Unresolved ones are kept whatever their age. */
  prune(before: number): number {
    return this.db
      .transaction(() => {
        const old = `SELECT id FROM payment_attempts WHERE state <> 'pending' AND created_at < ?`;
        this.db.prepare(`DELETE FROM payment_events WHERE attempt_id IN (${old})`).run(before);
        // A payment that would use a key closed that long ago is older than any the browser still keeps.
        this.db.prepare('DELETE FROM closed_payment_keys WHERE closed_at < ?').run(before);
        return this.db.prepare(`DELETE FROM payment_attempts WHERE id IN (${old})`).run(before).changes;
      })
      .immediate();
  }

  private append(id: number, event: AttemptEvent, requestId: string | null, detail: Record<string, unknown> | null): void {
    this.db
      .prepare('INSERT INTO payment_events (attempt_id, event, at, request_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(id, event, this.now(), requestId, detail && Object.keys(detail).length ? JSON.stringify(detail) : null);
  }
}

function toAttempt(r: Row): Attempt {
  return {
    id: r.id,
    reference: r.reference,
    scope: r.scope,
    key: r.idempotency_key,
    fingerprint: r.fingerprint,
    actor: r.actor,
    accountNumber: r.account_number,
    invoiceNumber: r.invoice_number,
    amountCents: r.amount_cents,
    method: { kind: r.method_kind, brand: r.method_brand, last4: r.method_last4 },
    ...(r.email ? { email: r.email } : {}),
    ...(r.notify_email ? { notifyEmail: r.notify_email } : {}),
    requestId: r.request_id,
    state: r.state,
    createdAt: r.created_at,
    unknownSince: r.unknown_since,
    paymentId: r.payment_id,
    confirmationNumber: r.confirmation_number,
    result: r.result_status === null ? null : { status: r.result_status, body: JSON.parse(r.result_body!) as unknown },
    resolvedAt: r.resolved_at,
    seenAt: r.seen_at,
  };
}
