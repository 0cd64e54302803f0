/**
 * Guest look-up (seed: One Time Payment). The account number and the
 * customer's name must both match; a wrong pair answers exactly like an
 * unknown account, so the endpoint cannot be used to probe for accounts.
 */
import { toDollars } from '../payment-rules.ts';
import { accountInvoices, balanceCents, findAccount } from '../store.ts';
import { accountNotFound, nameMatches } from './access.ts';
import type { Handler } from './types.ts';
import { toIcInvoice } from './wire.ts';

export const lookupAccount: Handler<'LookupAccount'> = (req, { db }) => {
  const account = findAccount(db, req.AccountNumber.trim());
  if (!account || !nameMatches(account, req.CustomerName)) return accountNotFound();
  return {
    status: 200,
    body: {
      AccountNumber: account.accountNumber,
      CustomerName: `${account.firstName} ${account.lastName}`,
      BalanceDue: toDollars(balanceCents(db, account.accountNumber)),
      Invoices: accountInvoices(db, account.accountNumber).map(toIcInvoice),
    },
  };
};
