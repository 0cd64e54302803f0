/**
 * The guest page of `npm start`, driven like a person would: Chromium opens
 * it, a guest finds bill INV-1001 and pays it by card; another pays Maria's
 * bill and takes the receipt's offer to create an account, through the host's
 * own sign-up, into the portal.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillCard, useDemo } from './npm-start.ts';

describe('npm start: guest payment, end to end', { timeout: 180_000 }, () => {
  const demo = useDemo(5273, 5274);

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

    const payments = await demo.payments('100200300');
    assert.equal(payments.length, 1);
    assert.equal(payments[0].amountCents, 8420);
    assert.equal(payments[0].status, 'approved');
  });

  it("the register offer: a guest pays Maria's bill, creates an account from the receipt as a new host user, and lands signed in on the portal", async () => {
    const { page, problems } = await demo.page();
    await page.goto(`${demo.url}/`);
    await page.getByLabel('Account number').fill('100200303');
    await page.getByLabel('Last name').fill('Garcia');
    await page.getByRole('button', { name: 'Find my bill' }).click();
    await page.getByText('INV-3001').first().waitFor();
    assert.equal(await page.getByLabel('Amount to pay').inputValue(), '56.00');
    await page.getByRole('button', { name: 'Continue' }).click();
    await fillCard(page, 'Maria Garcia');
    await page.getByLabel('Email for your receipt (optional)').fill('maria.g@example.org');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Pay $56.00' }).click();
    await page.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 15_000 });
    await demo.clearCalls();

    // The host's own sign-up, prefilled from the offer: an email neither the demo host nor InvoiceCloud knows.
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByRole('heading', { name: 'Create your online account' }).waitFor();
    assert.equal(await page.getByLabel('Account number').inputValue(), '100200303');
    assert.equal(await page.getByLabel('Email').inputValue(), 'maria.g@example.org');
    await page.getByLabel('Your name').fill('Maria Garcia');
    await page.getByLabel(/^Password/).fill('maria-g-pass-7');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Welcome, Maria Garcia' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/portal.html');
    await page.locator('ic-bills').getByRole('heading', { name: 'Account 100200303' }).waitFor();
    assert.deepEqual(
      await page
        .getByRole('combobox', { name: 'Account' })
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      ['100200303'],
    );

    // Seed, User Registration, "account does exist and is not registered": Register Accounts under a new login named by her email.
    const calls = await demo.calls();
    const identity = calls.filter((c) =>
      ['RetrieveUsers', 'CreateCustomerRecord', 'RegisterAccounts', 'RemoteAuthentication'].includes(c.operation),
    );
    assert.deepEqual(
      identity.map((c) => [c.operation, c.accountNumber]),
      [
        ['RetrieveUsers', '100200303'],
        ['RegisterAccounts', '100200303'],
        ['RemoteAuthentication', '100200303'],
      ],
    );
    assert.deepEqual(
      calls.slice(0, 3).map((c) => c.operation),
      ['RetrieveUsers', 'RegisterAccounts', 'RemoteAuthentication'],
      'before anything the portal asks',
    );
    const login = await demo.login('maria.g@example.org');
    assert.deepEqual([login.email, login.accountNumbers], ['maria.g@example.org', ['100200303']]);
    assert.equal((await demo.account('100200303')).registered, true);

    // A host user now: signing out and in again with the new password works.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email', { exact: true }).fill('maria.g@example.org');
    await page.getByLabel('Password', { exact: true }).fill('maria-g-pass-7');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Welcome, Maria Garcia' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
