/**
 * Seed flow "One Time Payment": a guest finds the bill by account number and
 * name, pays it without a saved method (exactly once, see ../payments.ts),
 * and gets a receipt.
 */
import type { GuestPaymentRequest } from '../../contract/guest.ts';
import type { InvoiceCloud } from '../../invoicecloud/api.ts';
import { BrokerError } from '../errors.ts';
import { methodFacts, payInvoiceOnce, type PaymentDeps, type PaymentOutcome } from '../payments.ts';

/** Step one of the flow: the account and its open bills, when number and name match. */
export async function findBill(ic: InvoiceCloud, accountNumber: string, name: string) {
  const account = await ic.lookupAccount(accountNumber, name);
  // An unknown account and a wrong name get the same answer, so neither can be probed.
  if (!account) throw new BrokerError('account_not_found', 404, 'We could not find an account with that account number and last name.');
  return account;
}

/** Step two: Invoice Pay without a saved payment method. */
export function payAsGuest(
  deps: PaymentDeps,
  a: { scope: string; key: string; actor: string; requestId: string; accountNumber: string; request: GuestPaymentRequest },
): Promise<PaymentOutcome> {
  const { request } = a;
  const { method, expiry } = methodFacts(request.method);
  return payInvoiceOnce(deps, {
    facts: {
      scope: a.scope,
      key: a.key,
      actor: a.actor,
      requestId: a.requestId,
      accountNumber: a.accountNumber,
      invoiceNumber: request.invoiceNumber,
      amountCents: request.amountCents,
      method,
      ...(request.email ? { email: request.email, notifyEmail: request.email } : {}),
    },
    expiry,
    charge: (reference) =>
      deps.ic.payInvoice({
        accountNumber: a.accountNumber,
        invoiceNumber: request.invoiceNumber,
        amountCents: request.amountCents,
        method: request.method,
        email: request.email,
        reference,
      }),
  });
}
