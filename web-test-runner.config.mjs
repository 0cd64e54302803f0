// Browser tests: real Debian Chromium, TypeScript through esbuild, and the real
// stack (sandbox + broker on real sockets) started on first use by a server
// command, so tests that need no broker never wait for one.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { startStack } from './test/support/stack.ts';

let stack;
// A payment unresolved for 3 s is "under review" (10 minutes in production), so
// tests can reach that state; a payment confirmed sooner never shows it.
const getStack = () => (stack ??= startStack({ broker: { reviewAfterMs: 3_000 } }));
/** Paths whose next request fails (503): what a test of a module that cannot load sets, by the 'ic-fail-next' command. */
const failNext = new Set();

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  middleware: [
    async (ctx, next) => {
      if (failNext.delete(ctx.path)) ctx.status = 503;
      else await next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    {
      name: 'ic-stack',
      async executeCommand({ command, payload }) {
        if (command === 'ic-stack') {
          const s = await getStack();
          return { endpoint: s.brokerUrl, sandboxUrl: s.sandboxUrl };
        }
        if (command === 'ic-session') {
          // Signs a user in the way a host backend does: server to server, with the host key.
          const res = await (await getStack()).openSession(payload);
          return { status: res.status, body: await res.json() };
        }
        if (command === 'ic-reset') {
          await (await getStack()).reset();
          return true;
        }
        if (command === 'ic-fail-next') {
          failNext.add(payload.path);
          return true;
        }
        if (command === 'ic-sandbox') {
          const s = await getStack();
          const res = await fetch(s.sandboxUrl + payload.path, {
            method: payload.method ?? 'GET',
            headers: payload.body === undefined ? {} : { 'content-type': 'application/json' },
            body: payload.body === undefined ? undefined : JSON.stringify(payload.body),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : null };
        }
        return undefined;
      },
      async serverStop() {
        if (stack) await (await stack).close();
      },
    },
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
