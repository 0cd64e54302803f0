import { Hono, type Context } from 'hono';
import { SessionRequest } from '../../contract/host.ts';
import { auditUser, userActor } from '../audit.ts';
import { requireHostKey, requireSession } from '../auth.ts';
import type { BrokerDeps, BrokerEnv } from '../context.ts';
import type { HostUser, Identity } from '../flows/identity.ts';
import { userAccess } from '../flows/user-access.ts';
import { userRegistration } from '../flows/user-registration.ts';
import { readBody } from '../validate.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';

type Flow = (ic: InvoiceCloud, user: HostUser, now: () => number) => Promise<Identity>;

/**
 * Sessions. The host's backend signs its user in with its own credentials,
 * then opens a broker session for them server to server (seed: User Access,
 * or User Registration for a sign-up); elements then use the session token.
 * A session opens even when every account the host listed is registered to
 * another login, without a login, so that `GET /me` can tell the host why.
 */
export function sessionRoutes(deps: BrokerDeps) {
  const { ic, sessions, options, audit } = deps;

  const open = (name: string, flow: Flow) => async (c: Context<BrokerEnv>) => {
    const user = await readBody(c, SessionRequest);
    const { remoteAuth, ...identity } = await flow(ic, user, options.now);
    const { token, expiresAt } = sessions.create({ userId: user.userId, email: user.email, name: user.name, ...identity }, remoteAuth);
    audit('session_opened', {
      actor: userActor(user.userId),
      requestId: c.get('requestId'),
      flow: name,
      accountNumbers: identity.hostAccounts,
      // What the session does not hold, and why: the account numbers only.
      leftOut: identity.leftOut.map((accountNumber) => ({ accountNumber, reason: 'registered_to_another_login' })),
      invoiceCloudLogin: identity.login !== null,
    });
    return c.json({ token, expiresAt: new Date(expiresAt).toISOString() });
  };

  return new Hono<BrokerEnv>()
    .post('/sessions', requireHostKey(deps), open('user-access', userAccess))
    .post('/registrations', requireHostKey(deps), open('user-registration', userRegistration))
    .delete('/sessions/current', requireSession(deps), (c) => {
      sessions.delete(c.get('sessionToken'));
      auditUser(audit, c, 'session_ended');
      return c.body(null, 204);
    });
}
