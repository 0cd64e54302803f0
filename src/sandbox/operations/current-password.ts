/**
 * The rule Update Password and Update Email share (seed: Update Email and
 * Password). With CurrentPassword, it must match the stored one — a login
 * without a password never matches. Without it, the biller vouches for the
 * change, after the user approved it by email.
 */
import { verifyPassword } from '../credentials.ts';
import { findLoginByGuid, type LoginRow } from '../logins.ts';
import type { Db } from '../db.ts';
import { icError, type ErrorStatus, type IcError } from './types.ts';

export function authorizeChange(
  db: Db,
  loginGuid: string,
  currentPassword: string | undefined,
): { login: LoginRow } | { status: ErrorStatus; body: IcError } {
  const login = findLoginByGuid(db, loginGuid);
  if (!login) return icError(404, 'LoginNotFound', 'No login has that LoginGuid.');
  if (currentPassword !== undefined && !verifyPassword(currentPassword, login.passwordHash)) {
    return icError(409, 'CurrentPasswordMismatch', 'The current password does not match.');
  }
  return { login };
}
