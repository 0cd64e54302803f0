import type Database from 'better-sqlite3';

/**
 * What each host user unregistered (seed: Manage Accounts, Unregister
 * Accounts), so that signing in does not undo it. The seed's User Access and
 * User Registration register every account the host lists that no login has;
 * without this memory, an account the user just unregistered would be
 * registered again at their next sign-in, against what they chose. It is
 * written when `DELETE /accounts/{n}` answers (every account that went), read
 * at every sign-in, and forgotten when the host lists an account in
 * `reRegister` or the user links it again.
 *
 * Keyed by the host's user id and the account number; no other data.
 */
export class UnregisteredAccounts {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number,
  ) {}

  /** Remembers that the user unregistered these accounts (again: the time is updated). */
  remember(userId: string, accountNumbers: readonly string[]): void {
    const put = this.db.prepare(
      'INSERT INTO unregistered_accounts (user_id, account_number, unregistered_at) VALUES (?, ?, ?) ON CONFLICT (user_id, account_number) DO UPDATE SET unregistered_at = excluded.unregistered_at',
    );
    const at = this.now();
    this.db.transaction(() => {
      for (const n of accountNumbers) put.run(userId, n, at);
    })();
  }

  /** Those of `accountNumbers` the user unregistered, in the order given. */
  among(userId: string, accountNumbers: readonly string[]): string[] {
    if (accountNumbers.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT account_number AS n FROM unregistered_accounts WHERE user_id = ? AND account_number IN (${accountNumbers.map(() => '?').join(', ')})`,
      )
      .all(userId, ...accountNumbers) as { n: string }[];
    // The column compares without regard to case (store.ts), and so does this.
    const found = new Set(rows.map((r) => r.n.toLowerCase()));
    return accountNumbers.filter((n) => found.has(n.toLowerCase()));
  }

  /** The user added these accounts back: they are registered as usual from now on. */
  forget(userId: string, accountNumbers: readonly string[]): void {
    const drop = this.db.prepare('DELETE FROM unregistered_accounts WHERE user_id = ? AND account_number = ?');
    this.db.transaction(() => {
      for (const n of accountNumbers) drop.run(userId, n);
    })();
  }
}
