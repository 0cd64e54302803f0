/**
 * Link Accounts (seed: Manage Accounts). The customer name proves the caller
 * may see the account, matched like the guest look-up; an unknown account and
 * a wrong name get the same 404, and only then is the registration revealed
 * (409 AlreadyRegistered / AlreadyLinked), so the call cannot probe accounts.
 * The account is linked under the login's primary account (links.ts).
 */
import { registerAccount } from '../links.ts';
import { accountsOfLogin, findAccount, loginsOfAccount } from '../store.ts';
import { accountNotFound, loginOf, nameMatches } from './access.ts';
import { icError, type Handler } from './types.ts';
import { toIcAccountSummary } from './wire.ts';

export const linkAccounts: Handler<'LinkAccounts'> = (req, { db }) => {
  const found = loginOf(db, req.LoginGuid);
  if (!('login' in found)) return found;
  const { loginGuid } = found.login;
  const account = findAccount(db, req.AccountNumber.trim());
  if (!account || !nameMatches(account, req.CustomerName)) return accountNotFound();
  const seenBy = loginsOfAccount(db, account.accountNumber);
  if (seenBy.includes(loginGuid)) return icError(409, 'AlreadyLinked', 'This login already sees that account.');
  if (seenBy.length > 0) return icError(409, 'AlreadyRegistered', 'That account is registered to another login.');
  registerAccount(db, account.accountNumber, loginGuid);
  return { status: 200, body: { Accounts: accountsOfLogin(db, loginGuid).map((a) => toIcAccountSummary(db, a)) } };
};
