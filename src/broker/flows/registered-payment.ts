/**
 * Seed flow "Registered User Payment": bills and payment history of one of the
 * user's accounts, and Invoice Pay with a saved method (or a new one), exactly
 * once (see ../payments.ts).
 */
import type { BillPaymentRequest, BillsResponse, SavedMethod } from '../../contract/self-service.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import type { PaymentLedger } from '../ledger.ts';
import { methodFacts, payInvoiceOnce, withPendingPayments, type PaymentDeps, type PaymentOutcome } from '../payments.ts';

/**
 * Bills and one page of payments, newest first; `before` continues after a
 * payment id. A bill with a payment awaiting confirmation says since when.
 */
export async function billsOf(
  ic: InvoiceCloud,
  ledger: PaymentLedger,
  accountNumber: string,
  page: { limit: number; before?: string },
): Promise<BillsResponse> {
  // Independent reads: one round trip for both.
  const [bills, history] = await Promise.all([ic.retrieveInvoices(accountNumber), ic.retrievePayments(accountNumber)]);
  const start = page.before ? history.findIndex((p) => p.paymentId === page.before) + 1 : 0;
  const payments = history.slice(start, start + page.limit);
  const more = start + page.limit < history.length;
  return {
    bills: await withPendingPayments(ledger, accountNumber, bills),
    payments,
    ...(more && payments.length ? { nextCursor: payments.at(-1)!.paymentId } : {}),
  };
}

export function payBill(
  deps: PaymentDeps,
  a: {
    scope: string;
    key: string;
    actor: string;
    requestId: string;
    loginGuid: string;
    accountNumber: string;
    /** The saved method a `saved` request names (the route checked it is the user's). */
    saved: SavedMethod | undefined;
    /** The user's email: where the outcome goes when they have left, unless the request names another address. */
    userEmail: string;
    request: BillPaymentRequest;
  },
): Promise<PaymentOutcome> {
  const { request, accountNumber } = a;
  const common = { accountNumber, invoiceNumber: request.invoiceNumber, amountCents: request.amountCents, email: request.email };
  const method = request.method;
  const { method: summary, expiry } =
    method.kind === 'saved'
      ? {
          method: { kind: a.saved!.kind, brand: a.saved!.brand, last4: a.saved!.last4 },
          expiry: { expMonth: a.saved!.expMonth, expYear: a.saved!.expYear },
        }
      : methodFacts(method);
  return payInvoiceOnce(deps, {
    facts: {
      scope: a.scope,
      key: a.key,
      actor: a.actor,
      requestId: a.requestId,
      accountNumber,
      invoiceNumber: request.invoiceNumber,
      amountCents: request.amountCents,
      method: summary,
      ...(request.email ? { email: request.email } : {}),
      notifyEmail: request.email ?? a.userEmail,
    },
    expiry,
    charge: (reference) =>
      method.kind === 'saved'
        ? deps.ic.payInvoiceWithSaved({ ...common, loginGuid: a.loginGuid, methodId: method.id, reference })
        : deps.ic.payInvoice({ ...common, method, reference }),
  });
}
