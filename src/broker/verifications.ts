import { createHash, randomBytes } from 'node:crypto';
import type { Store } from './store.ts';

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
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 24 * 60 * 60 * 1000,
  ) {}

  async create(change: Omit<PendingChange, 'expiresAt'>): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    await this.store.db
      .insertInto('verifications')
      .values({
        token_hash: hash(token),
        user_id: change.userId,
        login_guid: change.loginGuid,
        new_email: change.newEmail,
        password_change: change.passwordChange ? 1 : 0,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The pending change behind a live, unused token. */
  async get(token: string): Promise<PendingChange | undefined> {
    const row = await this.store.db
      .selectFrom('verifications')
      .select(['user_id', 'login_guid', 'new_email', 'password_change', 'expires_at'])
      .where('token_hash', '=', hash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', this.now())
      .executeTakeFirst();
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

  /** Marks a token used; false if it already was (two approvals racing, on any instance). */
  async consume(token: string): Promise<boolean> {
    const { numUpdatedRows } = await this.store.db
      .updateTable('verifications')
      .set({ used_at: this.now() })
      .where('token_hash', '=', hash(token))
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return numUpdatedRows === 1n;
  }

  /** Gives a token back when the change could not be applied, so the link can be used again. */
  async restore(token: string): Promise<void> {
    await this.store.db.updateTable('verifications').set({ used_at: null }).where('token_hash', '=', hash(token)).execute();
  }
}
