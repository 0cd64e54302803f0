/**
 * Update AutoPay (seed: AutoPay). Enabling needs a saved method: the one
 * named, or else the login's default (the seed: "AutoPay uses the default");
 * a login with none gets 409 NoPaymentMethod, and the broker stores one first.
 * Disabling clears the method, so AutoPay is on exactly when one is set.
 */
import { paymentMethodsOfLogin } from '../store.ts';
import { setAutoPay } from '../wallet.ts';
import { accountOfLogin, methodOfLogin } from './access.ts';
import { icError, type Handler } from './types.ts';

export const updateAutoPay: Handler<'UpdateAutoPay'> = (req, { db }) => {
  const owned = accountOfLogin(db, req.LoginGuid, req.AccountNumber);
  if (!('account' in owned)) return owned;
  const { accountNumber } = owned.account;
  if (!req.Enabled) {
    // A PaymentMethodId sent with Enabled false is ignored: there is nothing for it to do.
    setAutoPay(db, accountNumber, null);
    return { status: 200, body: { AccountNumber: accountNumber, AutoPay: false, PaymentMethodId: null } };
  }
  const methods = paymentMethodsOfLogin(db, owned.login.loginGuid);
  // wallet.ts keeps exactly one default; the newest is only a guard against a broken invariant.
  const fallback = methods.find((m) => m.isDefault) ?? methods.at(-1);
  if (!fallback) return icError(409, 'NoPaymentMethod', 'Store a payment method before turning AutoPay on.');
  let methodId = fallback.id;
  if (req.PaymentMethodId !== undefined) {
    const chosen = methodOfLogin(db, req.LoginGuid, req.PaymentMethodId);
    if (!('method' in chosen)) return chosen;
    methodId = chosen.method.id;
  }
  setAutoPay(db, accountNumber, methodId);
  return { status: 200, body: { AccountNumber: accountNumber, AutoPay: true, PaymentMethodId: methodId } };
};
