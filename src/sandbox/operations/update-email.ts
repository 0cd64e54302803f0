/**
 * Update Email Address: the login's email, its username when that was the
 * email (every login created here keeps Username == email), and the email on
 * the customer records behind the login.
 */
import { changeLoginEmail, findLoginByUsername } from '../logins.ts';
import { authorizeChange } from './current-password.ts';
import { icError, type Handler } from './types.ts';

export const updateEmail: Handler<'UpdateEmail'> = (req, { db }) => {
  const auth = authorizeChange(db, req.LoginGuid, req.CurrentPassword);
  if (!('login' in auth)) return auth;
  const { login } = auth;
  const newEmail = req.NewEmailAddress.trim();
  const usernameFollows = login.username.toLowerCase() === login.email.toLowerCase();
  const holder = usernameFollows ? findLoginByUsername(db, newEmail) : undefined;
  if (holder && holder.loginGuid !== login.loginGuid) {
    return icError(409, 'UsernameTaken', 'Another login already uses that email address as its username.');
  }
  changeLoginEmail(db, login, newEmail);
  return { status: 200, body: { Updated: true } };
};
