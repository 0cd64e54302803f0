/**
 * Queries over InvoiceCloud logins (registered users) and customer records:
 * what Remote Authentication, registration and Update Email and Password
 * read and change. Password hashes stay in here and in the handlers that
 * verify them; nothing returns them to a caller.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

export interface LoginRow {
  loginGuid: string;
  customerId: number;
  username: string;
  email: string;
  /** scrypt hash (credentials.ts), or null before a password is set. */
  passwordHash: string | null;
}

const LOGIN_SELECT = `SELECT login_guid AS loginGuid, customer_id AS customerId, username, email,
       password_hash AS passwordHash FROM logins`;

export function findLoginByGuid(db: Db, loginGuid: string): LoginRow | undefined {
  return db.prepare(`${LOGIN_SELECT} WHERE login_guid = ?`).get(loginGuid) as LoginRow | undefined;
}

/** Usernames compare without case (the column is COLLATE NOCASE) and without surrounding spaces. */
export function findLoginByUsername(db: Db, username: string): LoginRow | undefined {
  return db.prepare(`${LOGIN_SELECT} WHERE username = ?`).get(username.trim()) as LoginRow | undefined;
}

/** The login's account numbers, lowest first; the first one stands for the login in the call log. */
export function loginAccountNumbers(db: Db, loginGuid: string): string[] {
  const rows = db.prepare('SELECT account_number AS n FROM registrations WHERE login_guid = ? ORDER BY account_number').all(loginGuid) as {
    n: string;
  }[];
  return rows.map((r) => r.n);
}

/** A new login without a password: the user sets one later (Update Password). */
export function createLogin(db: Db, l: { customerId: number; username: string; email: string }): string {
  const loginGuid = randomUUID();
  db.prepare('INSERT INTO logins (login_guid, customer_id, username, email) VALUES (?, ?, ?, ?)').run(
    loginGuid,
    l.customerId,
    l.username,
    l.email,
  );
  return loginGuid;
}

export function setPasswordHash(db: Db, loginGuid: string, hash: string): void {
  db.prepare('UPDATE logins SET password_hash = ? WHERE login_guid = ?').run(hash, loginGuid);
}

/**
 * The login's email, its username when the username was the old email, and
 * the email of every customer record behind the login that had the login's
 * email, in one transaction. A customer record with another address is
 * someone else's: on a shared account (100200306) Sam's new email must not
 * become Pat's.
 */
export function changeLoginEmail(db: Db, login: LoginRow, newEmail: string): void {
  const usernameFollows = login.username.toLowerCase() === login.email.toLowerCase();
  db.transaction(() => {
    db.prepare('UPDATE logins SET email = ?, username = CASE WHEN ? THEN ? ELSE username END WHERE login_guid = ?').run(
      newEmail,
      usernameFollows ? 1 : 0,
      newEmail,
      login.loginGuid,
    );
    db.prepare(
      `UPDATE customers SET email = ?
        WHERE lower(email) = lower(?)
          AND (id = ? OR id IN (SELECT a.customer_id FROM accounts a JOIN registrations r ON r.account_number = a.account_number
                                 WHERE r.login_guid = ?))`,
    ).run(newEmail, login.email, login.customerId, login.loginGuid);
  })();
}

/** A customer record with one account: no invoices, balance 0, every option off. */
export function createCustomerWithAccount(
  db: Db,
  c: { accountNumber: string; firstName: string; lastName: string; email: string },
): string {
  const customerGuid = randomUUID();
  db.transaction(() => {
    const info = db.prepare('INSERT INTO customers (first_name, last_name, email) VALUES (?, ?, ?)').run(c.firstName, c.lastName, c.email);
    db.prepare('INSERT INTO accounts (account_number, customer_guid, customer_id) VALUES (?, ?, ?)').run(
      c.accountNumber,
      customerGuid,
      Number(info.lastInsertRowid),
    );
  })();
  return customerGuid;
}

export function setPayByText(db: Db, accountNumber: string, last4: string | null): void {
  db.prepare('UPDATE accounts SET pay_by_text = ?, pay_by_text_last4 = ? WHERE account_number = ?').run(
    last4 === null ? 0 : 1,
    last4,
    accountNumber,
  );
}
