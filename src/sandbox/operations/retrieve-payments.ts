/** Payment history for an account, newest first; by ReferenceId it is how an unknown outcome is reconciled. */
import { findAccount, listPayments } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcPayment } from './wire.ts';

export const retrievePayments: Handler<'RetrievePayments'> = (req, { db }) => {
  if (!findAccount(db, req.AccountNumber)) {
    return icError(404, 'AccountNotFound', 'No account matches that account number.');
  }
  const rows = listPayments(db, { accountNumber: req.AccountNumber, referenceId: req.ReferenceId });
  return { status: 200, body: { Payments: rows.map(toIcPayment) } };
};
