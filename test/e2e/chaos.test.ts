/**
 * Exactly once, under chaos: the real `npm start` stack in Chromium, a guest
 * payment and a signed-in bill payment each put through what goes wrong in
 * real life — 20 rapid taps on Pay, Enter held down, InvoiceCloud timing out
 * three times (the charge, then two look-ups of it), a reload while the
 * payment is in flight, the same bill paid from two tabs. Each intent ends
 * with exactly one payment in the sandbox, and the payer sees the receipt (or,
 * in the second tab, that the bill is already paid or its payment is still
 * being confirmed).
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { until } from '../support/until.ts';
import { fillCard, useDemo } from './npm-start.ts';

interface Flow {
  name: string;
  account: string;
  invoice: string;
  pay: string;
  /** The InvoiceCloud operation that charges. */
  charge: string;
  element: (page: Page) => Locator;
  /** Opens the page and walks to the review step. */
  toReview: (page: Page) => Promise<void>;
}

describe('chaos: every payment happens exactly once', { timeout: 600_000 }, () => {
  // A short InvoiceCloud deadline, so timeouts happen in seconds.
  const demo = useDemo(5383, 5384, { IC_TIMEOUT_MS: '1500' });
  const fault = (spec: Record<string, unknown>) => demo.fault(spec);
  const approved = async (f: Flow) =>
    (await demo.payments(f.account)).filter(
      (p: { invoiceNumber: string; status: string }) => p.invoiceNumber === f.invoice && p.status === 'approved',
    );
  /** Until InvoiceCloud has received the charge (so the broker surely has the attempt). */
  const charging = (f: Flow) =>
    until(
      `${f.charge} to reach InvoiceCloud`,
      async () => ((await demo.calls()).some((c) => c.operation === f.charge) ? true : undefined),
      5_000,
    );

  const guest: Flow = {
    name: 'guest payment',
    account: '100200300',
    invoice: 'INV-1001',
    pay: 'Pay $84.20',
    charge: 'InvoicePayWithoutSavedMethod',
    element: (page) => page.locator('ic-one-time-pay'),
    async toReview(page) {
      await page.goto(`${demo.url}/`);
      await page.getByLabel('Account number').fill('100200300');
      await page.getByLabel('Last name').fill('Doe');
      await page.getByRole('button', { name: 'Find my bill' }).click();
      await page.getByLabel('Amount to pay').waitFor();
      await page.getByRole('button', { name: 'Continue' }).click();
      await fillCard(page, 'Jane Doe');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: 'Review your payment' }).waitFor();
    },
  };

  const bill: Flow = {
    name: 'bill payment (signed in)',
    account: '100200301',
    invoice: 'INV-2001',
    pay: 'Pay $142.75',
    charge: 'InvoicePayWithSavedMethod',
    element: (page) => page.locator('ic-bills'),
    async toReview(page) {
      await page.goto(`${demo.url}/portal.html`);
      await page.getByLabel('Email', { exact: true }).fill('john.smith@example.com');
      await page.getByLabel('Password', { exact: true }).fill('meter-demo-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const bills = page.locator('ic-bills');
      await bills.getByRole('button', { name: 'Pay', exact: true }).click();
      await bills.getByRole('radio', { name: /Visa ending in 1111/ }).waitFor();
      await bills.getByRole('button', { name: 'Continue' }).click();
      await bills.getByRole('heading', { name: 'Review your payment' }).waitFor();
    },
  };

  for (const f of [guest, bill]) {
    describe(f.name, () => {
      beforeEach(() => demo.reset());

      const receipt = (page: Page, timeout = 30_000) =>
        f.element(page).getByRole('heading', { name: 'Payment received' }).waitFor({ timeout });

      it('20 rapid taps on Pay: one payment, one receipt', async () => {
        const { page, problems } = await demo.page();
        await f.toReview(page);
        // Slow enough that every tap lands while the first is still out.
        await fault({ operation: f.charge, latencyMs: 800, times: 1 });
        const box = (await f.element(page).getByRole('button', { name: f.pay }).boundingBox())!;
        for (let i = 0; i < 20; i++) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        await receipt(page);
        assert.equal((await approved(f)).length, 1);
        assert.deepEqual(problems, []);
      });

      it('Enter held down on Pay: one payment, one receipt', async () => {
        const { page, problems } = await demo.page();
        await f.toReview(page);
        await fault({ operation: f.charge, latencyMs: 800, times: 1 });
        await f.element(page).getByRole('button', { name: f.pay }).focus();
        // A held key: one keydown, then auto-repeats.
        for (let i = 0; i < 20; i++) await page.keyboard.down('Enter');
        await page.keyboard.up('Enter');
        await receipt(page);
        assert.equal((await approved(f)).length, 1);
        assert.deepEqual(problems, []);
      });

      it('three upstream timeouts — the charge, then two look-ups of it — resolve by reconciliation: "confirming", then one payment and the receipt', async () => {
        const { page, problems } = await demo.page();
        await f.toReview(page);
        // The charge goes through after the broker stopped waiting; the first two look-ups for it time out too.
        await fault({ operation: f.charge, latencyMs: 2500, times: 1 });
        await fault({ operation: 'RetrievePayments', latencyMs: 2500, times: 2 });
        await f.element(page).getByRole('button', { name: f.pay }).click();
        await f.element(page).getByRole('heading', { name: 'Confirming your payment' }).waitFor();
        await f.element(page).getByText('Do not pay again').waitFor();
        await receipt(page, 60_000);
        assert.equal((await approved(f)).length, 1);
        const calls = await demo.calls();
        assert.equal(calls.filter((c) => c.operation === f.charge).length, 1, 'the charge was never sent again');
        assert.deepEqual(problems, []);
      });

      it('a reload while the payment is in flight: the page asks about the same payment and shows its receipt; one payment', async () => {
        const { page } = await demo.page();
        await f.toReview(page);
        await fault({ operation: f.charge, latencyMs: 2500, times: 1 });
        await f.element(page).getByRole('button', { name: f.pay }).click();
        await charging(f);
        await page.reload();
        await receipt(page, 60_000);
        assert.equal((await approved(f)).length, 1);
        const calls = await demo.calls();
        assert.equal(calls.filter((c) => c.operation === f.charge).length, 1);
      });

      it('the same bill paid from two tabs at once: one payment; the other tab says the bill is already paid, or being confirmed', async () => {
        const one = await demo.page();
        const two = await demo.page();
        await f.toReview(one.page);
        await f.toReview(two.page);
        await Promise.all([one.page, two.page].map((p) => f.element(p).getByRole('button', { name: f.pay }).click()));
        // The second arrives while the first is out (the bill's one open attempt: "being confirmed") or after it (paid).
        const outcome = (p: Page) =>
          Promise.race([
            receipt(p).then(() => 'receipt'),
            f
              .element(p)
              .getByText('This bill cannot be paid online right now. It may already be paid.')
              .waitFor({ timeout: 30_000 })
              .then(() => 'refused'),
            f
              .element(p)
              .getByRole('alert')
              .getByText(/is still being confirmed/)
              .waitFor({ timeout: 30_000 })
              .then(() => 'refused'),
          ]);
        assert.deepEqual((await Promise.all([outcome(one.page), outcome(two.page)])).sort(), ['receipt', 'refused']);
        assert.equal((await approved(f)).length, 1);
      });
    });
  }
});
