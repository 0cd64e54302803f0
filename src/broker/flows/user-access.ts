/**
 * Seed flow "User Access": a host user signs in.
 *   Retrieve Users →
 *     registered:      Remote Authentication, Retrieve CustomerGUID, Retrieve User Accounts
 *                      (concurrently: each needs only the login), then sync every account returned
 *     not registered:  [Create Customer Record when InvoiceCloud has no customer] → Register Accounts → Remote Authentication
 * Round trips in sequence: 2 when registered, 3 when only registration is missing, 4 for a new customer.
 */
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { authenticate, registerAndAuthenticate, registeredLogin, retrieveUsers, type HostUser, type Identity } from './identity.ts';

export async function userAccess(ic: InvoiceCloud, user: HostUser, now: () => number): Promise<Identity> {
  const found = await retrieveUsers(ic, user.accountNumbers);
  const registered = registeredLogin(found, user.email);
  if (!registered) return registerAndAuthenticate(ic, user, found, now);

  const { login, accountNumber } = registered;
  const [remoteAuth, customerGuid, synced] = await Promise.all([
    authenticate(ic, login.username, accountNumber, now()),
    ic.retrieveCustomerGuid(accountNumber, login.email, login.username),
    ic.retrieveUserAccounts(login.loginGuid),
  ]);
  return { username: login.username, icEmail: login.email, loginGuid: login.loginGuid, customerGuid, authAccount: accountNumber, ...synced, remoteAuth };
}
