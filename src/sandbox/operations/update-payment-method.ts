/**
 * Manage Saved Payments — update: a card's expiry (a new card with the same
 * number, as issuers send), the nickname (null or blank clears it), and which
 * method is the default. Everything is checked before anything changes.
 */
import { expiryValid } from '../../shared/validators.ts';
import { makeDefault, setExpiry, setNickname } from '../wallet.ts';
import { methodOfLogin } from './access.ts';
import { cleanNickname } from './nickname.ts';
import { icError, type Handler } from './types.ts';
import { toIcSavedMethod } from './wire.ts';

export const updatePaymentMethod: Handler<'UpdatePaymentMethod'> = (req, { db, now }) => {
  const found = methodOfLogin(db, req.LoginGuid, req.PaymentMethodId);
  if (!('method' in found)) return found;
  const updated = { ...found.method };

  if (req.ExpirationMonth !== undefined || req.ExpirationYear !== undefined) {
    if (updated.kind !== 'card') return icError(400, 'InvalidRequest', 'Only a card has an expiration date.');
    // One half may come alone: the other keeps its stored value.
    const month = req.ExpirationMonth ?? updated.expMonth ?? 0;
    const year = req.ExpirationYear ?? updated.expYear ?? 0;
    if (!expiryValid(month, year, now())) {
      return icError(400, 'CardExpired', 'The expiration date must be this month or later (and within 20 years).');
    }
    updated.expMonth = month;
    updated.expYear = year;
  }
  if (req.Nickname !== undefined) updated.nickname = cleanNickname(req.Nickname);
  if (req.MakeDefault) updated.isDefault = true;

  db.transaction(() => {
    if (updated.kind === 'card' && updated.expMonth !== null && updated.expYear !== null) {
      setExpiry(db, updated.id, updated.expMonth, updated.expYear);
    }
    setNickname(db, updated.id, updated.nickname);
    if (req.MakeDefault) makeDefault(db, updated.loginGuid, updated.id);
  })();
  return { status: 200, body: toIcSavedMethod(updated) };
};
