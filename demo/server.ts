/**
 * `npm start`: the whole stack on one machine, offline.
 *   http://localhost:5173/      demo utility site + broker under /api/v1
 *                               (/react/ and /vue/: the same elements in React 19 and Vue 3)
 *   http://localhost:5174       the InvoiceCloud sandbox (its own origin, as in production)
 * State lives in .data/ so it survives a restart.
 */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBroker } from '../src/broker/app.ts';
import { brokerOptionsFromEnv } from '../src/broker/options.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { hostRoutes } from './host-routes.ts';
import { HostUsers } from './host-users.ts';

const demoPort = Number(process.env.DEMO_PORT ?? 5173);
const sandboxPort = Number(process.env.SANDBOX_PORT ?? 5174);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
mkdirSync(dataDir, { recursive: true });

const demoOrigin = `http://localhost:${demoPort}`;
const sandboxOrigin = `http://localhost:${sandboxPort}`;
const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1', dbPath: join(dataDir, 'sandbox.db'), publicUrl: sandboxOrigin });
// The demo host's key for opening broker sessions; it never leaves this process.
const hostKey = randomBytes(24).toString('base64url');

const fromEnv = brokerOptionsFromEnv();
const broker = createBroker({
  ...fromEnv,
  // Without IC_BASE_URL, this process's own sandbox; IC_TIMEOUT_MS applies either way.
  invoiceCloud: process.env.IC_BASE_URL
    ? fromEnv.invoiceCloud
    : { ...fromEnv.invoiceCloud, baseUrl: `${sandbox.url}/api/v1/`, apiKey: 'sandbox-api-key' },
  dbPath: fromEnv.dbPath ?? join(dataDir, 'broker.db'),
  // BROKER_SECRETS or BROKER_SECRET if set, else one kept in .data/ so a restart keeps sessions and look-up tokens valid.
  secret: fromEnv.secret ?? (fromEnv.secrets ? undefined : persistentSecret(join(dataDir, 'broker-secret'))),
  corsOrigins: fromEnv.corsOrigins ?? [demoOrigin],
  hostApiKeys: [...(fromEnv.hostApiKeys ?? []), hostKey],
  verificationUrl: fromEnv.verificationUrl ?? `${demoOrigin}/verify.html#token={token}`,
});
// DATABASE_URL (PostgreSQL) must answer and take the schema before the demo serves anything.
await broker.ready;

const app = new Hono();
app.all('/api/*', (c) => broker.fetch(c.req.raw, c.env));
app.route('/demo', hostRoutes({ broker, users: new HostUsers(join(dataDir, 'host-users.json')), hostKey, origin: demoOrigin }));
// The host page's own policy: nothing inline, frames only from InvoiceCloud's origin.
app.use(
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      frameSrc: [sandboxOrigin],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
  }),
);
// The CDN file and the language tables it loads on demand, side by side.
app.use('/ic-widgets*', serveStatic({ root: './dist' }));
// The React and Vue example pages (built by `npm run build`) at /react/ and /vue/.
app.use('/*', serveStatic({ root: './demo/dist' }));
app.use('/*', serveStatic({ root: './demo/public' }));

const server = serve({ fetch: app.fetch, port: demoPort, hostname: process.env.HOST ?? '127.0.0.1' }, () => {
  console.log(`Demo:    ${demoOrigin}/`);
  console.log(`Broker:  ${demoOrigin}/api/v1`);
  console.log(`Sandbox: ${sandboxOrigin}`);
  void broker.checkInvoiceCloud();
});

function persistentSecret(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function shutdown() {
  server.close();
  await broker.close();
  await sandbox.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
