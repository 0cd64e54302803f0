import type { Context } from 'hono';
import type { SessionRequest } from '../../contract/host.ts';
import { auditUser, userActor } from '../audit.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import type { HostUser, Identity } from '../flows/identity.ts';
import { userAccess } from '../flows/user-access.ts';
import { userRegistration } from '../flows/user-registration.ts';
import { declaredRoutes } from '../routing.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';

type Flow = (ic: InvoiceCloud, user: HostUser, now: () => number, unregisteredByUser: readonly string[]) => Promise<Identity>;

/**
 * Sessions. The host's backend signs its user in with its own credentials,
 * then opens a broker session for them server to server (seed: User Access,
 * or User Registration for a sign-up); elements then use the session token.
 * A session opens even when no account the host listed can be the user's
 * (each registered to another login, or unregistered by the user), without a
 * login, so that `GET /me` can tell the host why.
 *
 * An account the user unregistered (seed: Manage Accounts) is not registered
 * again at sign-in: the broker remembers it (unregistered.ts) until the host
 * lists it in `reRegister`, for a user who added it back in the host.
 */
export function sessionRoutes(deps: BrokerDeps) {
  const { ic, sessions, options, audit, unregistered } = deps;

  const open = (name: string, flow: Flow) => async (c: Context<BrokerEnv, string, { out: { json: SessionRequest } }>) => {
    const { reRegister = [], ...user } = c.req.valid('json');
    const remembered = await unregistered.among(user.userId, [...new Set(user.accountNumbers)]);
    const reRegistered = remembered.filter((n) => reRegister.includes(n));
    const { remoteAuth, keptOut, ...identity } = await flow(
      ic,
      user,
      options.now,
      remembered.filter((n) => !reRegistered.includes(n)),
    );
    // Forgotten only once the sign-in went through: should it fail, the next one (without reRegister) still keeps them out.
    await unregistered.forget(user.userId, reRegistered);
    const { token, expiresAt } = await sessions.create(
      { userId: user.userId, email: user.email, name: user.name, ...identity },
      remoteAuth,
    );
    audit('session_opened', {
      actor: userActor(user.userId),
      requestId: c.get('requestId'),
      flow: name,
      accountNumbers: identity.hostAccounts,
      // What the session does not hold, and why: the account numbers only.
      leftOut: [
        ...identity.leftOut.map((accountNumber) => ({ accountNumber, reason: 'registered_to_another_login' })),
        ...keptOut.map((accountNumber) => ({ accountNumber, reason: 'unregistered' })),
      ],
      // Unregistered by the user before, listed by the host in reRegister: registered as usual again.
      reRegistered,
      invoiceCloudLogin: identity.login !== null,
    });
    return c.json({ token, expiresAt: new Date(expiresAt).toISOString() });
  };

  const { app, serve } = declaredRoutes(deps);
  serve('openSession', open('user-access', userAccess));
  serve('registerUser', open('user-registration', userRegistration));
  serve('endSession', async (c) => {
    await sessions.delete(c.get('sessionToken'));
    auditUser(audit, c, 'session_ended');
    return c.body(null, 204);
  });
  return app;
}
