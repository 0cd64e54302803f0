/**
 * Manage Saved Payments — remove. Our documented policy: a method any
 * account's AutoPay draws on is refused with 409 MethodInUseByAutoPay and
 * nothing changes; the user first moves or turns off that AutoPay. Removing
 * the default makes the newest remaining method the default (wallet.ts).
 */
import { autoPayUsers, removeMethod } from '../wallet.ts';
import { methodOfLogin } from './access.ts';
import { icError, type Handler } from './types.ts';

export const removePaymentMethod: Handler<'RemovePaymentMethod'> = (req, { db }) => {
  const found = methodOfLogin(db, req.LoginGuid, req.PaymentMethodId);
  if (!('method' in found)) return found;
  if (autoPayUsers(db, found.method.id).length > 0) {
    return icError(409, 'MethodInUseByAutoPay', 'AutoPay uses this payment method; choose another one for AutoPay or turn it off first.');
  }
  removeMethod(db, found.login.loginGuid, found.method.id);
  return { status: 200, body: { Removed: true } };
};
