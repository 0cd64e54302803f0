import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { SavedMethod } from '../contract/self-service.ts';
import type { SyncedAccount } from '../contract/sessions.ts';
import type { Keyring, RingKey } from './keyring.ts';
import type { Store } from './store.ts';

/**
 * The user's InvoiceCloud login: the one whose username or email is the host
 * user's email (flows/identity.ts), never another.
 */
export interface IcLogin {
  username: string;
  /** The login's email as InvoiceCloud holds it. */
  icEmail: string;
  loginGuid: string;
  customerGuid: string | null;
  /** The account Remote Authentication used at sign-in: one of the user's own, the first the host listed. */
  authAccount: string;
}

/**
 * What the broker keeps for a signed-in user (seed: "MyMeter stores Remote
 * Authentication Token (per session)"); the tokens themselves are kept apart
 * from this plain data, sealed (`RemoteAuths`).
 */
export interface SessionData {
  userId: string;
  /** The user's email as the host (MyMeter) knows it. */
  email: string;
  name: string;
  /**
   * `null` when every account the host listed is registered to another
   * login: the session opens so that `GET /me` can say so, with nothing to
   * see, and routes that act through a login answer `409 no_invoicecloud_login`.
   */
  login: IcLogin | null;
  /** Every account the host listed at sign-in, in its order, once each. */
  hostAccounts: string[];
  /**
   * Those registered only to other logins: left out of the session — never
   * synced, authenticated with or registered (`registered_to_another_login`).
   */
  leftOut: string[];
  /**
   * Accounts as last synced from InvoiceCloud: the only ones this session may
   * see or act on. `null` until first synced.
   */
  accounts: SyncedAccount[] | null;
  /** The login's saved payment methods as last synced; `null` until first synced. */
  methods: SavedMethod[] | null;
}

export interface RemoteAuth {
  token: string;
  expiresAt: number;
}

/**
 * The session's Remote Authentication Tokens, by account number. InvoiceCloud
 * ties each token to the account it was asked for, and its portal pages (Pay
 * By Text: redirect 11 "for the chosen account") show that account; so a
 * page for another account needs a token of its own.
 */
export type RemoteAuths = Readonly<Record<string, RemoteAuth>>;

export interface Session extends SessionData {
  /** Empty when `login` is `null`. */
  remoteAuths: RemoteAuths;
  expiresAt: number;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Sessions behind opaque bearer tokens. The database holds the token's hash,
 * and the Remote Authentication Tokens only encrypted with a key derived from
 * the bearer token and the broker's session key: a copy of the file alone
 * opens no InvoiceCloud page. Each sealed value names the key of the ring it
 * was sealed with, so a session outlives a rotation until that key is dropped.
 */
export class SessionStore {
  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly now: () => number,
    private readonly idleMs: number,
    private readonly maxMs: number,
  ) {}

  /** `remoteAuth`: the token sign-in obtained, for `data.login.authAccount`. */
  async create(data: SessionData, remoteAuth: RemoteAuth | null): Promise<{ token: string; expiresAt: number }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = Math.min(now + this.idleMs, now + this.maxMs);
    const remoteAuths: RemoteAuths = remoteAuth && data.login ? { [data.login.authAccount]: remoteAuth } : {};
    const { db } = this.store;
    await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    await db
      .insertInto('sessions')
      .values({
        token_hash: hash(token),
        data: JSON.stringify(data),
        remote_auth: this.seal(token, remoteAuths),
        created_at: now,
        expires_at: expiresAt,
        ends_at: now + this.maxMs,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The live session for a token, its idle expiry pushed out; `undefined` if unknown or ended. */
  async get(token: string): Promise<Session | undefined> {
    const now = this.now();
    const { db } = this.store;
    const row = await db
      .selectFrom('sessions')
      .select(['data', 'remote_auth', 'expires_at', 'ends_at'])
      .where('token_hash', '=', hash(token))
      .executeTakeFirst();
    if (!row || row.expires_at <= now) return undefined;
    const data = JSON.parse(row.data) as Partial<SessionData>;
    // Written before sessions knew which login is the user's (no `login`): it ends, and the user signs in again.
    if (data.login === undefined) return undefined;
    const session = data as SessionData;
    const remoteAuths = this.open(token, row.remote_auth, session.login);
    // Sealed with a key the ring no longer holds (or before keys had names): it has ended, and the user signs in again.
    if (remoteAuths === undefined) return undefined;
    const expiresAt = Math.min(now + this.idleMs, row.ends_at);
    await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', hash(token)).execute();
    return { ...session, remoteAuths, expiresAt };
  }

  /** Writes the session's plain data; its Remote Authentication Tokens stay as they are (`keepRemoteAuth`). */
  async update(token: string, data: SessionData | Session): Promise<void> {
    // A Session carries the Remote Authentication Tokens in clear: only its plain data is written.
    const { remoteAuths: _inClear, expiresAt: _expiry, ...plain } = data as Session;
    await this.store.db
      .updateTable('sessions')
      .set({ data: JSON.stringify(plain) })
      .where('token_hash', '=', hash(token))
      .execute();
  }

  /**
   * Keeps a new Remote Authentication Token for one account, beside the
   * session's others, and forgets those that have expired or whose account
   * is not in `accounts` (unregistered since: InvoiceCloud has revoked them).
   * Read and written in one transaction, the row locked on PostgreSQL: two
   * frames of one page asking at once, for two accounts (to two instances,
   * even), each keep theirs.
   */
  keepRemoteAuth(token: string, accountNumber: string, remoteAuth: RemoteAuth, accounts: readonly string[]): Promise<RemoteAuths> {
    return this.store.write(async (trx) => {
      const row = await trx
        .selectFrom('sessions')
        .select(['data', 'remote_auth'])
        .where('token_hash', '=', hash(token))
        .$if(this.store.dialect === 'postgres', (q) => q.forUpdate())
        .executeTakeFirst();
      if (!row) return { [accountNumber]: remoteAuth };
      const now = this.now();
      const kept = Object.entries(this.open(token, row.remote_auth, (JSON.parse(row.data) as SessionData).login) ?? {}).filter(
        ([n, ra]) => n !== accountNumber && accounts.includes(n) && ra.expiresAt > now,
      );
      const next: RemoteAuths = { ...Object.fromEntries(kept), [accountNumber]: remoteAuth };
      await trx
        .updateTable('sessions')
        .set({ remote_auth: this.seal(token, next) })
        .where('token_hash', '=', hash(token))
        .execute();
      return next;
    });
  }

  async delete(token: string): Promise<void> {
    await this.store.db.deleteFrom('sessions').where('token_hash', '=', hash(token)).execute();
  }

  private key(token: string, ringKey: RingKey): Buffer {
    return createHmac('sha256', ringKey.key).update(`remote-auth:${token}`).digest();
  }

  /** `<key id>.<base64 of iv, tag, ciphertext>`, sealed with the ring's current key. */
  private seal(token: string, value: RemoteAuths): string {
    const ringKey = this.keyring.current('session-seal');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(token, ringKey), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return `${ringKey.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The session's Remote Authentication Tokens; `undefined` when the key that sealed them has left the ring. */
  private open(token: string, sealed: string, login: IcLogin | null): RemoteAuths | undefined {
    const dot = sealed.indexOf('.');
    const ringKey = dot > 0 ? this.keyring.find('session-seal', sealed.slice(0, dot)) : undefined;
    if (!ringKey) return undefined;
    const raw = Buffer.from(sealed.slice(dot + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key(token, ringKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const value = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as
      RemoteAuths | RemoteAuth | null;
    // Sealed before tokens were kept per account: the one token (or none) was the sign-in account's.
    if (value === null) return {};
    if (typeof value.token === 'string') return login ? { [login.authAccount]: value as RemoteAuth } : {};
    return value as RemoteAuths;
  }
}
