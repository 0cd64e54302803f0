/**
 * Retrieve CustomerGUID (known real shape, DESIGN.md): account, email and
 * username must all belong together — the account seen by that login,
 * the email the customer's or the login's. Any mismatch is the same 404.
 */
import { findLoginByUsername } from '../logins.ts';
import { findAccount, loginSeesAccount } from '../store.ts';
import { icError, type Handler } from './types.ts';

export const retrieveCustomerGuid: Handler<'RetrieveCustomerGuid'> = (req, { db }) => {
  const account = findAccount(db, req.AccountNumber.trim());
  const login = findLoginByUsername(db, req.Username);
  const email = req.EmailAddress.trim().toLowerCase();
  const emailMatches = !!account && !!login && (email === account.email.toLowerCase() || email === login.email.toLowerCase());
  if (!account || !login || !loginSeesAccount(db, login.loginGuid, account.accountNumber) || !emailMatches) {
    return icError(404, 'CustomerNotFound', 'No customer matches that account number, email address and username.');
  }
  return { status: 200, body: { CustomerGuid: account.customerGuid } };
};
