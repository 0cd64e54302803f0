/**
 * Create Customer Record (seed: User Registration, "no customer"): a customer
 * and its account, with no invoices, a zero balance and every option off —
 * what Alex Lee (100200304, MyMeter only) needs before Register Accounts.
 */
import { createCustomerWithAccount } from '../logins.ts';
import { findAccount } from '../store.ts';
import { icError, type Handler } from './types.ts';

// The same shape the call log accepts as an account number.
const ACCOUNT_NUMBER = /^[0-9A-Za-z-]{1,32}$/;
const MAX_NAME = 100;

export const createCustomerRecord: Handler<'CreateCustomerRecord'> = (req, { db }) => {
  const accountNumber = req.AccountNumber.trim();
  const firstName = req.FirstName.trim();
  const lastName = req.LastName.trim();
  if (!ACCOUNT_NUMBER.test(accountNumber)) {
    return icError(400, 'InvalidRequest', 'AccountNumber must be 1 to 32 letters, digits or hyphens.');
  }
  if (!firstName || !lastName || firstName.length > MAX_NAME || lastName.length > MAX_NAME) {
    return icError(400, 'InvalidRequest', `FirstName and LastName must be 1 to ${MAX_NAME} characters.`);
  }
  if (findAccount(db, accountNumber)) return icError(409, 'CustomerExists', 'A customer record already exists for that account.');
  const CustomerGuid = createCustomerWithAccount(db, { accountNumber, firstName, lastName, email: req.EmailAddress.trim() });
  return { status: 200, body: { CustomerGuid } };
};
