/**
 * What every Invoice Pay shares, with or without a saved method: the invoice
 * must be the account's and still owe money, the amount whole cents; an
 * approved payment lowers what the invoice owes in the same transaction that
 * records it. Declines are recorded too (a 200 answer with Status Declined).
 */
import type { Db } from '../db.ts';
import { newConfirmationNumber, newPaymentId, toCents } from '../payment-rules.ts';
import { applyPaymentToInvoice, findInvoice, insertPayment, type InvoiceRow, type PaymentRow } from '../store.ts';
import type { Refusal } from './access.ts';
import { icError } from './types.ts';

export function payableInvoice(
  db: Db,
  req: { AccountNumber: string; InvoiceNumber: string; Amount: number },
): { invoice: InvoiceRow; amountCents: number } | Refusal {
  const invoice = findInvoice(db, req.AccountNumber, req.InvoiceNumber);
  if (!invoice) return icError(404, 'InvoiceNotFound', 'No invoice matches that account and invoice number.');
  if (invoice.status === 'paid' || invoice.amountDueCents === 0) {
    return icError(409, 'InvoiceNotPayable', 'This invoice is already paid in full.');
  }
  const amountCents = toCents(req.Amount);
  if (amountCents === undefined || amountCents <= 0) {
    return icError(400, 'InvalidRequest', 'Amount must be a positive number of dollars with at most two decimals.');
  }
  return { invoice, amountCents };
}

/** What a payment was made with, as stored: never the number, only brand and last four. */
export interface PaidWith {
  kind: 'card' | 'ach';
  brand: string;
  last4: string;
  declineCode: string | null;
  paymentMethodId: string | null;
}

/**
 * `visibleAfterMs` (HandlerContext, from a visibleAfterMs fault; 0 otherwise):
 * the payment takes effect at once, but Retrieve Payments lists it only that
 * long after `at`.
 */
export function recordPayment(
  db: Db,
  p: { invoice: InvoiceRow; amountCents: number; referenceId: string; method: PaidWith; at: Date; visibleAfterMs: number },
): PaymentRow {
  const { method } = p;
  const payment: PaymentRow = {
    id: newPaymentId(),
    confirmationNumber: newConfirmationNumber(),
    referenceId: p.referenceId,
    accountNumber: p.invoice.accountNumber,
    invoiceNumber: p.invoice.invoiceNumber,
    amountCents: p.amountCents,
    status: method.declineCode === null ? 'approved' : 'declined',
    declineCode: method.declineCode,
    kind: method.kind,
    brand: method.brand,
    last4: method.last4,
    paymentMethodId: method.paymentMethodId,
    createdAt: p.at.toISOString(),
  };
  // One transaction: a payment is never recorded without its effect on the invoice, or vice versa.
  db.transaction(() => {
    insertPayment(db, payment, new Date(p.at.getTime() + p.visibleAfterMs));
    if (payment.status === 'approved') applyPaymentToInvoice(db, p.invoice.invoiceNumber, p.amountCents);
  })();
  return payment;
}
