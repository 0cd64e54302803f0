/**
 * A login's saved payment methods (seed: Manage Payment Methods, Store User
 * Credit or ACH Banking) and the AutoPay setting that draws on them.
 *
 * Invariant kept here: a login with any saved method has exactly one default.
 * Only brand, last four, expiry and a nickname are stored — never a card
 * number, security code or bank account number (DESIGN.md).
 */
import type { Db } from './db.ts';
import type { PaymentMethodRow } from './store.ts';

export type NewMethod = Omit<PaymentMethodRow, 'isDefault'>;

/** Stores a method; the login's first method is the default whatever the caller asked. */
export function insertMethod(db: Db, m: NewMethod, makeDefault: boolean): PaymentMethodRow {
  return db.transaction(() => {
    const { n } = db.prepare('SELECT count(*) AS n FROM payment_methods WHERE login_guid = ?').get(m.loginGuid) as { n: number };
    const isDefault = makeDefault || n === 0;
    if (isDefault) clearDefault(db, m.loginGuid);
    db.prepare(
      `INSERT INTO payment_methods (id, login_guid, kind, brand, last4, exp_month, exp_year, nickname, is_default)
       VALUES (@id, @loginGuid, @kind, @brand, @last4, @expMonth, @expYear, @nickname, @isDefault)`,
    ).run({ ...m, isDefault: isDefault ? 1 : 0 });
    return { ...m, isDefault };
  })();
}

function clearDefault(db: Db, loginGuid: string): void {
  db.prepare('UPDATE payment_methods SET is_default = 0 WHERE login_guid = ?').run(loginGuid);
}

export function makeDefault(db: Db, loginGuid: string, id: string): void {
  db.transaction(() => {
    clearDefault(db, loginGuid);
    db.prepare('UPDATE payment_methods SET is_default = 1 WHERE login_guid = ? AND id = ?').run(loginGuid, id);
  })();
}

export function setExpiry(db: Db, id: string, month: number, year: number): void {
  db.prepare('UPDATE payment_methods SET exp_month = ?, exp_year = ? WHERE id = ?').run(month, year, id);
}

export function setNickname(db: Db, id: string, nickname: string | null): void {
  db.prepare('UPDATE payment_methods SET nickname = ? WHERE id = ?').run(nickname, id);
}

/** Accounts whose AutoPay draws on this method. */
export function autoPayUsers(db: Db, id: string): string[] {
  const rows = db.prepare('SELECT account_number AS n FROM accounts WHERE autopay_method_id = ? ORDER BY account_number').all(id) as {
    n: string;
  }[];
  return rows.map((r) => r.n);
}

/**
 * Deletes a method AutoPay does not use (the caller checks; the foreign key
 * would refuse it anyway). When it was the default, the newest remaining
 * method takes over — rowid is insertion order, so the highest is the newest.
 */
export function removeMethod(db: Db, loginGuid: string, id: string): void {
  db.transaction(() => {
    const row = db.prepare('SELECT is_default AS d FROM payment_methods WHERE login_guid = ? AND id = ?').get(loginGuid, id) as
      { d: number } | undefined;
    db.prepare('DELETE FROM payment_methods WHERE login_guid = ? AND id = ?').run(loginGuid, id);
    if (row?.d !== 1) return;
    db.prepare(
      `UPDATE payment_methods SET is_default = 1
        WHERE rowid = (SELECT max(rowid) FROM payment_methods WHERE login_guid = ?)`,
    ).run(loginGuid);
  })();
}

/** AutoPay is on exactly when a method is set (db.ts); null turns it off. */
export function setAutoPay(db: Db, accountNumber: string, methodId: string | null): void {
  db.prepare('UPDATE accounts SET autopay_method_id = ? WHERE account_number = ?').run(methodId, accountNumber);
}
