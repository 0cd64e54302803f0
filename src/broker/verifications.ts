import type Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';

/** A credentials change waiting for the user to approve it from their email. Never holds a password. */
export interface PendingChange {
  userId: string;
  loginGuid: string;
  newEmail: string | null;
  passwordChange: boolean;
  expiresAt: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Single-use approval links, valid for `ttlMs` (24 h by the seed's design). */
export class VerificationStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
  ) {}

  create(change: Omit<PendingChange, 'expiresAt'>): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.db
      .prepare(
        'INSERT INTO verifications (token_hash, user_id, login_guid, new_email, password_change, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(hash(token), change.userId, change.loginGuid, change.newEmail, change.passwordChange ? 1 : 0, now, expiresAt);
    return { token, expiresAt };
  }

  /** The pending change behind a live, unused token. */
  get(token: string): PendingChange | undefined {
    const row = this.db
      .prepare(
        'SELECT user_id, login_guid, new_email, password_change, expires_at FROM verifications WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
      )
      .get(hash(token), this.now()) as
      { user_id: string; login_guid: string; new_email: string | null; password_change: number; expires_at: number } | undefined;
    return (
      row && {
        userId: row.user_id,
        loginGuid: row.login_guid,
        newEmail: row.new_email,
        passwordChange: row.password_change === 1,
        expiresAt: row.expires_at,
      }
    );
  }

  /** Marks a token used; false if it already was (two approvals racing). */
  consume(token: string): boolean {
    return (
      this.db.prepare('UPDATE verifications SET used_at = ? WHERE token_hash = ? AND used_at IS NULL').run(this.now(), hash(token))
        .changes === 1
    );
  }

  /** Gives a token back when the change could not be applied, so the link can be used again. */
  restore(token: string): void {
    this.db.prepare('UPDATE verifications SET used_at = NULL WHERE token_hash = ?').run(hash(token));
  }
}
