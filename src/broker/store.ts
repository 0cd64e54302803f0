import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The broker's embedded store: idempotency records (payment outcomes as the
 * caller saw them, keyed request fingerprints), sessions (token hashes; the
 * Remote Authentication Token only encrypted under a key derived from the
 * session token), pending credential verifications (token hashes, never a
 * password) and the local mail outbox. Never card or bank numbers.
 */
export function openStore(dbPath: string): Database.Database {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  // Several broker processes may share one file; wait instead of failing with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS idempotency (
      scope TEXT NOT NULL,
      key TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('in_flight', 'unknown', 'done')),
      reference TEXT NOT NULL,
      context TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (scope, key)
    );
    CREATE INDEX IF NOT EXISTS idempotency_expires ON idempotency (expires_at);
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
    CREATE TABLE IF NOT EXISTS outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      sent_at INTEGER NOT NULL,
      message TEXT NOT NULL
    );
  `);
  return db;
}
