import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { BrokerError } from './errors.ts';

/** The 429 of every limit: says when to come back. */
export function rateLimited(
  retryAfterSeconds: number,
  message = `Too many attempts. Please wait ${retryAfterSeconds} seconds and try again.`,
): BrokerError {
  return new BrokerError('rate_limited', 429, message, { retryable: true, retryAfterSeconds });
}

/**
 * Makes the broker's limits: each a fixed window of `points` requests per
 * key; over it, a 429 that says when to come back. Counted in the PostgreSQL
 * store when there is one (`pool`), so that every instance behind a load
 * balancer counts together (its table: migrations/postgres); else in this
 * process's memory, as suits one instance on its SQLite file.
 */
export function limiters(pool?: pg.Pool) {
  return (name: string, points: number, windowSeconds: number) => {
    const opts = { keyPrefix: name, points, duration: windowSeconds };
    const limiter = pool
      ? new RateLimiterPostgres({ ...opts, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true })
      : new RateLimiterMemory(opts);
    return async (key: string): Promise<void> => {
      try {
        await limiter.consume(key);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        throw rateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
      }
    };
  };
}
