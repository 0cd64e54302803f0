-- The broker's schema on SQLite, as it stood before migrations were versioned:
-- every statement is IF NOT EXISTS, so a file made before then takes this
-- version as it is. What each table is for: ../../store.ts.

-- The payment ledger (ledger.ts): one row per attempt, its facts written once.
CREATE TABLE IF NOT EXISTS payment_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  reference TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  actor TEXT NOT NULL,
  account_number TEXT NOT NULL COLLATE NOCASE,
  invoice_number TEXT NOT NULL COLLATE NOCASE,
  amount_cents INTEGER NOT NULL,
  method_kind TEXT NOT NULL CHECK (method_kind IN ('card', 'ach')),
  method_brand TEXT NOT NULL,
  method_last4 TEXT NOT NULL CHECK (length(method_last4) = 4),
  email TEXT,
  notify_email TEXT,
  request_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'not_sent')),
  unknown_since INTEGER,
  payment_id TEXT,
  confirmation_number TEXT,
  result_status INTEGER,
  result_body TEXT,
  resolved_at INTEGER,
  seen_at INTEGER NOT NULL,
  lease_until INTEGER
);
-- One live attempt per key (a key refused before anything was sent may be used again)...
CREATE UNIQUE INDEX IF NOT EXISTS payment_attempts_key ON payment_attempts (scope, idempotency_key) WHERE state <> 'not_sent';
-- ...and one unresolved attempt per bill, whoever makes it.
CREATE UNIQUE INDEX IF NOT EXISTS payment_attempts_open_bill ON payment_attempts (account_number, invoice_number) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS payment_attempts_created ON payment_attempts (created_at);
CREATE TRIGGER IF NOT EXISTS payment_attempts_facts_fixed
  BEFORE UPDATE OF id, reference, scope, idempotency_key, fingerprint, actor, account_number, invoice_number, amount_cents,
    method_kind, method_brand, method_last4, email, notify_email, request_id, created_at ON payment_attempts
  BEGIN SELECT RAISE(ABORT, 'payment attempt facts are written once'); END;
CREATE TRIGGER IF NOT EXISTS payment_attempts_final
  BEFORE UPDATE OF state, result_status, result_body, payment_id, confirmation_number, resolved_at ON payment_attempts
  WHEN OLD.state <> 'pending'
  BEGIN SELECT RAISE(ABORT, 'a resolved payment attempt stays resolved'); END;
CREATE TRIGGER IF NOT EXISTS payment_attempts_kept_open
  BEFORE DELETE ON payment_attempts WHEN OLD.state = 'pending'
  BEGIN SELECT RAISE(ABORT, 'an unresolved payment attempt is never deleted'); END;
-- Each attempt's history, appended to and never rewritten.
CREATE TABLE IF NOT EXISTS payment_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  attempt_id INTEGER NOT NULL REFERENCES payment_attempts(id),
  event TEXT NOT NULL,
  at INTEGER NOT NULL,
  request_id TEXT,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS payment_events_attempt ON payment_events (attempt_id);
CREATE TRIGGER IF NOT EXISTS payment_events_append_only
  BEFORE UPDATE ON payment_events
  BEGIN SELECT RAISE(ABORT, 'payment history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS payment_events_kept_open
  BEFORE DELETE ON payment_events WHEN (SELECT state FROM payment_attempts WHERE id = OLD.attempt_id) = 'pending'
  BEGIN SELECT RAISE(ABORT, 'the history of an unresolved payment attempt is never deleted'); END;
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  remote_auth TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires_at);
CREATE TABLE IF NOT EXISTS verifications (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  login_guid TEXT NOT NULL,
  new_email TEXT,
  password_change INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
-- Keys a status check found unclaimed: it answered "nothing was charged", so no payment may claim them after.
-- Kept as a keyed hash of scope and key (ledger.ts closedKeyDigest): whatever a caller typed as a key (a card
-- number, even) is never written by merely being asked about.
CREATE TABLE IF NOT EXISTS closed_payment_keys (
  key_digest TEXT PRIMARY KEY,
  closed_at INTEGER NOT NULL
);
-- Accounts a host user unregistered: not registered again at sign-in until the host lists them in reRegister.
CREATE TABLE IF NOT EXISTS unregistered_accounts (
  user_id TEXT NOT NULL,
  -- As the ledger compares them: should the host spell one differently from InvoiceCloud, it still stays out.
  account_number TEXT NOT NULL COLLATE NOCASE,
  unregistered_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, account_number)
);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sent_at INTEGER NOT NULL,
  message TEXT NOT NULL
);
