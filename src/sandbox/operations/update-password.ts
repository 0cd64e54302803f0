/**
 * Update Password. The new password is kept only as a scrypt hash. scryptSync
 * blocks for tens of milliseconds; that is acceptable in a test stand-in and
 * keeps check-then-change atomic, as handlers are synchronous.
 */
import { hashPassword } from '../credentials.ts';
import { setPasswordHash } from '../logins.ts';
import { authorizeChange } from './current-password.ts';
import type { Handler } from './types.ts';

export const updatePassword: Handler<'UpdatePassword'> = (req, { db }) => {
  const auth = authorizeChange(db, req.LoginGuid, req.CurrentPassword);
  if (!('login' in auth)) return auth;
  setPasswordHash(db, auth.login.loginGuid, hashPassword(req.NewPassword));
  return { status: 200, body: { Updated: true } };
};
