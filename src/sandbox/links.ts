/**
 * Which accounts a login sees, and how (seed: Manage Accounts). A login has
 * one primary account — the first it was registered with — and every other
 * account is linked under it (`registrations.linked_to`). InvoiceCloud has no
 * unlink: unregistering an account also unregisters everything linked under it.
 * Each login's registrations are its own: on an account two logins share
 * (100200306), one unregistering it leaves the other's as it was.
 */
import { revokeGrants } from './cloudsso/state.ts';
import type { Db } from './db.ts';

/** The login's primary account, if it still has one (unregistering it empties the login). */
export function primaryAccountOf(db: Db, loginGuid: string): string | undefined {
  const row = db
    .prepare('SELECT account_number AS n FROM registrations WHERE login_guid = ? AND linked_to IS NULL ORDER BY account_number LIMIT 1')
    .get(loginGuid) as { n: string } | undefined;
  return row?.n;
}

/**
 * Puts an account under a login (Register Accounts, Link Accounts): linked
 * under the login's primary, or the primary itself when the login has none.
 * An account the login already sees keeps its place. Whether another login
 * may already see it is the caller's rule (both refuse: AlreadyRegistered).
 */
export function registerAccount(db: Db, accountNumber: string, loginGuid: string): void {
  db.transaction(() => {
    const primary = primaryAccountOf(db, loginGuid) ?? null;
    db.prepare('INSERT INTO registrations (login_guid, account_number, linked_to) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
      loginGuid,
      accountNumber,
      primary,
    );
  })();
}

/**
 * Unregisters the account from this login, and every account linked under it
 * there (transitively, though links are only ever one level deep). They keep
 * their customer record, invoices and paperless setting, and any other
 * login's registration; they lose this login's link, an AutoPay that drew on
 * this login's wallet, and any SSO secret of this login for them.
 * Returns the account first, then the ones that went with it.
 */
export function unregisterAccount(db: Db, loginGuid: string, accountNumber: string): string[] {
  return db.transaction(() => {
    const gone = [accountNumber];
    const children = db.prepare(
      'SELECT account_number AS n FROM registrations WHERE login_guid = ? AND linked_to = ? ORDER BY account_number',
    );
    for (let i = 0; i < gone.length; i++) {
      for (const { n } of children.all(loginGuid, gone[i]) as { n: string }[]) if (!gone.includes(n)) gone.push(n);
    }
    const unregister = db.prepare('DELETE FROM registrations WHERE login_guid = ? AND account_number = ?');
    const stopAutopay = db.prepare(
      `UPDATE accounts SET autopay_method_id = NULL
        WHERE account_number = ? AND autopay_method_id IN (SELECT id FROM payment_methods WHERE login_guid = ?)`,
    );
    for (const n of gone) {
      unregister.run(loginGuid, n);
      stopAutopay.run(n, loginGuid);
    }
    revokeGrants(db, loginGuid, gone);
    return gone;
  })();
}
