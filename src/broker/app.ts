import proxyaddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createInvoiceCloud } from '../invoicecloud/api.ts';
import type { BrokerDeps, BrokerEnv } from './context.ts';
import { BrokerError, fromInvoiceCloud } from './errors.ts';
import { createAudit } from './audit.ts';
import { PaymentLedger } from './ledger.ts';
import { paymentDeps } from './payments.ts';
import { createReconciler } from './reconciler.ts';
import { logInvoiceCloudReachability } from './reachability.ts';
import { createLogger, loggablePath } from './logger.ts';
import { outboxMailer, smtpMailer } from './mail.ts';
import { accountRoutes } from './routes/accounts.ts';
import { meRoutes } from './routes/me.ts';
import { paymentMethodRoutes } from './routes/payment-methods.ts';
import { sessionRoutes } from './routes/sessions.ts';
import { ssoRoutes } from './routes/sso.ts';
import { verificationRoutes } from './routes/verifications.ts';
import { SessionStore } from './sessions.ts';
import { UnregisteredAccounts } from './unregistered.ts';
import { VerificationStore } from './verifications.ts';
import { InvoiceCloudError } from '../invoicecloud/errors.ts';
import { resolveOptions, type BrokerOptions, type TrustProxy } from './options.ts';
import { limiters } from './rate-limit.ts';
import { guestRoutes } from './routes/guest.ts';
import { openStore } from './store.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Builds the broker: a Hono app serving the contract under `/api/v1`.
 * The returned app owns its store (an SQLite handle or a PostgreSQL pool);
 * requests wait for `ready` (the schema migrated); call `close()` when done.
 */
export function createBroker(input: BrokerOptions) {
  const options = resolveOptions(input);
  const trusted = proxyTrust(options.trustProxy);
  const log = options.logger ?? createLogger();
  const store = openStore(options.databaseUrl ?? options.dbPath);
  // Whoever awaits `ready` (startBroker does) gets the reason too; logged here for a host that only mounts the app.
  store.ready.catch((err: Error) => log.error({ event: 'store_unavailable', err: err.message }, 'the broker store cannot be opened'));
  // A pooled PostgreSQL connection that drops while idle (a server restart, a failover) is replaced on next use;
  // unheard, the pool's error event would end the process.
  store.pool?.on('error', (err) => log.warn({ event: 'store_connection_lost', err: err.message }, 'a database connection was lost'));
  const ic = createInvoiceCloud(options.invoiceCloud);
  const { rateLimits: rl } = options;
  const createLimiter = limiters(store.pool);
  // Without SMTP the mail stays in the database, readable through `outbox`.
  const outbox = options.mailer || options.smtpUrl ? undefined : outboxMailer(store);
  const timeoutMs = options.invoiceCloud.timeoutMs ?? 10_000;
  const deps: BrokerDeps = {
    options,
    ic,
    ledger: new PaymentLedger(store, options.now),
    // A payment call older than two upstream deadlines belongs to a process that died mid-call.
    inFlightMs: 2 * timeoutMs + 5_000,
    audit: createAudit(log, options.now),
    sessions: new SessionStore(store, options.keyring, options.now, options.sessionIdleSeconds * 1000, options.sessionMaxSeconds * 1000),
    verifications: new VerificationStore(store, options.now),
    unregistered: new UnregisteredAccounts(store, options.now),
    mailer: options.mailer ?? outbox ?? smtpMailer(options.smtpUrl!),
    log,
    limits: {
      lookupPerIp: createLimiter('lookup-ip', rl.lookupPerIp, rl.windowSeconds),
      lookupPerAccount: createLimiter('lookup-account', rl.lookupPerAccount, rl.windowSeconds),
      paymentPerIp: createLimiter('payment-ip', rl.paymentPerIp, rl.windowSeconds),
      paymentPerToken: createLimiter('payment-token', rl.paymentPerToken, rl.windowSeconds),
      // Counted over the token's whole life: a new look-up (itself limited per account) is the only way to more.
      attemptsPerLookup: createLimiter('attempts-lookup', options.guestLimits.attemptsPerLookup, options.lookupTokenSeconds),
      statusPerIp: createLimiter('status-ip', rl.statusPerIp, rl.windowSeconds),
      statusPerToken: createLimiter('status-token', rl.statusPerToken, rl.windowSeconds),
    },
  };
  const reconciler = createReconciler(paymentDeps(deps), {
    intervalMs: options.reconcileIntervalMs,
    retentionMs: options.paymentRetentionDays * 24 * 3600_000,
    leaseMs: 2 * timeoutMs,
  });
  // Ends the start-up check should the broker close before InvoiceCloud answers it.
  const closing = new AbortController();
  store.ready.then(
    () => {
      // Closed before its store was ready: there is nothing to sweep.
      if (!closing.signal.aborted) reconciler.start();
    },
    () => undefined,
  );

  // Middleware goes on the root, not under the base path: then an answer to any path (/favicon.ico on a
  // standalone broker, or dot segments that climb out of /api/v1) carries X-Request-Id and the security headers too.
  const root = new Hono<BrokerEnv>();

  // Requests still running, so close() can let them finish: a client that hangs up
  // does not stop its request's handler, which may still need the database.
  let running = 0;
  let idle: (() => void) | undefined;
  root.use(async (_c, next) => {
    running++;
    try {
      await next();
    } finally {
      if (--running === 0) idle?.();
    }
  });
  root.use(requestId({ headerName: 'X-Request-Id' }));
  // After the request id: a store that cannot be opened still answers with one to quote.
  root.use(async (_c, next) => {
    await store.ready;
    await next();
  });
  root.use(async (c, next) => {
    const started = performance.now();
    await next();
    log.info({
      requestId: c.get('requestId'),
      method: c.req.method,
      path: loggablePath(new URL(c.req.url).pathname),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  root.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'cross-origin',
    }),
  );
  root.use(
    cors({
      origin: options.corsOrigins.includes('*') ? '*' : options.corsOrigins,
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: ['Content-Type', 'Authorization', 'Idempotency-Key'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  root.use(async (c, next) => {
    c.set('clientIp', clientIp(c.env, trusted));
    const length = Number(c.req.header('content-length') ?? 0);
    const hasBody = length > 0 || c.req.header('transfer-encoding') !== undefined;
    if (WRITE_METHODS.has(c.req.method) && hasBody) {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/json\s*(;|$)/i.test(type)) {
        throw new BrokerError('unsupported_media_type', 415, 'Send the request body as JSON (Content-Type: application/json).');
      }
    }
    await next();
  });
  root.use(
    bodyLimit({
      maxSize: options.maxBodyBytes,
      onError: () => {
        throw new BrokerError('payload_too_large', 413, `The request body is larger than ${options.maxBodyBytes} bytes.`);
      },
    }),
  );

  const app = root.basePath('/api/v1');
  // Each file serves its routes at the full paths of their declarations (src/contract/routes.ts).
  for (const routes of [guestRoutes, sessionRoutes, meRoutes, accountRoutes, paymentMethodRoutes, ssoRoutes, verificationRoutes])
    app.route('/', routes(deps));

  app.notFound((c) => {
    // The path is not repeated back: whatever a caller put in it (a card number, markup) stays out of the answer.
    throw new BrokerError('not_found', 404, `No ${c.req.method} route at this path. See openapi.json for the routes.`);
  });

  app.onError((cause, c) => {
    const requestId = c.get('requestId') ?? 'unknown';
    // An InvoiceCloud failure no flow handled: the caller learns its kind, never its text.
    const err = cause instanceof InvoiceCloudError ? fromInvoiceCloud(cause) : cause;
    if (cause instanceof InvoiceCloudError)
      log.warn(
        { requestId, operation: cause.operation, kind: cause.kind, status: cause.status, upstreamCode: cause.upstreamCode },
        'InvoiceCloud call failed',
      );
    if (err instanceof BrokerError) {
      if (err.extra.retryAfterSeconds) c.header('Retry-After', String(err.extra.retryAfterSeconds));
      return c.json(
        {
          error: {
            code: err.code,
            message: err.message,
            requestId,
            ...(err.extra.retryable !== undefined ? { retryable: err.extra.retryable } : {}),
            ...(err.extra.fields ? { fields: err.extra.fields } : {}),
            ...(err.extra.attemptedAt ? { attemptedAt: err.extra.attemptedAt } : {}),
          },
        },
        err.status,
      );
    }
    // A bug: log it with its stack, answer nothing about it.
    log.error(
      { requestId, err: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack } },
      'unhandled error',
    );
    return c.json(
      { error: { code: 'internal', message: 'Something went wrong on our side. Please try again.', requestId, retryable: true } },
      500,
    );
  });

  return Object.assign(app, {
    /** The local outbox when mail is not sent over SMTP (demo, tests); otherwise undefined. */
    outbox,
    /** Sweeps the unresolved payments now (the loop does it every `reconcileIntervalMs`). */
    reconcile: async () => {
      await store.ready;
      return reconciler.sweep();
    },
    /** Settles once the store is open and its schema migrated; rejects when it cannot be (unreachable, refused). */
    ready: store.ready,
    /** The payment ledger: what was attempted, and how each attempt stands. */
    ledger: deps.ledger,
    /**
     * `GET biller/status` once, logged as `invoicecloud_reachable` (info) or
     * `invoicecloud_unreachable` (warn). Never throws. `startBroker` calls it
     * once it listens; a host embedding the broker may call it when it starts.
     */
    checkInvoiceCloud: () => logInvoiceCloudReachability(ic, log, options.invoiceCloud.baseUrl, closing.signal),
    /** Stops the reconciler, waits for running requests (at most `graceMs`), then releases the store. */
    close: async (graceMs = 10_000) => {
      closing.abort();
      await reconciler.stop();
      if (running > 0) {
        await new Promise<void>((resolve) => {
          idle = resolve;
          setTimeout(resolve, graceMs).unref();
        });
      }
      await store.ready.catch(() => undefined);
      await store.close();
    },
  });
}

export type Broker = ReturnType<typeof createBroker>;

/** Which hops of a request may name the client: compiled once, so a wrong address stops the broker at start. */
function proxyTrust(trustProxy: TrustProxy): (address: string, hop: number) => boolean {
  // A number is how many hops to trust, counting the socket's peer as the first.
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  try {
    return proxyaddr.compile(trustProxy);
  } catch (e) {
    throw new Error(`TRUST_PROXY: ${(e as Error).message}`);
  }
}

/**
 * The client's address: the socket's peer, or behind trusted proxies the
 * nearest X-Forwarded-For entry that no trusted proxy wrote. Each proxy
 * appends the address it was called from, so entries are read from the right;
 * what a client writes itself lands on the left and is never taken.
 */
function clientIp(env: unknown, trusted: (address: string, hop: number) => boolean): string {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  // Not served by the Node adapter (e.g. app.request() in a unit test), or the client has already gone.
  if (!incoming?.socket?.remoteAddress) return 'unknown';
  return proxyaddr(incoming, trusted);
}
