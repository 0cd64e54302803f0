/**
 * Remote Authentication: the token the broker keeps in its session to open
 * CloudSSO pages as this user (DESIGN.md "Who is the user"). Only its hash is
 * stored. The login must be one that sees the account, or there is no user;
 * on a shared account (100200306) each of its logins may.
 */
import { REMOTE_TOKEN_SECONDS, issueRemoteToken } from '../cloudsso/state.ts';
import { findLoginByUsername } from '../logins.ts';
import { findAccount, loginSeesAccount } from '../store.ts';
import { icError, type Handler } from './types.ts';

export const remoteAuthentication: Handler<'RemoteAuthentication'> = (req, { db, now }) => {
  const login = findLoginByUsername(db, req.Username);
  const account = findAccount(db, req.AccountNumber.trim());
  if (!login || !account || !loginSeesAccount(db, login.loginGuid, account.accountNumber)) {
    return icError(404, 'UserNotFound', 'No login with that username can see that account.');
  }
  const token = issueRemoteToken(db, { loginGuid: login.loginGuid, accountNumber: account.accountNumber }, now());
  return { status: 200, body: { RemoteAuthenticationToken: token, ExpiresInSeconds: REMOTE_TOKEN_SECONDS } };
};
