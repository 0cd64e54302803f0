/**
 * Unregister Accounts (seed: Manage Accounts). InvoiceCloud has no unlink:
 * unregistering the login's primary account also unregisters every account
 * linked under it; unregistering a linked account removes just that one. The
 * answer lists every account that went, the named one first (links.ts).
 */
import { unregisterAccount } from '../links.ts';
import { accountOfLogin } from './access.ts';
import type { Handler } from './types.ts';

export const unregisterAccounts: Handler<'UnregisterAccounts'> = (req, { db }) => {
  const owned = accountOfLogin(db, req.LoginGuid, req.AccountNumber);
  if (!('account' in owned)) return owned;
  return { status: 200, body: { Unregistered: unregisterAccount(db, owned.login.loginGuid, owned.account.accountNumber) } };
};
