import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, SqliteDriver, CompiledQuery, sql, type DatabaseConnection, type Generated } from 'kysely';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';

/**
 * The broker's state: the payment ledger (every attempt, its history and the
 * answer its callers saw; see ledger.ts), sessions (token hashes; the Remote
 * Authentication Token only encrypted under a key derived from the session
 * token), pending credential verifications (token hashes, never a password),
 * the accounts each host user unregistered (unregistered.ts), the local mail
 * outbox and, on PostgreSQL, the rate limits. Never card or bank numbers.
 *
 * One SQLite file is the embedded default, for one instance; a PostgreSQL
 * database (`DATABASE_URL`) is shared by several. Every store module is
 * written once, against `Tables`, for both; the schema of each lives in its
 * migrations (migrations/<dialect>/NNNN_name.sql, applied in order at start).
 */
export interface Tables {
  payment_attempts: {
    id: Generated<number>;
    reference: string;
    scope: string;
    idempotency_key: string;
    fingerprint: string;
    actor: string;
    account_number: string;
    invoice_number: string;
    amount_cents: number;
    method_kind: 'card' | 'ach';
    method_brand: string;
    method_last4: string;
    email: string | null;
    notify_email: string | null;
    request_id: string;
    created_at: number;
    state: 'pending' | 'succeeded' | 'failed' | 'not_sent';
    unknown_since: number | null;
    payment_id: string | null;
    confirmation_number: string | null;
    result_status: number | null;
    result_body: string | null;
    resolved_at: number | null;
    seen_at: number;
    lease_until: number | null;
  };
  payment_events: {
    id: Generated<number>;
    attempt_id: number;
    event: string;
    at: number;
    request_id: string | null;
    detail: string | null;
  };
  sessions: { token_hash: string; data: string; remote_auth: string; created_at: number; expires_at: number; ends_at: number };
  verifications: {
    token_hash: string;
    user_id: string;
    login_guid: string;
    new_email: string | null;
    password_change: number;
    created_at: number;
    expires_at: number;
    used_at: number | null;
  };
  closed_payment_keys: { key_digest: string; closed_at: number };
  unregistered_accounts: { user_id: string; account_number: string; unregistered_at: number };
  outbox: { id: Generated<number>; sent_at: number; message: string };
}

export type StoreDb = Kysely<Tables>;

export interface Store {
  db: StoreDb;
  dialect: 'sqlite' | 'postgres';
  /** Settles once the schema is migrated; rejects when the database cannot be reached or migrated. */
  ready: Promise<void>;
  /** The connection pool, on PostgreSQL: the rate limits count in it. */
  pool?: pg.Pool;
  /**
   * Runs `work` in one write transaction. `exclusiveOn` names what no other
   * such transaction may work on meanwhile, on any instance: SQLite's
   * transactions are serial anyway (each takes the write lock as it begins);
   * PostgreSQL's take a transaction-scoped advisory lock on the name.
   */
  write<T>(work: (trx: StoreDb) => Promise<T>, exclusiveOn?: string): Promise<T>;
  close(): Promise<void>;
}

/** Whether a store location names a PostgreSQL database rather than an SQLite file. */
export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

/** `postgres://…` (or `postgresql://…`): that database; anything else: an SQLite file (or `:memory:`). */
export function openStore(location: string): Store {
  return isPostgresUrl(location) ? openPostgres(location) : openSqlite(location);
}

interface Migration {
  version: string;
  sql: string;
}

/** The dialect's migrations, oldest first: each file's name (without `.sql`) is its version. */
function migrations(dialect: Store['dialect']): Migration[] {
  const dir = new URL(`./migrations/${dialect}/`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ version: f.slice(0, -'.sql'.length), sql: readFileSync(new URL(f, dir), 'utf8') }));
}

const MIGRATIONS_TABLE = 'CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)';

/** SQLite's default BEGIN takes the write lock only at the first write: by then another process may have written what this one read. */
class WriteLockingSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }

  override createDriver() {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
      }
    })({ database: this.database });
  }
}

function openSqlite(dbPath: string): Store {
  if (dbPath !== ':memory:') mkdirSync(dirname(dbPath), { recursive: true });
  const database = new Database(dbPath);
  database.pragma('journal_mode = WAL');
  // Several broker processes may share one file; wait instead of failing with SQLITE_BUSY.
  database.pragma('busy_timeout = 5000');
  // Under the write lock, so that two processes opening one new file apply each migration once.
  database
    .transaction(() => {
      database.exec(MIGRATIONS_TABLE);
      const applied = new Set(database.prepare('SELECT version FROM schema_migrations').pluck().all() as string[]);
      for (const m of migrations('sqlite').filter((m) => !applied.has(m.version))) {
        database.exec(m.sql);
        database.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(m.version, Date.now());
      }
    })
    .immediate();
  const db = new Kysely<Tables>({ dialect: new WriteLockingSqliteDialect(database) });
  return {
    db,
    dialect: 'sqlite',
    ready: Promise.resolve(),
    write: (work) => db.transaction().execute(work),
    close: () => db.destroy(),
  };
}

/** The advisory lock every instance takes to migrate: one migrates, the others wait and then find nothing left to do. */
const MIGRATION_LOCK = 'ic-broker:migrations';

function openPostgres(connectionString: string): Store {
  const pool = new pg.Pool({
    connectionString,
    // Times, ids and counts are bigint: read as numbers (epoch milliseconds and row counts are far below 2^53).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
    },
  });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    pool,
    ready: migratePostgres(pool),
    write: (work, exclusiveOn) =>
      db.transaction().execute(async (trx) => {
        if (exclusiveOn !== undefined) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${exclusiveOn}, 0))`.execute(trx);
        return work(trx);
      }),
    close: () => db.destroy(),
  };
}

/** Applies the migrations not yet applied, each in its own transaction, under a lock every instance takes. */
async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    try {
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.version));
      for (const m of migrations('postgres').filter((m) => !applied.has(m.version))) {
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${m.version} failed: ${(err as Error).message}`, { cause: err });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
