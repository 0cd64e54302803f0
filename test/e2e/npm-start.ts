/**
 * Starts the real `npm start` stack on its own ports and data folder (so a
 * demo already running is left alone) and a Debian Chromium to drive it.
 * `useDemo()` is the fixture the e2e files use: one demo per describe block,
 * and what the tests read of its InvoiceCloud sandbox and its broker.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { secretsIn, secretsInFiles } from '../support/secrets.ts';
import { until } from '../support/until.ts';

export interface Demo {
  url: string;
  sandboxUrl: string;
  output: () => string;
  browser: Browser;
  /** A new page that records page errors and console errors. */
  page(): Promise<{ page: Page; problems: string[] }>;
  stop(): Promise<void>;
}

/** Types the approved test Visa into the card form inside `scope` (a page, or one element). */
export async function fillCard(scope: Page | Locator, nameOnCard: string): Promise<void> {
  await scope.getByLabel('Card number').fill('4111 1111 1111 1111');
  await scope.getByLabel('Expiration').fill('12/30');
  await scope.getByLabel('Security code').fill('123');
  await scope.getByLabel('Name on card').fill(nameOnCard);
  await scope.getByLabel('ZIP code').fill('62701');
}

/** `env`: more of the README's configuration for this run (e.g. a short InvoiceCloud deadline; LOG_LEVEL=info for the broker's request log). */
export async function startDemo(demoPort: number, sandboxPort: number, env: Record<string, string> = {}): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ic-e2e-'));
  const url = `http://localhost:${demoPort}`;
  let output = '';
  const stack = spawn('npm', ['start'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, DEMO_PORT: String(demoPort), SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  stack.stdout!.on('data', (d) => (output += String(d)));
  stack.stderr!.on('data', (d) => (output += String(d)));
  // Every process of the group holds the output pipes: they close once the last one has exited.
  const exited = new Promise<void>((resolve) => stack.once('close', () => resolve()));
  // npm start runs the server in a child of npm: end the whole group.
  const stopStack = () => {
    if (stack.pid && stack.exitCode === null) process.kill(-stack.pid, 'SIGTERM');
  };
  let browser: Browser;
  try {
    const started = Date.now();
    while (!output.includes(`Demo:    ${url}/`)) {
      if (stack.exitCode !== null || Date.now() - started > 120_000) assert.fail(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  } catch (e) {
    // A stack left running would keep the test process (and the run) waiting forever.
    stopStack();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    url,
    sandboxUrl: `http://localhost:${sandboxPort}`,
    output: () => output,
    browser,
    async page() {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      return { page, problems };
    },
    async stop() {
      await browser.close();
      stopStack();
      // Scanned once every process of the stack has exited: nothing more is written after that.
      await exited;
      // What the run left behind (databases, host users, the server's log) holds no card number or password.
      const leaked = [...secretsInFiles(dataDir), ...secretsIn(output).map((s) => `npm start output: ${s}`)];
      rmSync(dataDir, { recursive: true, force: true });
      assert.deepEqual(leaked, [], 'secrets written by the demo');
    },
  };
}

/** An InvoiceCloud call as the sandbox's call log has it. */
export interface SandboxCall {
  operation: string;
  accountNumber?: string;
}

/** One line of the broker's request log (LOG_LEVEL=info): what it was asked, and what it answered. */
interface RequestLine {
  method: string;
  path: string;
  status: number;
}

/**
 * The demo of a describe block: started before its tests (on `demoPort` and
 * `sandboxPort`, which no other e2e file uses), stopped after them, and what
 * the tests read of it — its sandbox's inspection endpoints and its broker's
 * request log.
 */
export class DemoFixture {
  #demo?: Demo;

  constructor(demoPort: number, sandboxPort: number, env: Record<string, string> = {}) {
    before(async () => {
      this.#demo = await startDemo(demoPort, sandboxPort, env);
    });
    after(() => this.#demo?.stop());
  }

  get #started(): Demo {
    if (!this.#demo) throw new Error('The demo runs only inside the describe block that made it.');
    return this.#demo;
  }

  get url(): string {
    return this.#started.url;
  }

  get sandboxUrl(): string {
    return this.#started.sandboxUrl;
  }

  get browser(): Browser {
    return this.#started.browser;
  }

  /** All the stack has printed so far. */
  output(): string {
    return this.#started.output();
  }

  /** A new page that records page errors and console errors. */
  page(): ReturnType<Demo['page']> {
    return this.#started.page();
  }

  /** A request to the sandbox: a POST of `body` as JSON when there is one, else `init` as given. */
  sandbox(path: string, body?: unknown, init: RequestInit = {}): Promise<Response> {
    const post =
      body === undefined ? init : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return fetch(`${this.sandboxUrl}${path}`, post);
  }

  /** The sandbox back to its fixtures, with an empty call log and no faults. */
  async reset(): Promise<void> {
    assert.equal((await this.sandbox('/__sandbox/reset', {})).status, 200);
  }

  /** Every InvoiceCloud call since the call log was last emptied, in order. */
  async calls(): Promise<SandboxCall[]> {
    return (await this.sandbox('/__sandbox/calls')).json();
  }

  async clearCalls(): Promise<void> {
    assert.equal((await this.sandbox('/__sandbox/calls', undefined, { method: 'DELETE' })).status, 204);
  }

  /** Makes the sandbox misbehave as `spec` says; fails if it refuses. */
  async fault(spec: Record<string, unknown>): Promise<void> {
    const r = await this.sandbox('/__sandbox/faults', spec);
    assert.ok(r.ok, `fault ${JSON.stringify(spec)}: ${r.status}`);
  }

  /** What the sandbox holds for an account. */
  async account(accountNumber: string): Promise<any> {
    return (await this.sandbox(`/__sandbox/accounts/${accountNumber}`)).json();
  }

  /** The payments the sandbox charged (or declined) for an account, oldest first. */
  async payments(accountNumber: string): Promise<any[]> {
    return (await this.sandbox(`/__sandbox/payments?account=${accountNumber}`)).json();
  }

  /** An InvoiceCloud login, by user name (an email). */
  async login(username: string): Promise<any> {
    return (await this.sandbox(`/__sandbox/logins/${encodeURIComponent(username)}`)).json();
  }

  /**
   * What the broker was asked while `during` ran, as `METHOD /path` in order,
   * from its request log (start the demo with LOG_LEVEL=info). The log is
   * read between two requests of the test's own, each waited for in the
   * output: the broker logs in the order it answers, so a request `during`
   * caused is logged before the second mark.
   */
  async brokerRequests(during: () => Promise<void>): Promise<string[]> {
    const first = await this.#mark();
    await during();
    const last = await this.#mark();
    const lines = this.#requestLog();
    const from = lines.findIndex((l) => l.path === first);
    const to = lines.findIndex((l) => l.path === last);
    return lines.slice(from + 1, to).map((l) => `${l.method} ${l.path}`);
  }

  /** Asks the broker for a path no route has, and waits until its request log has it. */
  async #mark(): Promise<string> {
    const path = `/api/v1/test-mark-${randomUUID()}`;
    assert.equal((await fetch(`${this.url}${path}`)).status, 404);
    await until(
      `the broker's request log to show ${path} (is LOG_LEVEL info?)`,
      () => (this.#requestLog().some((l) => l.path === path) ? true : undefined),
      10_000,
    );
    return path;
  }

  /** The broker's request log lines in the output so far. */
  #requestLog(): RequestLine[] {
    const lines: RequestLine[] = [];
    for (const text of this.output().split('\n')) {
      if (!text.startsWith('{')) continue;
      try {
        const l = JSON.parse(text) as Partial<RequestLine> & { service?: string };
        if (l.service === 'ic-broker' && typeof l.method === 'string' && typeof l.path === 'string') lines.push(l as RequestLine);
      } catch {
        // Not a log line: something else the stack printed.
      }
    }
    return lines;
  }
}

/** The demo of the describe block this is called in, on its own ports; `env` as for startDemo. */
export const useDemo = (demoPort: number, sandboxPort: number, env: Record<string, string> = {}) =>
  new DemoFixture(demoPort, sandboxPort, env);
