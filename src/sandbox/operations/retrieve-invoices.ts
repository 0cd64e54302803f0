/**
 * Bills and payment history (seed: Registered User Payment): every invoice of
 * the account, open and paid, newest due date first. Like RetrievePayments it
 * names no login — the broker asks only for accounts its session holds.
 */
import { findAccount, invoiceHistory } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcInvoice } from './wire.ts';

export const retrieveInvoices: Handler<'RetrieveInvoices'> = (req, { db }) => {
  const account = findAccount(db, req.AccountNumber.trim());
  if (!account) return icError(404, 'AccountNotFound', 'No account matches that account number.');
  return { status: 200, body: { Invoices: invoiceHistory(db, account.accountNumber).map(toIcInvoice) } };
};
