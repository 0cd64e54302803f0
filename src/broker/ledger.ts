/**
 * The payment ledger: every payment attempt the broker ever sent (or was about
 * to send) to InvoiceCloud, and each change of its state. Idempotency answers
 * are served from it, the one-open-attempt-per-bill rule is held by it, and
 * the reconciler works through it. Schema and its guards: migrations/.
 *
 * An attempt's facts (key, reference, account, invoice, amount, method
 * summary, who, when) are written once; only its resolution is filled in
 * later, once, from `pending` to a final state. Its history is appended to
 * `payment_events` and never rewritten. Nothing here is card data: the method
 * is kind, brand and last four; the fingerprint is keyed over fields that
 * carry nothing of the number or security code.
 */
import type { Selectable } from 'kysely';
import { createHmac, randomUUID } from 'node:crypto';
import type { MethodSummary } from '../contract/payments.ts';
import type { Store, StoreDb, Tables } from './store.ts';

/** Where an attempt stands. `not_sent`: refused before anything was charged, in a way a retry may cure; its key is free again. */
export type AttemptState = Tables['payment_attempts']['state'];

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

type Row = Selectable<Tables['payment_attempts']>;

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
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  private get db(): StoreDb {
    return this.store.db;
  }

  /**
   * Claims a key for one attempt, atomically across every instance sharing
   * the store: in one write transaction, exclusive on the key (against a
   * status check closing it meanwhile), it reads the key and the bill and
   * inserts the attempt. Two claims of one bill under different keys can
   * still race to the insert: the partial unique indexes (migrations) let
   * only one row in, the other's insert does nothing, and that claim reads
   * again what the winner wrote.
   * `fingerprints` and `keyDigests` are the request's under each key of the
   * broker's ring, the current first: one made before a rotation still matches.
   */
  async claim(facts: AttemptFacts, fingerprints: readonly string[], keyDigests: readonly string[]): Promise<Claim> {
    for (;;) {
      const claim = await this.store.write(
        async (trx) => {
          const existing = await trx
            .selectFrom('payment_attempts')
            .selectAll()
            .where('scope', '=', facts.scope)
            .where('idempotency_key', '=', facts.key)
            .where('state', '<>', 'not_sent')
            .executeTakeFirst();
          if (existing) {
            if (!fingerprints.includes(existing.fingerprint)) return { kind: 'mismatch' } as const;
            const attempt = toAttempt(existing);
            return attempt.state === 'pending' ? ({ kind: 'pending', attempt } as const) : ({ kind: 'replay', attempt } as const);
          }
          const closed = await trx
            .selectFrom('closed_payment_keys')
            .select('key_digest')
            .where('key_digest', 'in', keyDigests)
            .executeTakeFirst();
          if (closed) return { kind: 'closed' } as const;
          const open = await trx
            .selectFrom('payment_attempts')
            .select('created_at')
            .where('account_number', '=', facts.accountNumber)
            .where('invoice_number', '=', facts.invoiceNumber)
            .where('state', '=', 'pending')
            .executeTakeFirst();
          if (open) return { kind: 'bill_open', since: open.created_at } as const;

          const now = this.now();
          const inserted = await trx
            .insertInto('payment_attempts')
            .values({
              reference: randomUUID(),
              scope: facts.scope,
              idempotency_key: facts.key,
              fingerprint: fingerprints[0]!,
              actor: facts.actor,
              account_number: facts.accountNumber,
              invoice_number: facts.invoiceNumber,
              amount_cents: facts.amountCents,
              method_kind: facts.method.kind,
              method_brand: facts.method.brand,
              method_last4: facts.method.last4,
              email: facts.email ?? null,
              notify_email: facts.notifyEmail ?? null,
              request_id: facts.requestId,
              created_at: now,
              state: 'pending',
              seen_at: now,
            })
            .onConflict((oc) => oc.doNothing())
            .returningAll()
            .executeTakeFirst();
          if (!inserted) return undefined;
          await this.append(trx, inserted.id, 'claimed', facts.requestId, null);
          return { kind: 'new', attempt: toAttempt(inserted) } as const;
        },
        claimLock(facts.scope, facts.key),
      );
      if (claim) return claim;
    }
  }

  /** The attempt of a key, if any was ever claimed (the last one, for a key a retry reused). */
  find(scope: string, key: string, db: StoreDb = this.db): Promise<Attempt | undefined> {
    return db
      .selectFrom('payment_attempts')
      .selectAll()
      .where('scope', '=', scope)
      .where('idempotency_key', '=', key)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((row) => row && toAttempt(row));
  }

  /**
   * The attempt of a key; or, when none has claimed it, closes the key so that
   * none ever will. A status check that finds no attempt may be ahead of its
   * payment (still on its way to the broker); closing the key in the same
   * transaction as the look-up, exclusive on the key as a claim is, is what
   * makes its "nothing was charged" true for good (claim refuses a closed
   * key). `keyDigests`: the key's digest under each key of the broker's ring,
   * all kept, so that an instance not yet given the newest secret (a rotation
   * rolling out) still finds it closed.
   */
  findOrClose(scope: string, key: string, keyDigests: readonly string[]): Promise<Attempt | undefined> {
    return this.store.write(
      async (trx) => {
        const attempt = await this.find(scope, key, trx);
        if (!attempt) {
          await trx
            .insertInto('closed_payment_keys')
            .values(keyDigests.map((digest) => ({ key_digest: digest, closed_at: this.now() })))
            .onConflict((oc) => oc.column('key_digest').doNothing())
            .execute();
        }
        return attempt;
      },
      claimLock(scope, key),
    );
  }

  /** The attempt InvoiceCloud knows by this reference. */
  async byReference(reference: string): Promise<Attempt | undefined> {
    const row = await this.db.selectFrom('payment_attempts').selectAll().where('reference', '=', reference).executeTakeFirst();
    return row && toAttempt(row);
  }

  /** Every unresolved attempt, oldest first. */
  async unresolved(): Promise<Attempt[]> {
    const rows = await this.db.selectFrom('payment_attempts').selectAll().where('state', '=', 'pending').orderBy('created_at').execute();
    return rows.map(toAttempt);
  }

  async get(id: number): Promise<Attempt | undefined> {
    const row = await this.db.selectFrom('payment_attempts').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toAttempt(row);
  }

  /** A caller asked about the attempt: it has not left. */
  async seen(id: number): Promise<void> {
    await this.db.updateTable('payment_attempts').set({ seen_at: this.now() }).where('id', '=', id).execute();
  }

  /** The call ended without an answer we can trust: the payment may or may not have been made. */
  markUnknown(id: number, requestId: string | null): Promise<void> {
    return this.store.write(async (trx) => {
      const { numUpdatedRows } = await trx
        .updateTable('payment_attempts')
        .set({ unknown_since: this.now() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .where('unknown_since', 'is', null)
        .executeTakeFirstOrThrow();
      if (numUpdatedRows > 0n) await this.append(trx, id, 'outcome_unknown', requestId, null);
    });
  }

  /**
   * Resolves a pending attempt, once: false when it was already final (another
   * request or instance resolved it first; its answer stands).
   */
  resolve(id: number, r: Resolution, requestId: string | null, detail: Record<string, unknown> = {}): Promise<boolean> {
    return this.store.write(async (trx) => {
      const { numUpdatedRows } = await trx
        .updateTable('payment_attempts')
        .set({
          state: r.state,
          result_status: r.result.status,
          result_body: JSON.stringify(r.result.body),
          payment_id: r.payment?.paymentId ?? null,
          confirmation_number: r.payment?.confirmationNumber ?? null,
          resolved_at: this.now(),
        })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      if (numUpdatedRows > 0n) await this.append(trx, id, r.event, requestId, { ...r.payment, ...detail });
      return numUpdatedRows > 0n;
    });
  }

  /**
   * Unresolved attempts the reconciler may look up: those whose outcome is
   * unknown, and those whose call began before `startedBefore` (its process
   * died mid-call: a live call ends at its deadline). Each is leased to the
   * caller until `leaseUntil` in one statement, so two instances never look
   * the same one up at once: on PostgreSQL the rows are locked as they are
   * picked, and those another sweep is leasing right now are skipped.
   */
  async leaseSweepable(startedBefore: number, leaseUntil: number, limit = 100): Promise<Attempt[]> {
    const now = this.now();
    const rows = await this.db
      .updateTable('payment_attempts')
      .set({ lease_until: leaseUntil })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('payment_attempts')
          .select('id')
          .where('state', '=', 'pending')
          .where((w) => w.or([w('unknown_since', 'is not', null), w('created_at', '<', startedBefore)]))
          .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', now)]))
          .orderBy('created_at')
          .limit(limit)
          .$if(this.store.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
    return rows.map(toAttempt).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Unresolved attempts of an account, by invoice number: the bills that may not be paid again yet. */
  async openByInvoice(accountNumber: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('payment_attempts')
      .select(['invoice_number', 'created_at'])
      .where('account_number', '=', accountNumber)
      .where('state', '=', 'pending')
      .execute();
    return new Map(rows.map((r) => [r.invoice_number.toUpperCase(), r.created_at]));
  }

  /** Declined attempts of an account in a scope family (e.g. `guest:`) since a time: how many, and when the oldest was. */
  async declinesSince(accountNumber: string, scopePrefix: string, since: number): Promise<{ count: number; oldest: number | null }> {
    const row = await this.db
      .selectFrom('payment_attempts')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('resolved_at').as('oldest')])
      .where('account_number', '=', accountNumber)
      .where('scope', 'like', `${scopePrefix}%`)
      .where('state', '=', 'failed')
      .where('result_status', '=', 402)
      .where('resolved_at', '>=', since)
      .executeTakeFirstOrThrow();
    return { count: row.count, oldest: row.oldest };
  }

  async history(id: number): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom('payment_events')
      .select(['event', 'at', 'request_id', 'detail'])
      .where('attempt_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      event: r.event as AttemptEvent,
      at: r.at,
      requestId: r.request_id,
      detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
    }));
  }

  /** Drops final attempts created before `before` (the retention period), with their history. Unresolved ones are kept whatever their age. */
  prune(before: number): Promise<number> {
    return this.store.write(async (trx) => {
      const old = trx.selectFrom('payment_attempts').select('id').where('state', '<>', 'pending').where('created_at', '<', before);
      await trx.deleteFrom('payment_events').where('attempt_id', 'in', old).execute();
      // A payment that would use a key closed that long ago is older than any the browser still keeps.
      await trx.deleteFrom('closed_payment_keys').where('closed_at', '<', before).execute();
      const { numDeletedRows } = await trx.deleteFrom('payment_attempts').where('id', 'in', old).executeTakeFirstOrThrow();
      return Number(numDeletedRows);
    });
  }

  private async append(trx: StoreDb, id: number, event: AttemptEvent, requestId: string | null, detail: Record<string, unknown> | null) {
    await trx
      .insertInto('payment_events')
      .values({
        attempt_id: id,
        event,
        at: this.now(),
        request_id: requestId,
        detail: detail && Object.keys(detail).length ? JSON.stringify(detail) : null,
      })
      .execute();
  }
}

/** What a claim and a status check of one key are exclusive on. */
const claimLock = (scope: string, key: string) => JSON.stringify(['payment-key', scope, key]);

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
