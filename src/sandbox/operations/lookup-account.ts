/**
 * Guest look-up (seed: One Time Payment). The account number and the
 * customer's name must both match; a wrong pair answers exactly like an
 * unknown account, so the endpoint cannot be used to probe for accounts.
 */
import { accountInvoices, balanceCents, findAccount } from '../store.ts';
import { toDollars } from '../payment-rules.ts';
import { icError, type Handler } from './types.ts';

const NOT_FOUND = icError(404, 'AccountNotFound', 'No account matches that account number and name.');

/** Case-insensitive, trimmed, inner runs of spaces collapsed. */
function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export const lookupAccount: Handler<'LookupAccount'> = (req, { db }) => {
  const account = findAccount(db, req.AccountNumber.trim());
  if (!account) return NOT_FOUND;
  const given = normalize(req.CustomerName);
  const fullName = `${account.firstName} ${account.lastName}`;
  if (given !== normalize(account.lastName) && given !== normalize(fullName)) return NOT_FOUND;
  return {
    status: 200,
    body: {
      AccountNumber: account.accountNumber,
      CustomerName: fullName,
      BalanceDue: toDollars(balanceCents(db, account.accountNumber)),
      Invoices: accountInvoices(db, account.accountNumber).map((i) => ({
        InvoiceNumber: i.invoiceNumber,
        AmountDue: toDollars(i.amountDueCents),
        DueDate: i.dueDate,
        Status: i.status === 'paid' ? ('Paid' as const) : ('Open' as const),
      })),
    },
  };
};
