/** Retrieve User Accounts (seed: User Access, "sync all accounts"): every account registered or linked under the login. */
import { findLoginByGuid } from '../logins.ts';
import { accountsOfLogin } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcAccountSummary } from './wire.ts';

export const retrieveUserAccounts: Handler<'RetrieveUserAccounts'> = (req, { db }) => {
  if (!findLoginByGuid(db, req.LoginGuid)) return icError(404, 'LoginNotFound', 'No login has that LoginGuid.');
  return { status: 200, body: { Accounts: accountsOfLogin(db, req.LoginGuid).map((a) => toIcAccountSummary(db, a)) } };
};
