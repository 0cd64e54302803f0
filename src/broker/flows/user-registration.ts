/**
 * Seed flow "User Registration": a host user signs up (for example after a
 * guest payment). LoginTypeID is always 1 (set by the InvoiceCloud client).
 *   Retrieve Users →
 *     no customer:              Create Customer Record → Register Accounts → Remote Authentication
 *     customer, not registered: Register Accounts → Remote Authentication
 *     registered:               Remote Authentication
 * The registered branch syncs no accounts here; they are fetched when first needed.
 */
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { authenticate, registerAndAuthenticate, registeredLogin, retrieveUsers, type HostUser, type Identity } from './identity.ts';

export async function userRegistration(ic: InvoiceCloud, user: HostUser, now: () => number): Promise<Identity> {
  const found = await retrieveUsers(ic, user.accountNumbers);
  const registered = registeredLogin(found, user.email);
  if (!registered) return registerAndAuthenticate(ic, user, found, now);

  const { login, accountNumber } = registered;
  return {
    username: login.username,
    icEmail: login.email,
    loginGuid: login.loginGuid,
    customerGuid: null,
    authAccount: accountNumber,
    accounts: null,
    methods: null,
    remoteAuth: await authenticate(ic, login.username, accountNumber, now()),
  };
}
