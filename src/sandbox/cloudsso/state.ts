/**
 * The three bearer secrets of CloudSSO, each stored only as a hash:
 * - the Remote Authentication Token (30 min): the biller's session with us;
 * - the CloudSSO code (60 s, single use): the one-time frame URL;
 * - the page token (30 min): what the opened page's script sends back to
 *   change state. Third-party frames get no cookies, so it rides in the page.
 */
import type { Db } from '../db.ts';
import { newSecret, secretHash } from '../credentials.ts';

export const REMOTE_TOKEN_SECONDS = 1800;
export const SSO_CODE_SECONDS = 60;
export const PAGE_TOKEN_SECONDS = 1800;
/** Spent codes are kept a day, so a reload still finds the parent to tell the link expired. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

/** RedirectId → page. 11 is the seed's "Customer Portal Pay By Text Enrollment". */
export const REDIRECTS: ReadonlyMap<number, SsoPage> = new Map([
  [1, 'dashboard'],
  [11, 'pay-by-text'],
]);
export type SsoPage = 'dashboard' | 'pay-by-text';

/** Who a secret speaks for. */
export interface Grant {
  loginGuid: string;
  accountNumber: string;
}

export interface PageGrant extends Grant {
  page: SsoPage;
  parentOrigin: string;
}

export type CodeResult = { status: 'ok'; grant: PageGrant } | { status: 'expired'; parentOrigin: string } | { status: 'unknown' };

function purge(db: Db, nowMs: number): void {
  const before = nowMs - KEEP_EXPIRED_MS;
  db.prepare('DELETE FROM remote_tokens WHERE expires_at < ?').run(before);
  db.prepare('DELETE FROM sso_codes WHERE expires_at < ?').run(before);
  db.prepare('DELETE FROM sso_pages WHERE expires_at < ?').run(before);
}

export function issueRemoteToken(db: Db, grant: Grant, now: Date): string {
  purge(db, now.getTime());
  const token = newSecret();
  db.prepare('INSERT INTO remote_tokens (token_hash, login_guid, account_number, expires_at) VALUES (?, ?, ?, ?)').run(
    secretHash(token),
    grant.loginGuid,
    grant.accountNumber,
    now.getTime() + REMOTE_TOKEN_SECONDS * 1000,
  );
  return token;
}

/** A live token's grant; `now` undefined = ignore expiry (the call log still names the account). */
export function findRemoteToken(db: Db, token: string, now?: Date): Grant | undefined {
  return db
    .prepare(
      `SELECT login_guid AS loginGuid, account_number AS accountNumber FROM remote_tokens
        WHERE token_hash = ? AND expires_at > ?`,
    )
    .get(secretHash(token), now ? now.getTime() : Number.MIN_SAFE_INTEGER) as Grant | undefined;
}

export function issueSsoCode(db: Db, grant: PageGrant, now: Date): string {
  const code = newSecret();
  db.prepare(
    `INSERT INTO sso_codes (code_hash, login_guid, account_number, page, parent_origin, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(secretHash(code), grant.loginGuid, grant.accountNumber, grant.page, grant.parentOrigin, now.getTime() + SSO_CODE_SECONDS * 1000);
  return code;
}

/** Spends a code: the first use within 60 s gets the grant, any other use learns only where to say "expired". */
export function consumeSsoCode(db: Db, code: string, now: Date): CodeResult {
  const hash = secretHash(code);
  // One conditional UPDATE: two simultaneous GETs cannot both win.
  const won = db.prepare('UPDATE sso_codes SET used = 1 WHERE code_hash = ? AND used = 0 AND expires_at > ?').run(hash, now.getTime());
  const row = db
    .prepare(
      `SELECT login_guid AS loginGuid, account_number AS accountNumber, page, parent_origin AS parentOrigin
         FROM sso_codes WHERE code_hash = ?`,
    )
    .get(hash) as PageGrant | undefined;
  if (!row) return { status: 'unknown' };
  if (won.changes !== 1) return { status: 'expired', parentOrigin: row.parentOrigin };
  return { status: 'ok', grant: row };
}

export function issuePageToken(db: Db, grant: PageGrant, now: Date): string {
  const token = newSecret();
  db.prepare(
    `INSERT INTO sso_pages (token_hash, login_guid, account_number, page, parent_origin, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(secretHash(token), grant.loginGuid, grant.accountNumber, grant.page, grant.parentOrigin, now.getTime() + PAGE_TOKEN_SECONDS * 1000);
  return token;
}

export function findPageToken(db: Db, token: string, now: Date): PageGrant | undefined {
  return db
    .prepare(
      `SELECT login_guid AS loginGuid, account_number AS accountNumber, page, parent_origin AS parentOrigin
         FROM sso_pages WHERE token_hash = ? AND expires_at > ?`,
    )
    .get(secretHash(token), now.getTime()) as PageGrant | undefined;
}

/**
 * Forgets every secret that speaks for this login on these accounts: once an
 * account is unregistered, an earlier token must not open its pages.
 */
export function revokeGrants(db: Db, loginGuid: string, accountNumbers: readonly string[]): void {
  for (const table of ['remote_tokens', 'sso_codes', 'sso_pages'] as const) {
    const del = db.prepare(`DELETE FROM ${table} WHERE login_guid = ? AND account_number = ?`);
    for (const n of accountNumbers) del.run(loginGuid, n);
  }
}
