/**
 * Store User Credit or ACH Banking (seed: AutoPay, Manage Payment Methods).
 * The method is checked by the same rules as a payment (Luhn, security code,
 * expiry, ABA checksum → 400), then verified as a processor would before
 * keeping it: the declining test cards and bank accounts of FIXTURES.md are
 * refused with 402 and their decline code. Only brand, last four and expiry
 * are kept. The login's first method becomes its default; MakeDefault moves it.
 */
import { evaluateMethod, isRejection, newPaymentMethodId } from '../payment-rules.ts';
import { insertMethod } from '../wallet.ts';
import { loginOf } from './access.ts';
import { cleanNickname } from './nickname.ts';
import { icError, type Handler } from './types.ts';
import { toIcSavedMethod } from './wire.ts';

const DECLINE_MESSAGES: Readonly<Record<string, string>> = {
  card_declined: 'The card issuer declined to verify this card.',
  insufficient_funds: 'The card issuer declined to verify this card: insufficient funds.',
  account_closed: 'The bank reports this account as closed.',
};

export const storePaymentMethod: Handler<'StorePaymentMethod'> = (req, { db, now }) => {
  const found = loginOf(db, req.LoginGuid);
  if (!('login' in found)) return found;
  const outcome = evaluateMethod(req.PaymentMethod, now());
  if (isRejection(outcome)) return icError(400, outcome.errorCode, outcome.message);
  if (outcome.declineCode !== null) {
    return icError(402, outcome.declineCode, DECLINE_MESSAGES[outcome.declineCode] ?? 'The payment method could not be verified.');
  }
  const card = req.PaymentMethod.PaymentType === 'CreditCard' ? req.PaymentMethod : undefined;
  const stored = insertMethod(
    db,
    {
      id: newPaymentMethodId(),
      loginGuid: found.login.loginGuid,
      kind: outcome.kind,
      brand: outcome.brand,
      last4: outcome.last4,
      expMonth: card?.ExpirationMonth ?? null,
      expYear: card?.ExpirationYear ?? null,
      nickname: cleanNickname(req.Nickname),
    },
    req.MakeDefault === true,
  );
  return { status: 200, body: toIcSavedMethod(stored) };
};
