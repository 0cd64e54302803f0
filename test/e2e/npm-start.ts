/**
 * Starts the real `npm start` stack on its own ports and data folder (so a
 * demo already running is left alone) and a Debian Chromium to drive it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { secretsIn, secretsInFiles } from '../support/secrets.ts';

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

/** `env`: more of the README's configuration for this run (e.g. a short InvoiceCloud deadline). */
export async function startDemo(demoPort: number, sandboxPort: number, env: Record<string, string> = {}): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ic-e2e-'));
  const url = `http://localhost:${demoPort}`;
  let output = '';
  const stack = spawn('npm', ['start'], {
    env: { ...process.env, ...env, DEMO_PORT: String(demoPort), SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  stack.stdout!.on('data', (d) => (output += String(d)));
  stack.stderr!.on('data', (d) => (output += String(d)));
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
      await new Promise((r) => setTimeout(r, 300));
      // What the run left behind (databases, host users, the server's log) holds no card number or password.
      const leaked = [...secretsInFiles(dataDir), ...secretsIn(output).map((s) => `npm start output: ${s}`)];
      rmSync(dataDir, { recursive: true, force: true });
      assert.deepEqual(leaked, [], 'secrets written by the demo');
    },
  };
}
