/**
 * The account a call concerns, for the call log (FIXTURES.md: each entry
 * names "the account it concerned"). Read from the raw input before it is
 * validated — an invalid or unauthorized call is logged too — so every field
 * is checked for type here. Calls that name no account directly are traced
 * through what they do name: a CustomerGuid, a LoginGuid or Username (the
 * login's first account), a Remote Authentication Token (its account).
 */
import { findRemoteToken } from './cloudsso/state.ts';
import type { Db } from './db.ts';
import { findLoginByUsername, loginAccountNumbers } from './logins.ts';
import { findAccountByCustomerGuid } from './store.ts';

const PLAUSIBLE_ACCOUNT = /^[0-9A-Za-z-]{1,32}$/;
// Look-ups by anything longer are not worth a query: no stored key is that long.
const MAX_KEY = 256;

function field(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= MAX_KEY ? trimmed : undefined;
}

function plausible(value: string | undefined): string | undefined {
  return value !== undefined && PLAUSIBLE_ACCOUNT.test(value) ? value : undefined;
}

export function callAccount(db: Db, input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const fields = input as Record<string, unknown>;

  const direct = plausible(field(fields, 'AccountNumber'));
  if (direct) return direct;
  const list = fields['AccountNumbers'];
  if (Array.isArray(list)) return plausible(typeof list[0] === 'string' ? list[0].trim() : undefined);

  const customerGuid = field(fields, 'CustomerGuid');
  if (customerGuid) return findAccountByCustomerGuid(db, customerGuid)?.accountNumber;
  const loginGuid = field(fields, 'LoginGuid');
  if (loginGuid) return loginAccountNumbers(db, loginGuid)[0];
  const token = field(fields, 'RemoteAuthenticationToken');
  // An expired token still says which account the caller meant.
  if (token) return findRemoteToken(db, token)?.accountNumber;
  const username = field(fields, 'Username');
  if (username) {
    const login = findLoginByUsername(db, username);
    return login ? loginAccountNumbers(db, login.loginGuid)[0] : undefined;
  }
  return undefined;
}
