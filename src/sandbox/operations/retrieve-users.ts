/**
 * Retrieve Users (seed: User Access and User Registration start here): is
 * there a customer for this account, and which logins can see it — every one,
 * in the order they registered it (two for the shared 100200306). An account
 * InvoiceCloud does not know is an answer, not an error — the broker then
 * creates the customer record.
 */
import { findLoginByGuid, type LoginRow } from '../logins.ts';
import { findAccount, loginsOfAccount } from '../store.ts';
import type { Handler } from './types.ts';

export const retrieveUsers: Handler<'RetrieveUsers'> = (req, { db }) => {
  const account = findAccount(db, req.AccountNumber.trim());
  if (!account) return { status: 200, body: { CustomerExists: false, Users: [] } };
  const logins = loginsOfAccount(db, account.accountNumber)
    .map((guid) => findLoginByGuid(db, guid))
    .filter((login): login is LoginRow => login !== undefined);
  const Users = logins.map((login) => ({ LoginGuid: login.loginGuid, Username: login.username, EmailAddress: login.email }));
  return { status: 200, body: { CustomerExists: true, Users } };
};
