/**
 * The React 19 and Vue 3 example pages of `npm start` (built by vite from the
 * package's bundler build): in each, a guest pays a bill and the page's own
 * code hears the event; a signed-in user flips AutoPay, with the token and
 * account number set as properties by the framework.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fillCard, useDemo } from './npm-start.ts';

describe('npm start: the elements in React and Vue pages', { timeout: 240_000 }, () => {
  const demo = useDemo(5413, 5414);
  const payments = (n: string) => demo.payments(n);
  const account = (n: string) => demo.account(n);

  async function payAsGuest(page: Page, accountNumber: string, lastName: string, amount: string) {
    const pay = page.locator('ic-one-time-pay');
    await pay.getByLabel('Account number').fill(accountNumber);
    await pay.getByLabel('Last name').fill(lastName);
    await pay.getByRole('button', { name: 'Find my bill' }).click();
    await pay.getByLabel('Amount to pay').waitFor();
    assert.equal(await pay.getByLabel('Amount to pay').inputValue(), amount);
    await pay.getByRole('button', { name: 'Continue' }).click();
    await fillCard(pay, `Pat ${lastName}`);
    await pay.getByRole('button', { name: 'Continue' }).click();
    await pay.getByRole('button', { name: `Pay $${amount}` }).click();
    await pay.getByRole('heading', { name: 'Payment received' }).waitFor({ timeout: 15_000 });
    // The confirmation number the element's receipt shows, for what the host page says.
    const receipt = await pay.locator('[part~="receipt"]').first().innerText();
    return receipt.match(/\bIC-[A-Z0-9]+\b/)![0];
  }

  /** Signs John in on the page and flips AutoPay; returns the state it now shows and the broker's. */
  async function signInAndFlipAutopay(page: Page, framework: string) {
    const section = page.getByRole('region', { name: 'AutoPay for account 100200301' });
    await section.getByLabel('Email').fill('john.smith@example.com');
    await section.getByLabel('Password').fill('meter-demo-1');
    await section.getByRole('button', { name: 'Sign in' }).click();
    const toggle = section.locator('ic-autopay-toggle').getByRole('switch', { name: 'AutoPay' });
    // Read the state once the account has loaded: its description names the card.
    await section.getByText(/^(AutoPay charges|Turning AutoPay on will charge) Visa ending in 1111/).waitFor();
    const on = !(await toggle.isChecked());
    await toggle.click();
    await page.getByText(`${framework} heard: AutoPay is ${on ? 'on' : 'off'}.`).waitFor();
    assert.equal((await account('100200301')).autopay.enabled, on);
  }

  // Each page pays its own guest bill, so the two are independent; each flips AutoPay from wherever it is.
  const pages = [
    {
      framework: 'React',
      version: 'React 19',
      path: '/react/',
      bill: 'INV-1001',
      account: '100200300',
      lastName: 'Doe',
      amount: '84.20',
      cents: 8420,
    },
    {
      framework: 'Vue',
      version: 'Vue 3',
      path: '/vue/',
      bill: 'INV-3001',
      account: '100200303',
      lastName: 'Garcia',
      amount: '56.00',
      cents: 5600,
    },
  ];
  for (const f of pages) {
    it(`${f.version}: a guest pays ${f.bill} and the page hears ic-payment-succeeded; John flips AutoPay`, async () => {
      const { page, problems } = await demo.page();
      const res = await page.goto(`${demo.url}${f.path}`);
      assert.match(res!.headers()['content-security-policy'] ?? '', /default-src 'self'/);
      await page.getByRole('heading', { name: `ic-widgets in ${f.version}` }).waitFor();

      const confirmation = await payAsGuest(page, f.account, f.lastName, f.amount);
      assert.deepEqual(
        (await payments(f.account)).map((p: { amountCents: number; status: string }) => [p.amountCents, p.status]),
        [[f.cents, 'approved']],
      );
      await page.getByText(`${f.framework} heard: paid $${f.amount}, confirmation ${confirmation}.`).waitFor();

      await signInAndFlipAutopay(page, f.framework);
      assert.deepEqual(problems, []);
    });
  }
});
