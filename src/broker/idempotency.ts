import type Database from 'better-sqlite3';
import { createHmac, randomUUID } from 'node:crypto';

/** Records are kept for 24 hours (DESIGN.md). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResult {
  status: number;
  body: unknown;
}

export interface PendingRecord {
  /** The reference sent upstream with the payment: how it is found again. */
  reference: string;
  /** What reconciliation needs to look the payment up (account number, …). */
  context: Record<string, string>;
  createdAt: number;
}

export type Claim =
  | { kind: 'new'; reference: string }
  | { kind: 'replay'; result: StoredResult }
  | { kind: 'mismatch' }
  | { kind: 'in_flight' }
  | { kind: 'unknown'; record: PendingRecord };

interface Row {
  fingerprint: string;
  state: 'in_flight' | 'unknown' | 'done';
  reference: string;
  context: string;
  status: number | null;
  body: string | null;
  created_at: number;
}

/**
 * Idempotency records in SQLite. better-sqlite3 is synchronous, so a claim
 * (read + insert) is atomic within the process, and the primary key makes it
 * atomic across processes sharing the file.
 */
export class IdempotencyStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secret: string,
    private readonly now: () => number,
    /** An in-flight record older than this is treated as unknown (its process may have died). */
    private readonly staleAfterMs: number,
  ) {}

  /** Keyed hash of a canonical request: equal requests match, and nothing about the card can be read back. */
  fingerprint(request: unknown): string {
    return createHmac('sha256', this.secret).update(canonicalJson(request)).digest('base64url');
  }

  claim(scope: string, key: string, fingerprint: string, context: Record<string, string>): Claim {
    const now = this.now();
    this.db.prepare('DELETE FROM idempotency WHERE expires_at < ?').run(now);
    const existing = this.read(scope, key);
    if (existing) return this.classify(existing, fingerprint);
    const reference = randomUUID();
    const inserted = this.db
      .prepare(
        `INSERT OR IGNORE INTO idempotency (scope, key, fingerprint, state, reference, context, created_at, expires_at)
         VALUES (?, ?, ?, 'in_flight', ?, ?, ?, ?)`,
      )
      .run(scope, key, fingerprint, reference, JSON.stringify(context), now, now + IDEMPOTENCY_TTL_MS);
    if (inserted.changes === 1) return { kind: 'new', reference };
    // Another process claimed it between our read and insert.
    return this.classify(this.read(scope, key)!, fingerprint);
  }

  /** The state of a key without claiming it (status checks). */
  peek(scope: string, key: string): Exclude<Claim, { kind: 'new' } | { kind: 'mismatch' }> | undefined {
    const row = this.read(scope, key);
    return row ? (this.classify(row, row.fingerprint) as Exclude<Claim, { kind: 'new' } | { kind: 'mismatch' }>) : undefined;
  }

  complete(scope: string, key: string, result: StoredResult): void {
    this.db
      .prepare(`UPDATE idempotency SET state = 'done', status = ?, body = ? WHERE scope = ? AND key = ?`)
      .run(result.status, JSON.stringify(result.body), scope, key);
  }

  markUnknown(scope: string, key: string): void {
    this.db.prepare(`UPDATE idempotency SET state = 'unknown' WHERE scope = ? AND key = ? AND state = 'in_flight'`).run(scope, key);
  }

  /** Forget a claim whose request provably never reached upstream, so the same key may try again. */
  release(scope: string, key: string): void {
    this.db.prepare(`DELETE FROM idempotency WHERE scope = ? AND key = ? AND state = 'in_flight'`).run(scope, key);
  }

  private read(scope: string, key: string): Row | undefined {
    return this.db
      .prepare('SELECT fingerprint, state, reference, context, status, body, created_at FROM idempotency WHERE scope = ? AND key = ?')
      .get(scope, key) as Row | undefined;
  }

  private classify(row: Row, fingerprint: string): Exclude<Claim, { kind: 'new' }> {
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.state === 'done') return { kind: 'replay', result: { status: row.status!, body: JSON.parse(row.body!) } };
    const record = { reference: row.reference, context: JSON.parse(row.context) as Record<string, string>, createdAt: row.created_at };
    if (row.state === 'in_flight' && this.now() - row.created_at < this.staleAfterMs) return { kind: 'in_flight' };
    return { kind: 'unknown', record };
  }
}

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
