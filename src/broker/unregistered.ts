import type { Store } from './store.ts';

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
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Remembers that the user unregistered these accounts (again: the time is updated). */
  async remember(userId: string, accountNumbers: readonly string[]): Promise<void> {
    if (accountNumbers.length === 0) return;
    const at = this.now();
    await this.store.db
      .insertInto('unregistered_accounts')
      .values(accountNumbers.map((n) => ({ user_id: userId, account_number: n, unregistered_at: at })))
      .onConflict((oc) =>
        oc.columns(['user_id', 'account_number']).doUpdateSet((eb) => ({ unregistered_at: eb.ref('excluded.unregistered_at') })),
      )
      .execute();
  }

  /** Those of `accountNumbers` the user unregistered, in the order given. */
  async among(userId: string, accountNumbers: readonly string[]): Promise<string[]> {
    if (accountNumbers.length === 0) return [];
    const rows = await this.store.db
      .selectFrom('unregistered_accounts')
      .select('account_number')
      .where('user_id', '=', userId)
      .where('account_number', 'in', accountNumbers)
      .execute();
    // The column compares without regard to case (migrations), and so does this.
    const found = new Set(rows.map((r) => r.account_number.toLowerCase()));
    return accountNumbers.filter((n) => found.has(n.toLowerCase()));
  }

  /** The user added these accounts back: they are registered as usual from now on. */
  async forget(userId: string, accountNumbers: readonly string[]): Promise<void> {
    if (accountNumbers.length === 0) return;
    await this.store.db
      .deleteFrom('unregistered_accounts')
      .where('user_id', '=', userId)
      .where('account_number', 'in', accountNumbers)
      .execute();
  }
}
