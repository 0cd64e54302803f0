/**
 * Payment history for an account, newest first; by ReferenceId it is how an
 * unknown outcome is reconciled. Only payments visible by now: under a
 * visibleAfterMs fault a payment already made is missing here for a while.
 */
import { findAccount, listPayments } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcPayment } from './wire.ts';

export const retrievePayments: Handler<'RetrievePayments'> = (req, { db, now }) => {
  if (!findAccount(db, req.AccountNumber)) {
    return icError(404, 'AccountNotFound', 'No account matches that account number.');
  }
  const rows = listPayments(db, { accountNumber: req.AccountNumber, referenceId: req.ReferenceId, visibleAsOf: now() });
  return { status: 200, body: { Payments: rows.map(toIcPayment) } };
};
