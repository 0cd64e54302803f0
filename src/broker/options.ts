import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Mailer } from './mail.ts';
import { invoiceCloudConfigFromEnv, type InvoiceCloudConfig } from '../invoicecloud/client.ts';
import { Keyring, type RingSecret } from './keyring.ts';
import { isPostgresUrl } from './store.ts';

/** Requests allowed per window; see README "Rate limits". */
export interface RateLimits {
  /** Guest look-ups per client IP per window. */
  lookupPerIp: number;
  /** Guest look-ups per account number per window, whichever IP asks: stops enumeration of names. */
  lookupPerAccount: number;
  /** Guest payment requests per client IP per window. */
  paymentPerIp: number;
  /** Guest payment requests per look-up token per window (a payer on a shared IP keeps their own allowance). */
  paymentPerToken: number;
  /**
   * Guest payment status checks per client IP per window: higher, because a
   * payer waiting on a slow payment polls, often behind a carrier's shared IP.
   */
  statusPerIp: number;
  /** Guest payment status checks per look-up token per window. */
  statusPerToken: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export interface BrokerOptions {
  invoiceCloud: InvoiceCloudConfig;
  /**
   * SQLite file of the broker's state: the payment ledger, sessions, verifications, outbox.
   * Default `.data/broker.db` under the working directory, created on start.
   * `':memory:'` only when asked for (unit tests): a restart would forget every payment.
   * One instance only: rate limits count in its memory. Not used when `databaseUrl` is set.
   */
  dbPath?: string;
  /**
   * A PostgreSQL database (`postgres://…`) for the same state and the rate
   * limits, shared by every instance behind a load balancer. Its schema is
   * migrated at start.
   */
  databaseUrl?: string;
  /**
   * The secret look-up tokens, request fingerprints and sealed sessions are
   * made with (through a key derived per purpose): a ring of one. At least
   * 32 characters; random per process if neither this nor `secrets` is set.
   */
  secret?: string;
  /** A ring of secrets, newest first: the first makes, all check (see Keyring). Instead of `secret`. */
  secrets?: RingSecret[];
  /** Origins allowed to call the broker from a browser; '*' allows any (tests only). */
  corsOrigins?: string[];
  rateLimits?: Partial<RateLimits>;
  /** How long a guest look-up token stays valid, in seconds. */
  lookupTokenSeconds?: number;
  /**
   * After this long unresolved, a payment is "under review": the payer is told
   * it is being confirmed and not to pay again, and each reconcile sweep logs
   * `payment_unresolved` for it. It stays pending until InvoiceCloud answers.
   */
  reviewAfterMs?: number;
  /** Time between the reconciler's sweeps over unresolved payments; 0 turns the loop off (a caller sweeps). */
  reconcileIntervalMs?: number;
  /** How long resolved payments stay in the ledger, in days. Unresolved ones are never pruned. */
  paymentRetentionDays?: number;
  /** Card testing: the guest's smallest payment, the attempts one look-up allows, and the declines per account per hour. */
  guestLimits?: Partial<GuestLimits>;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /**
   * The proxies in front of the broker, whose X-Forwarded-For entries name the
   * client: how many there are (a load balancer alone: 1), or their addresses
   * (IPs, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`). `true` is
   * one proxy. Off by default: the client is the socket's peer.
   */
  trustProxy?: boolean | TrustProxy;
  /** Keys a host backend presents (header `X-IC-Host-Key`) to open sessions for its users. */
  hostApiKeys?: string[];
  /** A session ends after this long unused (sliding), in seconds. */
  sessionIdleSeconds?: number;
  /** ...and after this long in any case, in seconds. */
  sessionMaxSeconds?: number;
  /** Link in the verification email; `{token}` is replaced. Must be absolute. */
  verificationUrl?: string;
  /** Sends the broker's mail; default: SMTP when `smtpUrl` is set, else the local outbox. */
  mailer?: Mailer;
  /** SMTP server for the broker's mail, e.g. `smtp://user:pass@mail.example.com:587`. */
  smtpUrl?: string;
  /** Sender of the broker's mail. */
  mailFrom?: string;
  logger?: Logger;
  now?: () => number;
  /**
   * Refuse to start on a default that is unsafe in production (see
   * `unsafeForProduction`). Default: `NODE_ENV === 'production'`.
   */
  production?: boolean;
}

/** Proxies trusted to name the client: a count of hops, or their addresses; 0 trusts none. */
export type TrustProxy = number | string[];

export const DEFAULT_RATE_LIMITS: RateLimits = {
  lookupPerIp: 30,
  lookupPerAccount: 10,
  paymentPerIp: 60,
  paymentPerToken: 20,
  statusPerIp: 600,
  statusPerToken: 300,
  windowSeconds: 600,
};

/** What stops card testing through the guest payment: see SECURITY.md "Card testing". */
export interface GuestLimits {
  /** Smallest guest payment, in cents. */
  minimumPaymentCents: number;
  /** New payment attempts (not retries of one) per look-up token, over the token's life. */
  attemptsPerLookup: number;
  /** Declined guest attempts per account in an hour; past it, guest payments of that account wait. */
  declinesPerAccountPerHour: number;
}

export const DEFAULT_GUEST_LIMITS: GuestLimits = {
  minimumPaymentCents: 100,
  attemptsPerLookup: 5,
  declinesPerAccountPerHour: 5,
};

export const DEFAULT_DB_PATH = '.data/broker.db';

/** Where the broker's state is, from the environment: `DATABASE_URL`, else `BROKER_DB`, else the default file. */
export const storeLocation = (env: NodeJS.ProcessEnv) => env.DATABASE_URL || env.BROKER_DB || DEFAULT_DB_PATH;

export interface ResolvedOptions extends Required<
  Omit<
    BrokerOptions,
    'logger' | 'rateLimits' | 'guestLimits' | 'mailer' | 'smtpUrl' | 'trustProxy' | 'production' | 'secret' | 'secrets' | 'databaseUrl'
  >
> {
  databaseUrl?: string;
  keyring: Keyring;
  trustProxy: TrustProxy;
  rateLimits: RateLimits;
  guestLimits: GuestLimits;
  logger?: Logger;
  mailer?: Mailer;
  smtpUrl?: string;
}

/**
 * What a broker in production must be told instead of defaulting, one line
 * per thing missing (named by its environment variable): defaults that serve
 * `npm start` on one machine lose payments, let tokens fail between
 * instances, or talk to the local sandbox there.
 */
export function unsafeForProduction(o: BrokerOptions): string[] {
  const missing: string[] = [];
  if (!o.secret && !o.secrets?.length) {
    missing.push(
      "BROKER_SECRETS (or BROKER_SECRET): the same secrets on every instance (unset, each process draws its own, and one instance refuses another's tokens)",
    );
  }
  if (!o.databaseUrl && (!o.dbPath || o.dbPath === ':memory:'))
    missing.push(
      'DATABASE_URL or BROKER_DB: a durable store, PostgreSQL for several instances (unset or in memory, the payment ledger is where nobody chose or gone after a restart)',
    );
  if (!o.invoiceCloud.baseUrl.startsWith('https://'))
    missing.push(`IC_BASE_URL: InvoiceCloud's https:// address (now ${o.invoiceCloud.baseUrl})`);
  if (!o.corsOrigins?.length || o.corsOrigins.includes('*'))
    missing.push('CORS_ORIGINS: the origins of the pages that embed the elements, comma-separated (not *)');
  return missing;
}

export function resolveOptions(o: BrokerOptions): ResolvedOptions {
  const missing = (o.production ?? process.env.NODE_ENV === 'production') ? unsafeForProduction(o) : [];
  if (missing.length > 0) throw new Error(`The broker does not start in production without:\n- ${missing.join('\n- ')}`);
  if (o.secret && o.secrets?.length) throw new Error('Set BROKER_SECRETS or BROKER_SECRET, not both');
  if (o.databaseUrl && !isPostgresUrl(o.databaseUrl))
    throw new Error('DATABASE_URL: a PostgreSQL URL, postgres://user:password@host/database');
  const keyring = new Keyring(o.secrets?.length ? o.secrets : [{ id: 'secret', secret: o.secret ?? randomBytes(32).toString('hex') }]);
  return {
    invoiceCloud: o.invoiceCloud,
    dbPath: o.dbPath ?? resolve(DEFAULT_DB_PATH),
    databaseUrl: o.databaseUrl,
    keyring,
    corsOrigins: o.corsOrigins ?? [],
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...o.rateLimits },
    lookupTokenSeconds: o.lookupTokenSeconds ?? 900,
    reviewAfterMs: o.reviewAfterMs ?? 10 * 60_000,
    reconcileIntervalMs: o.reconcileIntervalMs ?? 30_000,
    paymentRetentionDays: o.paymentRetentionDays ?? 7 * 365,
    guestLimits: { ...DEFAULT_GUEST_LIMITS, ...o.guestLimits },
    maxBodyBytes: o.maxBodyBytes ?? 16 * 1024,
    trustProxy: o.trustProxy === true ? 1 : o.trustProxy || 0,
    hostApiKeys: o.hostApiKeys ?? [],
    sessionIdleSeconds: o.sessionIdleSeconds ?? 1800,
    sessionMaxSeconds: o.sessionMaxSeconds ?? 12 * 3600,
    verificationUrl: o.verificationUrl ?? 'http://localhost:5173/verify.html#token={token}',
    mailFrom: o.mailFrom ?? 'Springfield Water & Power <no-reply@localhost>',
    mailer: o.mailer,
    smtpUrl: o.smtpUrl,
    logger: o.logger,
    now: o.now ?? Date.now,
  };
}

const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number.parseInt(v, 10));
/** The entries that were set. */
const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * `TRUST_PROXY`: a number of proxies (`1` for a load balancer alone), `true`
 * (one), or their addresses, comma-separated. Unset, empty, `0` or `false`: none.
 */
function trustProxyFromEnv(v: string | undefined): TrustProxy | undefined {
  const value = v?.trim() ?? '';
  if (value === '' || value === 'false') return undefined;
  if (value === 'true') return 1;
  if (/^\d+$/.test(value)) return Number(value);
  return commaList(value);
}

/** A comma-separated setting's entries, trimmed; unset or empty: `undefined`. */
function commaList(value: string | undefined): string[] | undefined {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries : undefined;
}

/**
 * `BROKER_SECRETS`: `id:secret` pairs, comma-separated, newest first. A
 * secret may itself hold ":" (only the first one separates the id).
 */
export function parseSecrets(value: string | undefined): RingSecret[] | undefined {
  return commaList(value)?.map((entry) => {
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error('BROKER_SECRETS: write each secret as id:secret, comma-separated, the newest first');
    return { id: entry.slice(0, colon), secret: entry.slice(colon + 1) };
  });
}

/** Broker options from the environment (README "Configuration"). */
export function brokerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerOptions {
  const limits: Partial<RateLimits> = {
    lookupPerIp: int(env.RATE_LOOKUP_PER_IP),
    lookupPerAccount: int(env.RATE_LOOKUP_PER_ACCOUNT),
    paymentPerIp: int(env.RATE_PAYMENT_PER_IP),
    paymentPerToken: int(env.RATE_PAYMENT_PER_TOKEN),
    statusPerIp: int(env.RATE_STATUS_PER_IP),
    statusPerToken: int(env.RATE_STATUS_PER_TOKEN),
    windowSeconds: int(env.RATE_WINDOW_SECONDS),
  };
  const guest: Partial<GuestLimits> = {
    minimumPaymentCents: int(env.GUEST_MIN_PAYMENT_CENTS),
    attemptsPerLookup: int(env.GUEST_ATTEMPTS_PER_LOOKUP),
    declinesPerAccountPerHour: int(env.GUEST_DECLINES_PER_ACCOUNT_HOUR),
  };
  return {
    invoiceCloud: invoiceCloudConfigFromEnv(env),
    dbPath: env.BROKER_DB || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    reviewAfterMs: int(env.PAYMENT_REVIEW_AFTER_MS),
    reconcileIntervalMs: int(env.RECONCILE_INTERVAL_MS),
    paymentRetentionDays: int(env.PAYMENT_RETENTION_DAYS),
    guestLimits: defined(guest),
    secret: env.BROKER_SECRET || undefined,
    secrets: parseSecrets(env.BROKER_SECRETS),
    corsOrigins: commaList(env.CORS_ORIGINS),
    rateLimits: defined(limits),
    trustProxy: trustProxyFromEnv(env.TRUST_PROXY),
    hostApiKeys: commaList(env.HOST_API_KEYS),
    sessionIdleSeconds: int(env.SESSION_IDLE_SECONDS),
    sessionMaxSeconds: int(env.SESSION_MAX_SECONDS),
    verificationUrl: env.VERIFICATION_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    smtpUrl: env.SMTP_URL || undefined,
  };
}
