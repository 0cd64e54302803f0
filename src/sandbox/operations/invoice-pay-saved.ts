/**
 * Invoice Pay with Saved Payment Method (seed: Registered User Payment). The
 * account must be one the login sees and the method the login's own; then the
 * same invoice rules as any payment (settle.ts).
 *
 * A saved method is always approved: its number is not kept, so there is
 * nothing to match against the declining test cards — and those cannot be
 * saved in the first place (StorePaymentMethod verifies a card and refuses
 * them). A saved card past its expiry is refused like a new one.
 */
import { expiryValid } from '../../shared/validators.ts';
import { accountOfLogin, methodOfLogin } from './access.ts';
import { payableInvoice, recordPayment } from './settle.ts';
import { icError, type Handler } from './types.ts';
import { toIcPayment } from './wire.ts';

export const invoicePayWithSavedMethod: Handler<'InvoicePayWithSavedMethod'> = (req, { db, now, visibleAfterMs }) => {
  const owned = accountOfLogin(db, req.LoginGuid, req.AccountNumber);
  if (!('account' in owned)) return owned;
  const saved = methodOfLogin(db, req.LoginGuid, req.PaymentMethodId);
  if (!('method' in saved)) return saved;
  const payable = payableInvoice(db, { ...req, AccountNumber: owned.account.accountNumber });
  if (!('invoice' in payable)) return payable;

  const at = now();
  const { method } = saved;
  if (method.kind === 'card' && !expiryValid(method.expMonth ?? 0, method.expYear ?? 0, at)) {
    return icError(400, 'CardExpired', 'The saved card has expired; update its expiration date.');
  }
  const payment = recordPayment(db, {
    ...payable,
    referenceId: req.ReferenceId,
    method: { kind: method.kind, brand: method.brand, last4: method.last4, declineCode: null, paymentMethodId: method.id },
    at,
    visibleAfterMs,
  });
  return { status: 200, body: toIcPayment(payment) };
};
