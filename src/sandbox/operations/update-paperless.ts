/** Update Paperless (seed: Paperless): on or off for one account the login sees. */
import { setPaperless } from '../store.ts';
import { accountOfLogin } from './access.ts';
import type { Handler } from './types.ts';

export const updatePaperless: Handler<'UpdatePaperless'> = (req, { db }) => {
  const owned = accountOfLogin(db, req.LoginGuid, req.AccountNumber);
  if (!('account' in owned)) return owned;
  setPaperless(db, owned.account.accountNumber, req.Enabled);
  return { status: 200, body: { AccountNumber: owned.account.accountNumber, Paperless: req.Enabled } };
};
