/**
 * Which accounts a login sees, and how (seed: Manage Accounts). A login has
 * one primary account — the first it was registered with — and every other
 * account is linked under it (`accounts.linked_to`). InvoiceCloud has no
 * unlink: unregistering an account also unregisters everything linked under it.
 */
import { revokeGrants } from './cloudsso/state.ts';
import type { Db } from './db.ts';

/** The login's primary account, if it still has one (unregistering it empties the login). */
export function primaryAccountOf(db: Db, loginGuid: string): string | undefined {
  const row = db
    .prepare('SELECT account_number AS n FROM accounts WHERE login_guid = ? AND linked_to IS NULL ORDER BY account_number LIMIT 1')
    .get(loginGuid) as { n: string } | undefined;
  return row?.n;
}

/**
 * Puts an account under a login (Register Accounts, Link Accounts): linked
 * under the login's primary, or the primary itself when the login has none.
 * An account the login already sees keeps its place.
 */
export function registerAccount(db: Db, accountNumber: string, loginGuid: string): void {
  db.transaction(() => {
    const current = db.prepare('SELECT login_guid AS l FROM accounts WHERE account_number = ?').get(accountNumber) as { l: string | null } | undefined;
    if (current?.l === loginGuid) return;
    const primary = primaryAccountOf(db, loginGuid) ?? null;
    db.prepare('UPDATE accounts SET login_guid = ?, linked_to = ? WHERE account_number = ?').run(loginGuid, primary, accountNumber);
  })();
}

/**
 * Unregisters the account and every account linked under it (transitively,
 * though links are only ever one level deep). They keep their customer
 * record, invoices and paperless setting; they lose the login, the link, the
 * AutoPay (it drew on the login's wallet) and any SSO secret for them.
 * Returns the account first, then the ones that went with it.
 */
export function unregisterAccount(db: Db, loginGuid: string, accountNumber: string): string[] {
  return db.transaction(() => {
    const gone = [accountNumber];
    const children = db.prepare('SELECT account_number AS n FROM accounts WHERE login_guid = ? AND linked_to = ? ORDER BY account_number');
    for (let i = 0; i < gone.length; i++) {
      for (const { n } of children.all(loginGuid, gone[i]) as { n: string }[]) if (!gone.includes(n)) gone.push(n);
    }
    const clear = db.prepare(
      'UPDATE accounts SET login_guid = NULL, linked_to = NULL, autopay_method_id = NULL WHERE account_number = ?',
    );
    for (const n of gone) clear.run(n);
    revokeGrants(db, loginGuid, gone);
    return gone;
  })();
}
