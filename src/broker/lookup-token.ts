import { sign, verify } from 'hono/jwt';
import { randomUUID } from 'node:crypto';
import { BrokerError } from './errors.ts';

/**
 * A guest may pay only an account it has just looked up with the right name:
 * the look-up answers a short-lived signed token naming the account, and a
 * payment must present it. The token carries nothing but the account number
 * and a random id: the id names the guest in limits and the audit trail, so
 * the token itself never has to be written anywhere.
 */
const TYP = 'ic-guest-lookup';

export async function issueLookupToken(secret: string, accountNumber: string, nowMs: number, ttlSeconds: number) {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  const token = await sign({ sub: accountNumber, typ: TYP, exp, jti: randomUUID() }, secret, 'HS256');
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The account number a valid token names, and the token's id; a missing, forged or expired token is a 401. */
export async function verifyLookupToken(secret: string, authorization: string | undefined): Promise<{ accountNumber: string; tokenId: string }> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) {
    throw new BrokerError('unauthorized', 401, 'Look up the account first: this request needs its look-up token as a Bearer token.');
  }
  try {
    const payload = await verify(token, secret, 'HS256');
    if (payload.typ !== TYP || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') throw new Error('wrong token type');
    return { accountNumber: payload.sub, tokenId: payload.jti };
  } catch {
    throw new BrokerError('lookup_expired', 401, 'Your session to pay this bill has expired. Please look up your account again.');
  }
}
