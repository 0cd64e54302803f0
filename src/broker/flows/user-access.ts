/**
 * Seed flow "User Access": a host user signs in. Every account the host lists
 * is checked and, where needed, registered as User Registration says
 * (identity.ts spells out the four cases):
 *   Retrieve Users (every account, concurrently) →
 *     [Create Customer Record for each account InvoiceCloud lacks, concurrently] →
 *     [Register Accounts for those and every unregistered account: one call, LoginTypeID 1] →
 *     the user had a login: Remote Authentication, Retrieve CustomerGUID, Retrieve User Accounts
 *                           (concurrently: each needs only the login), then sync every account returned
 *     a new login:          Remote Authentication (Register Accounts answered its accounts)
 *     every account registered to another login: nothing more — a session without a login
 * An account the user unregistered earlier is not registered again
 * (identity.ts: kept out) until the host lists it in `reRegister`.
 * Remote Authentication uses the first host-listed account that is the user's.
 * Round trips in sequence: 2 when every account is the user's already, one more
 * when some need registering, one more again when some need a customer record;
 * 3 for a new login (4 with a customer record); 1 when none can be the user's
 * (each another login's, or unregistered by the user).
 */
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { authenticate, icLogin, startSignIn, type HostUser, type Identity } from './identity.ts';

export async function userAccess(
  ic: InvoiceCloud,
  user: HostUser,
  now: () => number,
  unregisteredByUser: readonly string[] = [],
): Promise<Identity> {
  const start = await startSignIn(ic, user, unregisteredByUser);
  if ('withoutLogin' in start) return start.withoutLogin;
  const { common, standing, authAccount, registration } = start;
  if (!standing.login) {
    // A new login: no wallet yet to sync; its methods are fetched when first needed.
    const remoteAuth = await authenticate(ic, registration.username, authAccount, now());
    return { ...common, login: icLogin(registration, authAccount), accounts: registration.accounts, methods: null, remoteAuth };
  }
  const [remoteAuth, customerGuid, synced] = await Promise.all([
    authenticate(ic, registration.username, authAccount, now()),
    ic.retrieveCustomerGuid(authAccount, registration.icEmail, registration.username),
    ic.retrieveUserAccounts(registration.loginGuid),
  ]);
  return { ...common, login: icLogin(registration, authAccount, customerGuid), ...synced, remoteAuth };
}
