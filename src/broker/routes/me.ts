import type { HostAccount, SyncedAccount } from '../../contract/sessions.ts';
import { auditUser } from '../audit.ts';
import { requireLogin } from '../auth.ts';
import type { BrokerDeps } from '../context.ts';
import { updateCredentials } from '../flows/update-credentials.ts';
import type { SessionData } from '../sessions.ts';
import { declaredRoutes } from '../routing.ts';
import { synced } from '../sync.ts';

/**
 * What became of each account the host listed: `synced` exactly when it is in
 * the synced accounts; else left out at sign-in, or unregistered since.
 */
function hostAccounts(session: SessionData, accounts: SyncedAccount[]): HostAccount[] {
  return session.hostAccounts.map((accountNumber) => ({
    accountNumber,
    status: accounts.some((a) => a.accountNumber === accountNumber)
      ? 'synced'
      : session.leftOut.includes(accountNumber)
        ? 'registered_to_another_login'
        : 'unregistered',
  }));
}

/** The signed-in user: who they are, their synced accounts, the host's accounts' standing, and their credentials. */
export function meRoutes(deps: BrokerDeps) {
  const { ic, sessions, options, mailer, verifications } = deps;

  const { app, serve } = declaredRoutes(deps);
  serve('getMe', async (c) => {
    const session = c.get('session');
    // A flow that did not sync (a sign-up of a registered user) syncs here, once.
    const accounts = session.accounts ?? (await synced(deps, c.get('sessionToken'), session)).accounts;
    return c.json({
      user: { userId: session.userId, email: session.email, name: session.name },
      accounts,
      hostAccounts: hostAccounts(session, accounts),
    });
  });
  serve('updateCredentials', async (c) => {
    const req = c.req.valid('json');
    const session = c.get('session');
    const login = requireLogin(session);
    const result = await updateCredentials(
      { ic, verifications, mailer, mailFrom: options.mailFrom, verificationUrl: options.verificationUrl },
      session,
      login,
      req,
    );
    const what = { email: req.newEmail !== undefined, password: req.newPassword !== undefined };
    auditUser(deps.audit, c, 'credentials_change_requested', { ...what, outcome: result.status });
    if (result.status === 'updated') auditUser(deps.audit, c, 'credentials_change_applied', what);
    if (result.status === 'updated' && req.newEmail) {
      await sessions.update(c.get('sessionToken'), {
        ...session,
        email: req.newEmail,
        login: { ...login, icEmail: req.newEmail, username: req.newEmail },
      });
    }
    return c.json(result);
  });
  return app;
}
