import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Mailer } from './mail.ts';
import { invoiceCloudConfigFromEnv, type InvoiceCloudConfig } from '../invoicecloud/client.ts';

/** Requests allowed per window; see README "Rate limits". */
export interface RateLimits {
  /** Guest look-ups per client IP per window. */
  lookupPerIp: number;
  /** Guest look-ups per account number per window, whichever IP asks: stops enumeration of names. */
  lookupPerAccount: number;
  /** Guest payment requests per client IP per window. */
  paymentPerIp: number;
  /**
   * Guest payment status checks per client IP per window: higher, because a
   * payer waiting on a slow payment polls, often behind a carrier's shared IP.
   */
  statusPerIp: number;
  /** Window length in seconds. */
  windowSeconds: number;
}

export interface BrokerOptions {
  invoiceCloud: InvoiceCloudConfig;
  /** SQLite file for idempotency records; ':memory:' (default) for tests. */
  dbPath?: string;
  /** Signs look-up tokens and keys request fingerprints. At least 32 characters; random per process if unset. */
  secret?: string;
  /** Origins allowed to call the broker from a browser; '*' allows any (tests only). */
  corsOrigins?: string[];
  rateLimits?: Partial<RateLimits>;
  /** How long a guest look-up token stays valid, in seconds. */
  lookupTokenSeconds?: number;
  /**
   * How long after a payment whose outcome is unknown the broker keeps
   * looking for it upstream before it concludes it did not happen.
   */
  reconcileWindowMs?: number;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
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
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  lookupPerIp: 30,
  lookupPerAccount: 10,
  paymentPerIp: 60,
  statusPerIp: 600,
  windowSeconds: 600,
};

export interface ResolvedOptions extends Required<Omit<BrokerOptions, 'logger' | 'rateLimits' | 'mailer' | 'smtpUrl'>> {
  rateLimits: RateLimits;
  logger?: Logger;
  mailer?: Mailer;
  smtpUrl?: string;
}

export function resolveOptions(o: BrokerOptions): ResolvedOptions {
  const secret = o.secret ?? randomBytes(32).toString('hex');
  if (secret.length < 32) throw new Error('Broker secret must be at least 32 characters');
  return {
    invoiceCloud: o.invoiceCloud,
    dbPath: o.dbPath ?? ':memory:',
    secret,
    corsOrigins: o.corsOrigins ?? [],
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...o.rateLimits },
    lookupTokenSeconds: o.lookupTokenSeconds ?? 900,
    reconcileWindowMs: o.reconcileWindowMs ?? 120_000,
    maxBodyBytes: o.maxBodyBytes ?? 16 * 1024,
    trustProxy: o.trustProxy ?? false,
    hostApiKeys: o.hostApiKeys ?? [],
    sessionIdleSeconds: o.sessionIdleSeconds ?? 1800,
    sessionMaxSeconds: o.sessionMaxSeconds ?? 12 * 3600,
    verificationUrl: o.verificationUrl ?? 'http://localhost:5173/verify.html?token={token}',
    mailFrom: o.mailFrom ?? 'Springfield Water & Power <no-reply@localhost>',
    mailer: o.mailer,
    smtpUrl: o.smtpUrl,
    logger: o.logger,
    now: o.now ?? Date.now,
  };
}

const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number.parseInt(v, 10));

/** Broker options from the environment (README "Configuration"). */
export function brokerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BrokerOptions {
  const limits: Partial<RateLimits> = {
    lookupPerIp: int(env.RATE_LOOKUP_PER_IP),
    lookupPerAccount: int(env.RATE_LOOKUP_PER_ACCOUNT),
    paymentPerIp: int(env.RATE_PAYMENT_PER_IP),
    statusPerIp: int(env.RATE_STATUS_PER_IP),
    windowSeconds: int(env.RATE_WINDOW_SECONDS),
  };
  return {
    invoiceCloud: invoiceCloudConfigFromEnv(env),
    dbPath: env.BROKER_DB ?? undefined,
    secret: env.BROKER_SECRET || undefined,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    rateLimits: Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    hostApiKeys: env.HOST_API_KEYS ? env.HOST_API_KEYS.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    sessionIdleSeconds: int(env.SESSION_IDLE_SECONDS),
    sessionMaxSeconds: int(env.SESSION_MAX_SECONDS),
    verificationUrl: env.VERIFICATION_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    smtpUrl: env.SMTP_URL || undefined,
  };
}
