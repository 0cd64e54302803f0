/**
 * Seed flow "User Registration": a host user signs up (for example after a
 * guest payment). LoginTypeID is always 1 (set by the InvoiceCloud client).
 * Account by account, as the seed says (identity.ts spells out the cases):
 *   Retrieve Users (every account, concurrently) →
 *     account does not exist:            Create Customer Record, then Register Accounts
 *     account exists and not registered: Register Accounts
 *     registered to the user's login:    nothing
 *     registered to another login:       left out of the session
 *     unregistered by the user earlier:  kept out, not registered again (until the host's reRegister)
 *   → [Create Customer Record for each missing account, concurrently]
 *   → [Register Accounts: one call for every account that needs it]
 *   → Remote Authentication (the first host-listed account that is the user's)
 * Unlike User Access it syncs nothing for a login the user already had: the
 * accounts are fetched when first needed. A new login keeps Register Accounts'
 * answer. No account the user's (each another login's, or unregistered by
 * the user): a session without a login.
 */
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { authenticate, icLogin, startSignIn, type HostUser, type Identity } from './identity.ts';

export async function userRegistration(
  ic: InvoiceCloud,
  user: HostUser,
  now: () => number,
  unregisteredByUser: readonly string[] = [],
): Promise<Identity> {
  const start = await startSignIn(ic, user, unregisteredByUser);
  if ('withoutLogin' in start) return start.withoutLogin;
  const { common, standing, authAccount, registration } = start;
  return {
    ...common,
    login: icLogin(registration, authAccount),
    accounts: standing.login ? null : registration.accounts,
    methods: null,
    remoteAuth: await authenticate(ic, registration.username, authAccount, now()),
  };
}
