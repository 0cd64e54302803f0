/**
 * The real stack for tests: the InvoiceCloud sandbox and the broker, each on
 * its own loopback socket. Modules load on first start so a test run that
 * never needs the stack never pays for it. Node tests use it through
 * test/node/stack-fixture.ts; browser tests through the server commands of
 * web-test-runner.config.mjs (test/support/browser-stack.ts).
 */
import type { BrokerOptions } from '../../src/broker/options.ts';
import type { InvoiceCloudConfig } from '../../src/invoicecloud/client.ts';
import type { TestUser } from './users.ts';

export const TEST_HOST_KEY = 'test-host-key-0123456789abcdef';

export interface StackOptions {
  /** Overrides of the broker options (the InvoiceCloud config points at the sandbox). */
  broker?: Omit<Partial<BrokerOptions>, 'invoiceCloud'> & { invoiceCloud?: Partial<InvoiceCloudConfig> };
  /** SQLite file for the sandbox; in memory by default. */
  sandboxDbPath?: string;
}

export interface StartedStack {
  /** Broker base URL, ending in /api/v1. */
  brokerUrl: string;
  sandboxUrl: string;
  /** The host API key `POST /sessions` needs (the stack configures it). */
  hostKey: string;
  /** Signs a user in as a host backend does: `POST /sessions` (or `/registrations`, User Registration) with the host key. */
  openSession(user: TestUser & { reRegister?: string[] }, route?: 'sessions' | 'registrations'): Promise<Response>;
  /**
   * The sandbox back to its fixtures (call log and faults cleared), and every
   * payment the broker still awaits resolved as never made — the reset took it —
   * as an operator would (`npm run payments -- not-charged`), so no bill stays blocked.
   */
  reset(): Promise<void>;
  /** One reconcile sweep now (the broker's loop runs every `reconcileIntervalMs` too). */
  reconcile(): Promise<{ checked: number; resolved: number; unresolved: number }>;
  /** Mail the broker "sent" (it has no SMTP server in tests). */
  outbox(): Promise<{ to: string; subject: string; text: string }[]>;
  close(): Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<StartedStack> {
  const { startSandbox } = await import('../../src/sandbox/index.ts');
  const { startBroker } = await import('../../src/broker/server.ts');
  const { createLogger } = await import('../../src/broker/logger.ts');
  const { resolveNotCharged } = await import('../../src/broker/payments.ts');
  const sandbox = await startSandbox({ port: 0, dbPath: opts.sandboxDbPath });
  const { invoiceCloud, ...rest } = opts.broker ?? {};
  const broker = await startBroker({
    port: 0,
    broker: {
      invoiceCloud: { baseUrl: `${sandbox.url}/api/v1/`, apiKey: 'sandbox-api-key', timeoutMs: 2_000, ...invoiceCloud },
      corsOrigins: ['*'],
      hostApiKeys: [TEST_HOST_KEY],
      // Tests look accounts up many times; rate limits have their own tests.
      rateLimits: {
        lookupPerIp: 10_000,
        lookupPerAccount: 10_000,
        paymentPerIp: 10_000,
        paymentPerToken: 10_000,
        statusPerIp: 10_000,
        statusPerToken: 10_000,
      },
      // So are the card-testing limits; a test of them sets its own.
      guestLimits: { attemptsPerLookup: 10_000, declinesPerAccountPerHour: 10_000 },
      dbPath: ':memory:',
      // A test stack is what production must refuse (in memory, any origin, the sandbox) even where NODE_ENV says production (a build in the same process sets it).
      production: false,
      logger: createLogger({ level: process.env.LOG_LEVEL ?? 'silent' }),
      ...rest,
    },
  });
  return {
    brokerUrl: `${broker.url}/api/v1`,
    sandboxUrl: sandbox.url,
    hostKey: TEST_HOST_KEY,
    openSession: (user, route = 'sessions') =>
      fetch(`${broker.url}/api/v1/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ic-host-key': TEST_HOST_KEY },
        body: JSON.stringify(user),
      }),
    async reset() {
      const res = await fetch(`${sandbox.url}/__sandbox/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`sandbox reset: ${res.status}`);
      const { ledger } = broker.broker;
      for (const a of await ledger.unresolved())
        await resolveNotCharged(ledger, () => {}, { reference: a.reference, operator: 'test-reset', note: 'sandbox reset' });
    },
    reconcile: () => broker.broker.reconcile(),
    outbox: async () => (await broker.broker.outbox?.list()) ?? [],
    async close() {
      await broker.close();
      await sandbox.close();
    },
  };
}
