/**
 * Invoice Pay without saved Payment Method (seed: One Time Payment, and a
 * registered user paying with a new method). Declines are a 200 answer with
 * Status 'Declined', as InvoiceCloud reports them; both outcomes are stored.
 */
import {
  evaluateMethod,
  isRejection,
  newConfirmationNumber,
  newPaymentId,
  toCents,
} from '../payment-rules.ts';
import { applyPaymentToInvoice, findInvoice, insertPayment, type PaymentRow } from '../store.ts';
import { icError, type Handler } from './types.ts';
import { toIcPayment } from './wire.ts';

export const invoicePayWithoutSavedMethod: Handler<'InvoicePayWithoutSavedMethod'> = (req, { db, now }) => {
  const invoice = findInvoice(db, req.AccountNumber, req.InvoiceNumber);
  if (!invoice) return icError(404, 'InvoiceNotFound', 'No invoice matches that account and invoice number.');
  if (invoice.status === 'paid' || invoice.amountDueCents === 0) {
    return icError(409, 'InvoiceNotPayable', 'This invoice is already paid in full.');
  }
  const amountCents = toCents(req.Amount);
  if (amountCents === undefined || amountCents <= 0) {
    return icError(400, 'InvalidRequest', 'Amount must be a positive number of dollars with at most two decimals.');
  }
  const at = now();
  const outcome = evaluateMethod(req.PaymentMethod, at);
  if (isRejection(outcome)) return icError(400, outcome.errorCode, outcome.message);

  const payment: PaymentRow = {
    id: newPaymentId(),
    confirmationNumber: newConfirmationNumber(),
    referenceId: req.ReferenceId,
    accountNumber: invoice.accountNumber,
    invoiceNumber: invoice.invoiceNumber,
    amountCents,
    status: outcome.declineCode === null ? 'approved' : 'declined',
    declineCode: outcome.declineCode,
    kind: outcome.kind,
    brand: outcome.brand,
    last4: outcome.last4,
    paymentMethodId: null,
    createdAt: at.toISOString(),
  };
  // One transaction: a payment is never recorded without its effect on the invoice, or vice versa.
  db.transaction(() => {
    insertPayment(db, payment);
    if (payment.status === 'approved') applyPaymentToInvoice(db, invoice.invoiceNumber, amountCents);
  })();
  return { status: 200, body: toIcPayment(payment) };
};
