/**
 * The real `npm start` stack, driven like a person would: Chromium opens the
 * demo page, a guest finds bill INV-1001 and pays it by card. Runs on its own
 * ports and data folder so a demo already running is left alone.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

const DEMO_PORT = 5273;
const SANDBOX_PORT = 5274;
const demo = `http://localhost:${DEMO_PORT}`;

describe('npm start: the demo, end to end', { timeout: 180_000 }, () => {
  let stack: ChildProcess;
  let browser: Browser;
  let dataDir: string;
  let output = '';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ic-e2e-'));
    stack = spawn('npm', ['start'], {
      env: { ...process.env, DEMO_PORT: String(DEMO_PORT), SANDBOX_PORT: String(SANDBOX_PORT), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    stack.stdout!.on('data', (d) => (output += String(d)));
    stack.stderr!.on('data', (d) => (output += String(d)));
    const started = Date.now();
    while (!output.includes(`Demo:    ${demo}/`)) {
      if (stack.exitCode !== null || Date.now() - started > 120_000) assert.fail(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
  });

  after(async () => {
    await browser?.close();
    // npm start runs the server in a child of npm: end the whole group.
    if (stack?.pid && stack.exitCode === null) process.kill(-stack.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the demo and sandbox URLs', () => {
    assert.ok(output.includes(`Demo:    ${demo}/`));
    assert.ok(output.includes(`Sandbox: http://localhost:${SANDBOX_PORT}`));
  });

  it('lets a guest find bill INV-1001 and pay it by card, under the strict CSP, with a receipt', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    const res = await page.goto(`${demo}/`);
    assert.match(res!.headers()['content-security-policy'] ?? '', /default-src 'self'/);
    await page.getByRole('heading', { name: 'Springfield Water & Power' }).or(page.getByText('Springfield Water & Power').first()).first().waitFor();

    await page.getByLabel('Account number').fill('100200300');
    await page.getByLabel('Last name').fill('Doe');
    await page.getByRole('button', { name: 'Find my bill' }).click();

    const amount = page.getByLabel('Amount to pay');
    await amount.waitFor();
    assert.equal(await amount.inputValue(), '84.20');
    await page.getByText('INV-1001').first().waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByLabel('Card number').fill('4111 1111 1111 1111');
    await page.getByLabel('Expiration').fill('12/30');
    await page.getByLabel('Security code').fill('123');
    await page.getByLabel('Name on card').fill('Jane Doe');
    await page.getByLabel('ZIP code').fill('62701');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Review your payment' }).waitFor();
    await page.getByRole('button', { name: /Pay \$84\.20/ }).click();

    await page.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 15_000 });
    const receipt = await page.locator('[part~="receipt"]').first().innerText();
    assert.match(receipt, /\$84\.20/);
    assert.match(receipt, /1111/);
    await page.getByRole('button', { name: 'Print receipt' }).waitFor();
    await page.getByRole('button', { name: 'Create an account' }).waitFor();
    assert.deepEqual(problems, []);

    const payments = await (await fetch(`http://localhost:${SANDBOX_PORT}/__sandbox/payments?account=100200300`)).json();
    assert.equal(payments.length, 1);
    assert.equal(payments[0].amountCents, 8420);
    assert.equal(payments[0].status, 'approved');
  });
});
