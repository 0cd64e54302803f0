/**
 * Typed queries over the sandbox database. Handlers and the inspection routes
 * go through these, so SQL lives in one place next to the schema's meaning.
 */
import type { Db } from './db.ts';
import type { FixtureInvoice, FixturePayment, FixturePaymentMethod } from './fixtures.ts';

// Rows have the fixtures' shapes: the seed is written through the same columns.
export type InvoiceRow = FixtureInvoice;
export type PaymentMethodRow = FixturePaymentMethod;
export type PaymentRow = FixturePayment;

export interface AccountRow {
  accountNumber: string;
  customerId: number;
  customerGuid: string;
  firstName: string;
  lastName: string;
  email: string;
  paperless: boolean;
  payByText: boolean;
  /** Last four digits of the Pay By Text mobile number, while enrolled. */
  payByTextLast4: string | null;
  autopayMethodId: string | null;
}

/** An account as one login sees it: with the primary account it is linked under there (null for the primary). */
export type LoginAccountRow = AccountRow & { linkedTo: string | null };

export interface CallRow {
  seq: number;
  at: string;
  operation: string;
  accountNumber?: string;
}

type RawAccountRow = Omit<AccountRow, 'paperless' | 'payByText'> & { paperless: number; payByText: number };

const ACCOUNT_COLUMNS = `a.account_number AS accountNumber, c.id AS customerId, a.customer_guid AS customerGuid,
       c.first_name AS firstName, c.last_name AS lastName, c.email AS email,
       a.paperless AS paperless, a.pay_by_text AS payByText,
       a.pay_by_text_last4 AS payByTextLast4, a.autopay_method_id AS autopayMethodId`;
const ACCOUNT_SELECT = `SELECT ${ACCOUNT_COLUMNS} FROM accounts a JOIN customers c ON c.id = a.customer_id`;

const toAccountRow = (row: RawAccountRow): AccountRow => ({ ...row, paperless: row.paperless === 1, payByText: row.payByText === 1 });

export function findAccount(db: Db, accountNumber: string): AccountRow | undefined {
  const row = db.prepare(`${ACCOUNT_SELECT} WHERE a.account_number = ?`).get(accountNumber) as RawAccountRow | undefined;
  return row && toAccountRow(row);
}

export function findAccountByCustomerGuid(db: Db, customerGuid: string): AccountRow | undefined {
  const row = db.prepare(`${ACCOUNT_SELECT} WHERE a.customer_guid = ?`).get(customerGuid) as RawAccountRow | undefined;
  return row && toAccountRow(row);
}

/** Every account registered or linked under a login, by account number. */
export function accountsOfLogin(db: Db, loginGuid: string): LoginAccountRow[] {
  const rows = db
    .prepare(
      `SELECT ${ACCOUNT_COLUMNS}, r.linked_to AS linkedTo
         FROM registrations r JOIN accounts a ON a.account_number = r.account_number JOIN customers c ON c.id = a.customer_id
        WHERE r.login_guid = ? ORDER BY a.account_number`,
    )
    .all(loginGuid) as (RawAccountRow & { linkedTo: string | null })[];
  return rows.map((row) => ({ ...toAccountRow(row), linkedTo: row.linkedTo }));
}

/**
 * The logins that see an account, in the order they registered it: none for
 * an unregistered account, usually one, two for a shared one (100200306).
 */
export function loginsOfAccount(db: Db, accountNumber: string): string[] {
  const rows = db.prepare('SELECT login_guid AS l FROM registrations WHERE account_number = ? ORDER BY rowid').all(accountNumber) as {
    l: string;
  }[];
  return rows.map((r) => r.l);
}

/** Whether the login sees the account: the one question every operation on a login's account asks. */
export function loginSeesAccount(db: Db, loginGuid: string, accountNumber: string): boolean {
  return db.prepare('SELECT 1 FROM registrations WHERE login_guid = ? AND account_number = ?').get(loginGuid, accountNumber) !== undefined;
}

const INVOICE_COLUMNS = `invoice_number AS invoiceNumber, account_number AS accountNumber,
  amount_cents AS amountCents, amount_due_cents AS amountDueCents, due_date AS dueDate, status`;

/** Open invoices first, each group by due date: the order a bill list shows them. */
export function accountInvoices(db: Db, accountNumber: string): InvoiceRow[] {
  return db
    .prepare(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE account_number = ?
        ORDER BY status = 'paid', due_date, invoice_number`,
    )
    .all(accountNumber) as InvoiceRow[];
}

/** Open and paid together, newest due date first: the order of a billing history (RetrieveInvoices). */
export function invoiceHistory(db: Db, accountNumber: string): InvoiceRow[] {
  return db
    .prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE account_number = ? ORDER BY due_date DESC, invoice_number DESC`)
    .all(accountNumber) as InvoiceRow[];
}

export function findInvoice(db: Db, accountNumber: string, invoiceNumber: string): InvoiceRow | undefined {
  return db
    .prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE account_number = ? AND invoice_number = ?`)
    .get(accountNumber, invoiceNumber) as InvoiceRow | undefined;
}

/**
 * The balance is the sum of what the open invoices still owe, so it can never
 * disagree with them (and never goes below zero).
 */
export function balanceCents(db: Db, accountNumber: string): number {
  const { total } = db
    .prepare(`SELECT coalesce(sum(amount_due_cents), 0) AS total FROM invoices WHERE account_number = ?`)
    .get(accountNumber) as { total: number };
  return total;
}

/**
 * Applies an approved payment. Overpaying is accepted and simply settles the
 * invoice: the excess is not kept as a credit (the sandbox keeps it simple).
 */
export function applyPaymentToInvoice(db: Db, invoiceNumber: string, cents: number): void {
  db.prepare(
    `UPDATE invoices
        SET amount_due_cents = max(amount_due_cents - ?, 0),
            status = CASE WHEN amount_due_cents - ? <= 0 THEN 'paid' ELSE 'open' END
      WHERE invoice_number = ?`,
  ).run(cents, cents, invoiceNumber);
}

/** `visibleAt`: from when Retrieve Payments lists the payment (see listPayments). */
export function insertPayment(db: Db, p: PaymentRow, visibleAt: Date): void {
  db.prepare(
    `INSERT INTO payments (id, confirmation_number, reference_id, account_number, invoice_number, amount_cents,
       status, decline_code, kind, brand, last4, payment_method_id, created_at, visible_at)
     VALUES (@id, @confirmationNumber, @referenceId, @accountNumber, @invoiceNumber, @amountCents,
       @status, @declineCode, @kind, @brand, @last4, @paymentMethodId, @createdAt, @visibleAt)`,
  ).run({ ...p, visibleAt: visibleAt.toISOString() });
}

/**
 * Newest first; rowid breaks ties between payments made in the same millisecond.
 * `visibleAsOf` leaves out payments not yet visible then: what InvoiceCloud's
 * own answers see. The inspection route leaves it unset, to see every payment.
 */
export function listPayments(db: Db, filter: { accountNumber?: string; referenceId?: string; visibleAsOf?: Date } = {}): PaymentRow[] {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.visibleAsOf !== undefined) {
    where.push('visible_at <= ?');
    args.push(filter.visibleAsOf.toISOString());
  }
  if (filter.accountNumber !== undefined) {
    where.push('account_number = ?');
    args.push(filter.accountNumber);
  }
  if (filter.referenceId !== undefined) {
    where.push('reference_id = ?');
    args.push(filter.referenceId);
  }
  return db
    .prepare(
      `SELECT id, confirmation_number AS confirmationNumber, reference_id AS referenceId,
              account_number AS accountNumber, invoice_number AS invoiceNumber, amount_cents AS amountCents,
              status, decline_code AS declineCode, kind, brand, last4, payment_method_id AS paymentMethodId,
              created_at AS createdAt
         FROM payments ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, rowid DESC`,
    )
    .all(...args) as PaymentRow[];
}

const METHOD_SELECT = `SELECT id, login_guid AS loginGuid, kind, brand, last4, exp_month AS expMonth, exp_year AS expYear,
       nickname, is_default AS isDefault FROM payment_methods`;

type RawMethodRow = Omit<PaymentMethodRow, 'isDefault'> & { isDefault: number };
const toMethodRow = (r: RawMethodRow): PaymentMethodRow => ({ ...r, isDefault: r.isDefault === 1 });

/** Oldest first (rowid is insertion order): the order the wallet lists them. */
export function paymentMethodsOfLogin(db: Db, loginGuid: string): PaymentMethodRow[] {
  const rows = db.prepare(`${METHOD_SELECT} WHERE login_guid = ? ORDER BY rowid`).all(loginGuid) as RawMethodRow[];
  return rows.map(toMethodRow);
}

/** A saved method only if it is this login's: another login's id is as unknown as a made-up one. */
export function findMethodOfLogin(db: Db, loginGuid: string, id: string): PaymentMethodRow | undefined {
  const row = db.prepare(`${METHOD_SELECT} WHERE login_guid = ? AND id = ?`).get(loginGuid, id) as RawMethodRow | undefined;
  return row && toMethodRow(row);
}

export function setPaperless(db: Db, accountNumber: string, enabled: boolean): void {
  db.prepare('UPDATE accounts SET paperless = ? WHERE account_number = ?').run(enabled ? 1 : 0, accountNumber);
}

/** The other accounts registered to the same login. */
export function linkedAccountNumbers(db: Db, loginGuid: string, except: string): string[] {
  const rows = db
    .prepare(`SELECT account_number AS n FROM registrations WHERE login_guid = ? AND account_number <> ? ORDER BY account_number`)
    .all(loginGuid, except) as { n: string }[];
  return rows.map((r) => r.n);
}

export function logCall(db: Db, at: string, operation: string, accountNumber: string | undefined): void {
  db.prepare('INSERT INTO calls (at, operation, account_number) VALUES (?, ?, ?)').run(at, operation, accountNumber ?? null);
}

export function listCalls(db: Db): CallRow[] {
  const rows = db.prepare('SELECT seq, at, operation, account_number AS accountNumber FROM calls ORDER BY seq').all() as {
    seq: number;
    at: string;
    operation: string;
    accountNumber: string | null;
  }[];
  return rows.map(({ accountNumber, ...rest }) => (accountNumber === null ? rest : { ...rest, accountNumber }));
}

export function clearCalls(db: Db): void {
  db.exec(`DELETE FROM calls; DELETE FROM sqlite_sequence WHERE name = 'calls';`);
}
