/**
 * Register Accounts (seed: User Access / User Registration, LoginTypeID 1 —
 * api.ts answers any other LoginTypeID with 400 InvalidLoginType). Creates a
 * login without a password, or adds the accounts to the login that already
 * has this username. All or nothing: one bad account and nothing changes. An
 * account another login sees is refused (409 AlreadyRegistered), even one
 * that login shares: a login joins an account only through its own
 * registration, never by naming someone else's.
 */
import { registerAccount } from '../links.ts';
import { createLogin, findLoginByUsername } from '../logins.ts';
import { accountsOfLogin, findAccount, loginsOfAccount, type AccountRow } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcAccountSummary } from './wire.ts';

const MAX_USERNAME = 254;

export const registerAccounts: Handler<'RegisterAccounts'> = (req, { db }) => {
  const username = req.Username.trim();
  if (!username || username.length > MAX_USERNAME) {
    return icError(400, 'InvalidRequest', `Username must be 1 to ${MAX_USERNAME} characters.`);
  }
  const existing = findLoginByUsername(db, username);
  const accounts: AccountRow[] = [];
  for (const n of new Set(req.AccountNumbers.map((x) => x.trim()))) {
    const account = findAccount(db, n);
    // The message does not echo the number: it is the caller's input.
    if (!account) return icError(404, 'AccountNotFound', 'One of the accounts is not in InvoiceCloud.');
    const seenBy = loginsOfAccount(db, account.accountNumber);
    if (seenBy.length > 0 && !(existing && seenBy.includes(existing.loginGuid))) {
      return icError(409, 'AlreadyRegistered', 'One of the accounts is already registered to another login.');
    }
    accounts.push(account);
  }
  const first = accounts[0];
  if (!first) return icError(400, 'InvalidRequest', 'AccountNumbers must name at least one account.');

  const loginGuid = db.transaction(() => {
    // A new login belongs to the customer of the first account, its primary; the others are linked under it.
    const guid = existing?.loginGuid ?? createLogin(db, { customerId: first.customerId, username, email: req.EmailAddress.trim() });
    for (const a of accounts) registerAccount(db, a.accountNumber, guid);
    return guid;
  })();
  return {
    status: 200,
    body: { LoginGuid: loginGuid, Accounts: accountsOfLogin(db, loginGuid).map((a) => toIcAccountSummary(db, a)) },
  };
};
