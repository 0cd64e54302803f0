import type { Context, MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import type { BrokerDeps, BrokerEnv } from './context.ts';
import { BrokerError } from './errors.ts';
import { verifyLookupToken } from './lookup-token.ts';
import type { IcLogin, SessionData } from './sessions.ts';
import { synced, type SyncedSession } from './sync.ts';

export function bearerToken(c: Context): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
}

/** Signed-in routes: a live session token, as `Authorization: Bearer`. */
export function requireSession(deps: BrokerDeps): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    const token = bearerToken(c);
    if (!token) throw new BrokerError('unauthorized', 401, 'Sign in first: this request needs a session token as a Bearer token.');
    const session = await deps.sessions.get(token);
    if (!session) throw new BrokerError('session_expired', 401, 'Your session has ended. Please sign in again.');
    c.set('session', session);
    c.set('sessionToken', token);
    await next();
  };
}

/** Guest payment routes: the look-up token of the account being paid, as `Authorization: Bearer`. */
export function requireLookupToken(deps: BrokerDeps): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    c.set('lookup', await verifyLookupToken(deps.options.keyring, c.req.header('authorization')));
    await next();
  };
}

/**
 * Signed-in routes that act on one of the user's accounts (`:account` in the
 * path): the session, synced, the account, which must be the user's — any
 * other number is a 404, whoever owns it — and their login (a session without
 * one has no accounts: the 404 comes first).
 */
export function ownAccount(deps: BrokerDeps): MiddlewareHandler<BrokerEnv> {
  return owned(deps, (session, c) => {
    const account = session.accounts.find((a) => a.accountNumber === c.req.param('account'));
    if (!account) throw new BrokerError('account_not_found', 404, 'That account is not in your online account.');
    c.set('account', account);
  });
}

/** Signed-in routes that act on one of the user's saved methods (`:id` in the path): as ownAccount. */
export function ownMethod(deps: BrokerDeps): MiddlewareHandler<BrokerEnv> {
  return owned(deps, (session, c) => {
    const method = session.methods.find((m) => m.id === c.req.param('id'));
    if (!method) throw new BrokerError('not_found', 404, 'That payment method is not saved in your online account.');
    c.set('method', method);
  });
}

/** Syncs the session, lets `pick` find what the path names (or refuse), then requires the login. */
function owned(deps: BrokerDeps, pick: (session: SyncedSession, c: Context<BrokerEnv>) => void): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    const session = await synced(deps, c.get('sessionToken'), c.get('session'));
    pick(session, c);
    c.set('synced', session);
    c.set('login', requireLogin(session));
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
