/**
 * Invoice Pay without saved Payment Method (seed: One Time Payment, and a
 * registered user paying with a new method). Declines are a 200 answer with
 * Status 'Declined', as InvoiceCloud reports them; both outcomes are stored.
 */
import { evaluateMethod, isRejection } from '../payment-rules.ts';
import { payableInvoice, recordPayment } from './settle.ts';
import { icError, type Handler } from './types.ts';
import { toIcPayment } from './wire.ts';

export const invoicePayWithoutSavedMethod: Handler<'InvoicePayWithoutSavedMethod'> = (req, { db, now, visibleAfterMs }) => {
  const payable = payableInvoice(db, req);
  if (!('invoice' in payable)) return payable;
  const at = now();
  const outcome = evaluateMethod(req.PaymentMethod, at);
  if (isRejection(outcome)) return icError(400, outcome.errorCode, outcome.message);
  const payment = recordPayment(db, {
    ...payable,
    referenceId: req.ReferenceId,
    method: { ...outcome, paymentMethodId: null },
    at,
    visibleAfterMs,
  });
  return { status: 200, body: toIcPayment(payment) };
};
