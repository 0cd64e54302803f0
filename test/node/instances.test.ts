/**
 * Several brokers behind a load balancer, on one PostgreSQL database: they
 * start together on an empty database (the schema is migrated once, under a
 * lock), and the rate limits are counted together, so that two instances
 * allow the limit and not twice it; a connection the database drops ends
 * nothing but itself. Exactly-once payments across instances:
 * exactly-once.test.ts.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createLogger } from '../../src/broker/logger.ts';
import type { BrokerOptions } from '../../src/broker/options.ts';
import { startBroker } from '../../src/broker/server.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { capturedLogger } from '../support/logs.ts';
import { freshDatabase } from '../support/postgres.ts';
import { until } from '../support/until.ts';
import { request } from './http.ts';

describe('several brokers on one PostgreSQL database', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  /** `n` brokers started at once on one database. */
  async function brokers(n: number, databaseUrl: string, over: Partial<BrokerOptions> = {}) {
    const started = await Promise.all(
      Array.from({ length: n }, () =>
        startBroker({
          broker: {
            invoiceCloud: { baseUrl: `${sandbox.url}/api/v1/`, apiKey: 'sandbox-api-key' },
            databaseUrl,
            secret: 'instances-test-broker-secret-0123456789',
            reconcileIntervalMs: 0,
            logger: createLogger({ level: 'silent' }),
            ...over,
          },
        }),
      ),
    );
    return { urls: started.map((b) => `${b.url}/api/v1`), close: () => Promise.all(started.map((b) => b.close())) };
  }
  const lookUp = (brokerUrl: string) =>
    request(`${brokerUrl}/guest/lookup`, { method: 'POST', json: { accountNumber: '100200300', lastName: 'Doe' } });

  it('start together on an empty database: each migration is applied once, and every instance serves', async () => {
    const databaseUrl = await freshDatabase();
    const { urls, close } = await brokers(3, databaseUrl);
    try {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client
        .query<{ version: string; times: number }>(
          'SELECT version, count(*)::int AS times FROM schema_migrations GROUP BY version ORDER BY version',
        )
        .finally(() => client.end());
      const versions = readdirSync(new URL('../../src/broker/migrations/postgres/', import.meta.url))
        .sort()
        .map((f) => ({ version: f.replace(/\.sql$/, ''), times: 1 }));
      assert.deepEqual(rows, versions);
      for (const url of urls) assert.equal((await lookUp(url)).status, 200);
    } finally {
      await close();
    }
  });

  it('count a rate limit together: two instances allow the limit, not twice it', async () => {
    const { urls, close } = await brokers(2, await freshDatabase(), { rateLimits: { lookupPerAccount: 3 } });
    try {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await lookUp(urls[i % 2]!)).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429]);
    } finally {
      await close();
    }
  });

  it('outlive the database dropping their idle connections: logged, replaced, and the next request served', async () => {
    const databaseUrl = await freshDatabase();
    const { logger, lines } = capturedLogger('info');
    const { urls, close } = await brokers(1, databaseUrl, { logger });
    try {
      assert.equal((await lookUp(urls[0]!)).status, 200);
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin
        .query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
        .finally(() => admin.end());
      await until('the lost connection to be logged', () => (lines.some((l) => l.includes('"store_connection_lost"')) ? true : undefined));
      assert.equal((await lookUp(urls[0]!)).status, 200);
    } finally {
      await close();
    }
  });
});
