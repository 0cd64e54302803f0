import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { BrokerError } from './errors.ts';

/** The 429 of every limit: says when to come back. */
export function rateLimited(
  retryAfterSeconds: number,
  message = `Too many attempts. Please wait ${retryAfterSeconds} seconds and try again.`,
): BrokerError {
  return new BrokerError('rate_limited', 429, message, { retryable: true, retryAfterSeconds });
}

/** A fixed window of `points` requests per key; over it, a 429 that says when to come back. */
export function createLimiter(name: string, points: number, windowSeconds: number) {
  const limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds });
  return async (key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      throw rateLimited(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    }
  };
}
