-- The broker's schema on PostgreSQL: the same tables, rules and names as
-- ../sqlite/0001_init.sql, in PostgreSQL's terms. Times are epoch
-- milliseconds (bigint); account and invoice numbers compare without regard
-- to case (citext), as SQLite's COLLATE NOCASE columns do.
CREATE EXTENSION IF NOT EXISTS citext;

-- What the guards below raise: the message is the trigger's argument.
CREATE FUNCTION broker_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END
$$;

-- The payment ledger (ledger.ts): one row per attempt, its facts written once.
CREATE TABLE payment_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  scope text NOT NULL,
  idempotency_key text NOT NULL,
  fingerprint text NOT NULL,
  actor text NOT NULL,
  account_number citext NOT NULL,
  invoice_number citext NOT NULL,
  amount_cents integer NOT NULL,
  method_kind text NOT NULL CHECK (method_kind IN ('card', 'ach')),
  method_brand text NOT NULL,
  method_last4 text NOT NULL CHECK (length(method_last4) = 4),
  email text,
  notify_email text,
  request_id text NOT NULL,
  created_at bigint NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'succeeded', 'failed', 'not_sent')),
  unknown_since bigint,
  payment_id text,
  confirmation_number text,
  result_status integer,
  result_body text,
  resolved_at bigint,
  seen_at bigint NOT NULL,
  lease_until bigint
);
-- One live attempt per key (a key refused before anything was sent may be used again)...
CREATE UNIQUE INDEX payment_attempts_key ON payment_attempts (scope, idempotency_key) WHERE state <> 'not_sent';
-- ...and one unresolved attempt per bill, whoever makes it, on whichever instance.
CREATE UNIQUE INDEX payment_attempts_open_bill ON payment_attempts (account_number, invoice_number) WHERE state = 'pending';
CREATE INDEX payment_attempts_created ON payment_attempts (created_at);
CREATE TRIGGER payment_attempts_facts_fixed
  BEFORE UPDATE OF id, reference, scope, idempotency_key, fingerprint, actor, account_number, invoice_number, amount_cents,
    method_kind, method_brand, method_last4, email, notify_email, request_id, created_at ON payment_attempts
  FOR EACH ROW EXECUTE FUNCTION broker_refuse('payment attempt facts are written once');
CREATE TRIGGER payment_attempts_final
  BEFORE UPDATE OF state, result_status, result_body, payment_id, confirmation_number, resolved_at ON payment_attempts
  FOR EACH ROW WHEN (OLD.state <> 'pending')
  EXECUTE FUNCTION broker_refuse('a resolved payment attempt stays resolved');
CREATE TRIGGER payment_attempts_kept_open
  BEFORE DELETE ON payment_attempts FOR EACH ROW WHEN (OLD.state = 'pending')
  EXECUTE FUNCTION broker_refuse('an unresolved payment attempt is never deleted');

-- Each attempt's history, appended to and never rewritten.
CREATE TABLE payment_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  attempt_id bigint NOT NULL REFERENCES payment_attempts(id),
  event text NOT NULL,
  at bigint NOT NULL,
  request_id text,
  detail text
);
CREATE INDEX payment_events_attempt ON payment_events (attempt_id);
CREATE TRIGGER payment_events_append_only
  BEFORE UPDATE ON payment_events
  FOR EACH ROW EXECUTE FUNCTION broker_refuse('payment history is append-only');
-- A trigger's WHEN cannot read another table: the attempt's state is read in the function.
CREATE FUNCTION payment_events_kept_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT state FROM payment_attempts WHERE id = OLD.attempt_id) = 'pending' THEN
    RAISE EXCEPTION 'the history of an unresolved payment attempt is never deleted';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER payment_events_kept_open
  BEFORE DELETE ON payment_events
  FOR EACH ROW EXECUTE FUNCTION payment_events_kept_open();

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  data text NOT NULL,
  remote_auth text NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  ends_at bigint NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE verifications (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL,
  login_guid text NOT NULL,
  new_email text,
  password_change integer NOT NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  used_at bigint
);

-- Keys a status check found unclaimed (ledger.ts closedKeyDigest): a keyed hash, never the key.
CREATE TABLE closed_payment_keys (
  key_digest text PRIMARY KEY,
  closed_at bigint NOT NULL
);

-- Accounts a host user unregistered: not registered again at sign-in until the host lists them in reRegister.
CREATE TABLE unregistered_accounts (
  user_id text NOT NULL,
  account_number citext NOT NULL,
  unregistered_at bigint NOT NULL,
  PRIMARY KEY (user_id, account_number)
);

CREATE TABLE outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sent_at bigint NOT NULL,
  message text NOT NULL
);

-- The rate limits every instance counts together (rate-limit.ts): rate-limiter-flexible's table for
-- PostgreSQL, made here so that instances starting at once do not race to create it.
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
