/**
 * createSandbox: the InvoiceCloud stand-in as a Hono app over one SQLite
 * database — `/api/v1/...` speaks InvoiceCloud's web services,
 * `/cloudsso/...` serves the CloudSSO portal pages, `/__sandbox/...` lets
 * tests inspect and steer it. No socket here; see server.ts for that.
 */
import { Hono, type Context } from 'hono';
import { apiRoutes, icErrorResponse, type SandboxEnv } from './api.ts';
import { openDatabase, resetData, type Db } from './db.ts';
import { cloudSsoRoutes } from './cloudsso/routes.ts';
import { FaultRegistry } from './faults.ts';
import { DEFAULT_API_KEY } from './fixtures.ts';
import { inspectRoutes } from './inspect.ts';

export interface SandboxOptions {
  /** SQLite file; default ':memory:'. A file keeps state across restarts. */
  dbPath?: string;
  /** The API key callers must send as the HTTP Basic user name; default 'sandbox-api-key'. */
  apiKey?: string;
  /** Clock for payment dates, call-log times, card-expiry checks and CloudSSO expiry. */
  now?: () => Date;
  /**
   * Origin the CloudSSO URLs point at, e.g. http://localhost:5174 when the
   * host's frame-src names that. startSandbox defaults it to the listening
   * URL; in-process (app.request) it defaults to the origin of each call.
   */
  publicUrl?: string;
}

export interface Sandbox {
  app: Hono<SandboxEnv>;
  db: Db;
  /** Fixtures back, call log cleared, faults cleared, late payment posts still pending dropped. */
  reset(): void;
  /** Stops pending fault timers and closes the database. */
  close(): void;
}

// Whatever goes wrong inside, the caller gets JSON in InvoiceCloud's error shape, never a bare 500 page.
function onError(err: Error, c: Context): Response {
  console.error('[sandbox] handler error:', err.message);
  return icErrorResponse(c, 500, 'InternalError', 'The sandbox failed to handle the request.');
}

function notFound(c: Context): Response {
  return icErrorResponse(c, 404, 'NotFound', `No such endpoint: ${c.req.method} ${c.req.path}`);
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const db = openDatabase(opts.dbPath ?? ':memory:');
  const now = opts.now ?? (() => new Date());
  const faults = new FaultRegistry();
  const reset = (): void => {
    resetData(db);
    faults.reset();
  };

  const app = new Hono<SandboxEnv>();
  const publicUrl = opts.publicUrl?.replace(/\/+$/, '');
  app.route('/api/v1', apiRoutes({ db, now, apiKey: opts.apiKey ?? DEFAULT_API_KEY, faults, publicUrl }));
  app.route('/cloudsso', cloudSsoRoutes({ db, now }));
  app.route('/__sandbox', inspectRoutes({ db, faults, reset }));
  app.notFound(notFound);
  app.onError(onError);

  let closed = false;
  return {
    app,
    db,
    reset,
    close() {
      if (closed) return;
      closed = true;
      faults.dispose();
      db.close();
    },
  };
}
