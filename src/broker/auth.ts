import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { BrokerDeps, BrokerEnv } from './context.ts';
import { BrokerError } from './errors.ts';

export function bearerToken(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/** Signed-in routes: a live session token, as `Authorization: Bearer`. */
export function requireSession(deps: BrokerDeps): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) throw new BrokerError('unauthorized', 401, 'Sign in first: this request needs a session token as a Bearer token.');
    const session = deps.sessions.get(token);
    if (!session) throw new BrokerError('session_expired', 401, 'Your session has ended. Please sign in again.');
    c.set('session', session);
    c.set('sessionToken', token);
    await next();
  };
}

/** Server-to-server routes: the host backend's API key, as `X-IC-Host-Key`. */
export function requireHostKey(deps: BrokerDeps): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    const given = Buffer.from(c.req.header('x-ic-host-key') ?? '');
    const known = deps.options.hostApiKeys.some((k) => {
      const key = Buffer.from(k);
      return key.length === given.length && timingSafeEqual(key, given);
    });
    if (!known) throw new BrokerError('unauthorized', 401, 'This route is for the host backend: send its API key as X-IC-Host-Key.');
    await next();
  };
}
