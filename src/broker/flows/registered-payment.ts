/**
 * Seed flow "Registered User Payment": bills and payment history of one of the
 * user's accounts, and Invoice Pay with a saved method (or a new one), exactly
 * once (see ../payments.ts).
 */
import type { BillPaymentRequest, BillsResponse } from '../../contract/self-service.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { payInvoiceOnce, type PaymentDeps, type PaymentOutcome } from '../payments.ts';

/** Bills and one page of payments, newest first; `before` continues after a payment id. */
export async function billsOf(ic: InvoiceCloud, accountNumber: string, page: { limit: number; before?: string }): Promise<BillsResponse> {
  // Independent reads: one round trip for both.
  const [bills, history] = await Promise.all([ic.retrieveInvoices(accountNumber), ic.retrievePayments(accountNumber)]);
  const start = page.before ? history.findIndex((p) => p.paymentId === page.before) + 1 : 0;
  const payments = history.slice(start, start + page.limit);
  const more = start + page.limit < history.length;
  return { bills, payments, ...(more && payments.length ? { nextCursor: payments.at(-1)!.paymentId } : {}) };
}

export function payBill(
  deps: PaymentDeps,
  a: { scope: string; key: string; loginGuid: string; accountNumber: string; request: BillPaymentRequest },
): Promise<PaymentOutcome> {
  const { request, accountNumber } = a;
  const common = { accountNumber, invoiceNumber: request.invoiceNumber, amountCents: request.amountCents, email: request.email };
  const method = request.method;
  return payInvoiceOnce(deps, {
    ...a,
    email: request.email,
    charge: (reference) =>
      method.kind === 'saved'
        ? deps.ic.payInvoiceWithSaved({ ...common, loginGuid: a.loginGuid, methodId: method.id, reference })
        : deps.ic.payInvoice({ ...common, method, reference }),
  });
}
