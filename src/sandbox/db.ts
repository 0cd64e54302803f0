/**
 * The sandbox's SQLite schema and seed. The schema covers every record
 * FIXTURES.md describes (customers, logins, accounts, invoices, saved payment
 * methods, payments), the call log, and the CloudSSO state (tokens, codes,
 * page tokens).
 *
 * Money is integer cents. Card and bank numbers are never stored: only brand,
 * last four and (for saved cards) expiry — DESIGN.md "Rules that hold everywhere".
 * Passwords are scrypt hashes and bearer secrets SHA-256 hashes (credentials.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { hashPassword } from './credentials.ts';
import * as fixtures from './fixtures.ts';

export type Db = Database.Database;

/** Bump when the schema changes: an older sandbox file is then rebuilt from the fixtures. */
const SCHEMA_VERSION = 5;

const SCHEMA = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL
);
-- A registered user. Which accounts it sees is in registrations.
CREATE TABLE logins (
  login_guid TEXT PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  -- Usernames are email addresses: one login per address, whatever its case.
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  email TEXT NOT NULL,
  -- A scrypt hash once a password is set; never the password itself.
  password_hash TEXT
);
-- Saved methods belong to the login (the portal wallet), shared by its accounts.
CREATE TABLE payment_methods (
  id TEXT PRIMARY KEY,
  login_guid TEXT NOT NULL REFERENCES logins(login_guid),
  kind TEXT NOT NULL CHECK (kind IN ('card', 'ach')),
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL CHECK (length(last4) = 4),
  exp_month INTEGER,
  exp_year INTEGER,
  nickname TEXT,
  -- Exactly one method of a login with any methods is the default (wallet.ts keeps it so).
  is_default INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE accounts (
  account_number TEXT PRIMARY KEY,
  -- InvoiceCloud's customer record is per account: cp/{CustomerGuid}/account answers one account.
  customer_guid TEXT NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  paperless INTEGER NOT NULL DEFAULT 0,
  pay_by_text INTEGER NOT NULL DEFAULT 0,
  -- Only the last four digits of the enrolled mobile number, for the page to show.
  pay_by_text_last4 TEXT CHECK (pay_by_text_last4 IS NULL OR length(pay_by_text_last4) = 4),
  -- AutoPay is on exactly when a method is set.
  autopay_method_id TEXT REFERENCES payment_methods(id)
);
-- Which login sees which account: a row is both "registered" and "linked"
-- (accounts under one login are linked accounts). An account is registered
-- when any login sees it. Most have one login; a household may share one
-- (100200306: Pat's and Sam's logins), and each login sees it alike.
-- Registering an account that another login sees stays refused (AlreadyRegistered):
-- shared accounts come only from the fixtures.
CREATE TABLE registrations (
  login_guid TEXT NOT NULL REFERENCES logins(login_guid),
  account_number TEXT NOT NULL REFERENCES accounts(account_number),
  -- The login's primary account this one was linked under; NULL for the primary
  -- itself. Unregistering a primary takes these along.
  linked_to TEXT REFERENCES accounts(account_number),
  PRIMARY KEY (login_guid, account_number)
);
-- rowid is registration order: the first login of an account is the one the inspection view names.
CREATE INDEX registrations_by_account ON registrations(account_number);
CREATE TABLE invoices (
  invoice_number TEXT PRIMARY KEY,
  account_number TEXT NOT NULL REFERENCES accounts(account_number),
  amount_cents INTEGER NOT NULL,
  amount_due_cents INTEGER NOT NULL CHECK (amount_due_cents >= 0),
  due_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'paid'))
);
CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  confirmation_number TEXT NOT NULL UNIQUE,
  reference_id TEXT NOT NULL,
  account_number TEXT NOT NULL REFERENCES accounts(account_number),
  invoice_number TEXT NOT NULL REFERENCES invoices(invoice_number),
  amount_cents INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('approved', 'declined')),
  decline_code TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('card', 'ach')),
  brand TEXT NOT NULL,
  last4 TEXT NOT NULL CHECK (length(last4) = 4),
  payment_method_id TEXT,
  created_at TEXT NOT NULL,
  -- When Retrieve Payments starts listing it: created_at, or later under a
  -- visibleAfterMs fault (replication lag). ISO text, compared as text.
  visible_at TEXT NOT NULL
);
CREATE INDEX payments_by_account ON payments(account_number, reference_id);
-- CloudSSO (cloudsso/state.ts). Only hashes of the bearer secrets; times are epoch milliseconds.
CREATE TABLE remote_tokens (
  token_hash TEXT PRIMARY KEY,
  login_guid TEXT NOT NULL REFERENCES logins(login_guid),
  account_number TEXT NOT NULL REFERENCES accounts(account_number),
  expires_at INTEGER NOT NULL
);
CREATE TABLE sso_codes (
  code_hash TEXT PRIMARY KEY,
  login_guid TEXT NOT NULL REFERENCES logins(login_guid),
  account_number TEXT NOT NULL REFERENCES accounts(account_number),
  page TEXT NOT NULL,
  parent_origin TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sso_pages (
  token_hash TEXT PRIMARY KEY,
  login_guid TEXT NOT NULL REFERENCES logins(login_guid),
  account_number TEXT NOT NULL REFERENCES accounts(account_number),
  page TEXT NOT NULL,
  parent_origin TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE calls (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  operation TEXT NOT NULL,
  account_number TEXT
);
`;

/** Children before parents, so deleting in this order respects the foreign keys. */
const TABLES = [
  'calls',
  'sso_pages',
  'sso_codes',
  'remote_tokens',
  'payments',
  'invoices',
  'registrations',
  'accounts',
  'payment_methods',
  'logins',
  'customers',
] as const;

/** Opens (and on first use creates and seeds) the sandbox database. */
export function openDatabase(dbPath: string): Db {
  if (dbPath !== ':memory:' && !dbPath.startsWith('file:')) mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  if (dbPath !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    // A sandbox file from another schema holds only disposable test state: rebuild it.
    db.transaction(() => {
      for (const table of TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
  const { n } = db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number };
  if (n === 0) resetData(db);
  return db;
}

/** Puts every table back to the fixtures and empties the call log. */
export function resetData(db: Db): void {
  db.transaction(() => {
    for (const table of TABLES) db.exec(`DELETE FROM ${table}`);
    // Call-log numbering restarts at 1, so tests can assert exact sequences.
    db.exec(`DELETE FROM sqlite_sequence WHERE name = 'calls'`);
    seed(db);
  })();
}

/**
 * Fixture password → its hash, computed once per process: scrypt is slow on
 * purpose, and tests reset the sandbox before every case.
 */
const fixtureHashes = new Map<string, string>();
function fixturePasswordHash(password: string | null): string | null {
  if (password === null) return null;
  let hash = fixtureHashes.get(password);
  if (hash === undefined) {
    hash = hashPassword(password);
    fixtureHashes.set(password, hash);
  }
  return hash;
}

function seed(db: Db): void {
  const customerIds = new Map<string, number>();
  const insertCustomer = db.prepare('INSERT INTO customers (first_name, last_name, email) VALUES (?, ?, ?)');
  for (const c of fixtures.customers) {
    const info = insertCustomer.run(c.firstName, c.lastName, c.email);
    customerIds.set(c.key, Number(info.lastInsertRowid));
  }
  const customerId = (key: string): number => {
    const id = customerIds.get(key);
    if (id === undefined) throw new Error(`fixture refers to unknown customer ${key}`);
    return id;
  };

  const insertLogin = db.prepare('INSERT INTO logins (login_guid, customer_id, username, email, password_hash) VALUES (?, ?, ?, ?, ?)');
  for (const l of fixtures.logins) {
    insertLogin.run(l.loginGuid, customerId(l.customerKey), l.username, l.email, fixturePasswordHash(l.password));
  }

  const insertMethod = db.prepare(
    `INSERT INTO payment_methods (id, login_guid, kind, brand, last4, exp_month, exp_year, nickname, is_default)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of fixtures.paymentMethods) {
    insertMethod.run(m.id, m.loginGuid, m.kind, m.brand, m.last4, m.expMonth, m.expYear, m.nickname, m.isDefault ? 1 : 0);
  }

  const insertAccount = db.prepare(
    `INSERT INTO accounts (account_number, customer_guid, customer_id, paperless, pay_by_text, autopay_method_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const a of fixtures.accounts) {
    insertAccount.run(
      a.accountNumber,
      a.customerGuid,
      customerId(a.customerKey),
      a.paperless ? 1 : 0,
      a.payByText ? 1 : 0,
      a.autopayMethodId,
    );
  }

  const insertRegistration = db.prepare('INSERT INTO registrations (login_guid, account_number, linked_to) VALUES (?, ?, ?)');
  for (const r of fixtures.registrations) insertRegistration.run(r.loginGuid, r.accountNumber, r.linkedTo);

  const insertInvoice = db.prepare(
    `INSERT INTO invoices (invoice_number, account_number, amount_cents, amount_due_cents, due_date, status)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const i of fixtures.invoices) {
    insertInvoice.run(i.invoiceNumber, i.accountNumber, i.amountCents, i.amountDueCents, i.dueDate, i.status);
  }

  const insertPayment = db.prepare(
    `INSERT INTO payments (id, confirmation_number, reference_id, account_number, invoice_number, amount_cents,
       status, decline_code, kind, brand, last4, payment_method_id, created_at, visible_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const p of fixtures.payments) {
    insertPayment.run(
      p.id,
      p.confirmationNumber,
      p.referenceId,
      p.accountNumber,
      p.invoiceNumber,
      p.amountCents,
      p.status,
      p.declineCode,
      p.kind,
      p.brand,
      p.last4,
      p.paymentMethodId,
      p.createdAt,
      p.createdAt,
    );
  }
}
