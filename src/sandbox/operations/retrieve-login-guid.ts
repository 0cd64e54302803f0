/** Retrieve LoginGUID: the login behind a username (case-insensitive, as usernames are email addresses). */
import { findLoginByUsername } from '../logins.ts';
import { icError, type Handler } from './types.ts';

export const retrieveLoginGuid: Handler<'RetrieveLoginGuid'> = (req, { db }) => {
  const login = findLoginByUsername(db, req.Username);
  if (!login) return icError(404, 'UserNotFound', 'No login has that username.');
  return { status: 200, body: { LoginGuid: login.loginGuid } };
};
