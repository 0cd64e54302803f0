/**
 * Retrieve User Accounts (seed: User Access, "sync all accounts"): every
 * account registered or linked under the login, each with its AutoPay method
 * and the account it is linked under, and the login's saved methods — one
 * call gives the self-service elements everything they show.
 */
import { accountsOfLogin, paymentMethodsOfLogin } from '../store.ts';
import { loginOf } from './access.ts';
import type { Handler } from './types.ts';
import { toIcSavedMethod, toIcUserAccount } from './wire.ts';

export const retrieveUserAccounts: Handler<'RetrieveUserAccounts'> = (req, { db }) => {
  const found = loginOf(db, req.LoginGuid);
  if (!('login' in found)) return found;
  const { loginGuid } = found.login;
  return {
    status: 200,
    body: {
      Accounts: accountsOfLogin(db, loginGuid).map((a) => toIcUserAccount(db, a)),
      PaymentMethods: paymentMethodsOfLogin(db, loginGuid).map(toIcSavedMethod),
    },
  };
};
