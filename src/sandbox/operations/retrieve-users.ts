/**
 * Retrieve Users (seed: User Access and User Registration start here): is
 * there a customer for this account, and which login can see it. An account
 * InvoiceCloud does not know is an answer, not an error — the broker then
 * creates the customer record.
 */
import { findLoginByGuid } from '../logins.ts';
import { findAccount } from '../store.ts';
import type { Handler } from './types.ts';

export const retrieveUsers: Handler<'RetrieveUsers'> = (req, { db }) => {
  const account = findAccount(db, req.AccountNumber.trim());
  if (!account) return { status: 200, body: { CustomerExists: false, Users: [] } };
  const login = account.loginGuid === null ? undefined : findLoginByGuid(db, account.loginGuid);
  const Users = login ? [{ LoginGuid: login.loginGuid, Username: login.username, EmailAddress: login.email }] : [];
  return { status: 200, body: { CustomerExists: true, Users } };
};
