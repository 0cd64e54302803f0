/**
 * The guest page of `npm start`, driven like a person would: Chromium opens
 * it, a guest finds bill INV-1001 and pays it by card.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fillCard, startDemo, type Demo } from './npm-start.ts';

describe('npm start: guest payment, end to end', { timeout: 180_000 }, () => {
  let demo: Demo;
  before(async () => {
    demo = await startDemo(5273, 5274);
  });
  after(() => demo.stop());

  it('prints the demo and sandbox URLs', () => {
    assert.ok(demo.output().includes(`Demo:    ${demo.url}/`));
    assert.ok(demo.output().includes(`Sandbox: ${demo.sandboxUrl}`));
  });

  it('lets a guest find bill INV-1001 and pay it by card, under the strict CSP, with a receipt', async () => {
    const { page, problems } = await demo.page();
    const res = await page.goto(`${demo.url}/`);
    assert.match(res!.headers()['content-security-policy'] ?? '', /default-src 'self'/);

    await page.getByLabel('Account number').fill('100200300');
    await page.getByLabel('Last name').fill('Doe');
    await page.getByRole('button', { name: 'Find my bill' }).click();

    const amount = page.getByLabel('Amount to pay');
    await amount.waitFor();
    assert.equal(await amount.inputValue(), '84.20');
    await page.getByText('INV-1001').first().waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    await fillCard(page, 'Jane Doe');
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

    const payments = await (await fetch(`${demo.sandboxUrl}/__sandbox/payments?account=100200300`)).json();
    assert.equal(payments.length, 1);
    assert.equal(payments[0].amountCents, 8420);
    assert.equal(payments[0].status, 'approved');
  });
});
