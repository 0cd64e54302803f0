import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { BrokerDeps, BrokerEnv } from './context.ts';
import { BrokerError } from './errors.ts';
import type { IcLogin, SessionData } from './sessions.ts';

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

/**
 * The session's InvoiceCloud login, for a route that acts through it (link an
 * account, store a method, open a portal page, change credentials). A session
 * without one — every account the host listed is registered to another login —
 * has nothing of its own to act on: a clear refusal, never a call upstream.
 */
export function requireLogin(session: SessionData): IcLogin {
  if (!session.login) {
    throw new BrokerError(
      'no_invoicecloud_login',
      409,
      'None of your accounts can be used online: each is registered to another online account. Sign in with the email address of that online account, or contact us.',
    );
  }
  return session.login;
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
