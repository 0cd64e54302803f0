import { sign, verify } from 'hono/jwt';
import { JwtTokenSignatureMismatched } from 'hono/utils/jwt/types';
import { randomUUID } from 'node:crypto';
import { BrokerError } from './errors.ts';
import type { Keyring, RingKey } from './keyring.ts';

/**
 * A guest may pay only an account it has just looked up with the right name:
 * the look-up answers a short-lived signed token naming the account, and a
 * payment must present it. The token carries nothing but the account number
 * and a random id: the id names the guest in limits and the audit trail, so
 * the token itself never has to be written anywhere.
 */
const TYP = 'ic-guest-lookup';

/** The look-up key as the JWT library takes it: text (its base64url form). */
const jwtKey = (k: RingKey) => k.key.toString('base64url');

export async function issueLookupToken(keyring: Keyring, accountNumber: string, nowMs: number, ttlSeconds: number) {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  const token = await sign({ sub: accountNumber, typ: TYP, exp, jti: randomUUID() }, jwtKey(keyring.current('lookup-token')), 'HS256');
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The account number a valid token names, and the token's id; a missing, forged or expired token is a 401. */
export async function verifyLookupToken(
  keyring: Keyring,
  authorization: string | undefined,
): Promise<{ accountNumber: string; tokenId: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) {
    throw new BrokerError('unauthorized', 401, 'Look up the account first: this request needs its look-up token as a Bearer token.');
  }
  // Made before a rotation, a token is signed with an older key of the ring: each is tried, newest first.
  for (const key of keyring.all('lookup-token')) {
    try {
      const payload = await verify(token, jwtKey(key), 'HS256');
      if (payload.typ !== TYP || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') break;
      return { accountNumber: payload.sub, tokenId: payload.jti };
    } catch (e) {
      // Signed with this key but expired: no other key will make it valid.
      if (!(e instanceof JwtTokenSignatureMismatched)) break;
    }
  }
  throw new BrokerError('lookup_expired', 401, 'Your session to pay this bill has expired. Please look up your account again.');
}
