/**
 * Who may act on what. Every self-service operation names a login; any
 * account or saved method it names must be that login's. Anything else gets
 * the same 404 as something that does not exist, so no operation tells one
 * login about another's accounts or wallet.
 */
import type { Db } from '../db.ts';
import { findLoginByGuid, type LoginRow } from '../logins.ts';
import { findAccount, findMethodOfLogin, loginSeesAccount, type AccountRow, type PaymentMethodRow } from '../store.ts';
import { icError, type ErrorStatus, type IcError } from './types.ts';

export type Refusal = { status: ErrorStatus; body: IcError };

export const loginNotFound = (): Refusal => icError(404, 'LoginNotFound', 'No login has that LoginGuid.');
export const accountNotFound = (): Refusal => icError(404, 'AccountNotFound', 'No account matches that account number and name.');
const notTheLogins = (): Refusal => icError(404, 'AccountNotFound', 'That login has no such account.');
const methodNotFound = (): Refusal => icError(404, 'PaymentMethodNotFound', 'That login has no such saved payment method.');

/** Case-insensitive, trimmed, inner runs of spaces collapsed. */
function normalize(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The guest look-up's rule (FIXTURES.md): the customer's last name, or the full name. */
export function nameMatches(account: AccountRow, given: string): boolean {
  const name = normalize(given);
  return name === normalize(account.lastName) || name === normalize(`${account.firstName} ${account.lastName}`);
}

export function loginOf(db: Db, loginGuid: string): { login: LoginRow } | Refusal {
  const login = findLoginByGuid(db, loginGuid);
  return login ? { login } : loginNotFound();
}

/** The account, only if this login sees it (registered or linked under it, alone or shared with another login). */
export function accountOfLogin(db: Db, loginGuid: string, accountNumber: string): { login: LoginRow; account: AccountRow } | Refusal {
  const found = loginOf(db, loginGuid);
  if (!('login' in found)) return found;
  const account = findAccount(db, accountNumber.trim());
  if (!account || !loginSeesAccount(db, found.login.loginGuid, account.accountNumber)) return notTheLogins();
  return { login: found.login, account };
}

/** The saved method, only if it is this login's. */
export function methodOfLogin(db: Db, loginGuid: string, id: string): { login: LoginRow; method: PaymentMethodRow } | Refusal {
  const found = loginOf(db, loginGuid);
  if (!('login' in found)) return found;
  const method = findMethodOfLogin(db, found.login.loginGuid, id);
  return method ? { login: found.login, method } : methodNotFound();
}
