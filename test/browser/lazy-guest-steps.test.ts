/**
 * `<ic-one-time-pay>` imported on its own: what follows the look-up — the pay
 * flow with its exactly-once attempt, the card and bank form, the review and
 * the receipt — is not part of it. It is fetched with the look-up (or at once
 * when a kept attempt awaits its answer). Real stack; no other element module
 * here, and the dev server serves each module as a file of its own, so the
 * page's resource timings show when the pay flow's module was fetched.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { BrokerClient } from '../../src/client/index.ts';
import '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import type { IcOneTimePay } from '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import { ATTEMPT_STORAGE_KEY } from '../../src/payments/attempt-store.ts';
import { resetSandbox, sandbox, testStack } from '../support/browser-stack.ts';
import { OneTimePayHarness } from './helpers/harness/one-time-pay.ts';
import { keptAttempt } from './helpers/attempts.ts';

const TAG = 'ic-payment-method-form';
const fetched = (module: string) => performance.getEntriesByType('resource').some((e) => e.name.includes(module));

describe('the steps after the look-up, with <ic-one-time-pay> imported alone', function () {
  this.timeout(20000);
  let endpoint: string;

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    sessionStorage.clear();
  });

  it('come with the look-up, and a payment goes through them once', async () => {
    const h = new OneTimePayHarness(await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay>`));
    expect(fetched('/src/payments/pay-flow.ts'), 'the pay flow is not loaded with the element').to.equal(false);
    expect(customElements.get(TAG), 'nor the card form').to.equal(undefined);
    await expect(h.el).to.be.accessible();

    await h.findBill();
    expect(fetched('/src/payments/pay-flow.ts')).to.equal(true);
    expect(customElements.get(TAG)).to.not.equal(undefined);

    h.button('Continue').click();
    await h.waitForHeading('Payment method');
    await h.enterMethod({ card: '4111111111111111' });
    h.button('Continue').click();
    await h.waitForHeading('Review your payment');
    expect(h.text()).to.contain('Visa ending in 1111');
    h.button('Pay $84.20').click();
    await h.waitForHeading('Payment received');
    await expect(h.el).to.be.accessible();
    const payments = (await sandbox<{ status: string }[]>('/__sandbox/payments?account=100200300')).body;
    expect(payments.map((p) => p.status)).to.deep.equal(['approved']);
  });

  it('a kept attempt (a reload mid-payment) brings them at once and is asked about, with no look-up', async () => {
    const { lookupToken } = await new BrokerClient({ baseUrl: endpoint }).lookupAccount({ accountNumber: '100200300', lastName: 'Doe' });
    sessionStorage.setItem(ATTEMPT_STORAGE_KEY, JSON.stringify(keptAttempt(lookupToken)));
    const h = new OneTimePayHarness(await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay>`));
    // The broker never saw this key: nothing was charged, and the payer may start again.
    expect(await h.alert()).to.contain('Your payment did not go through and you were not charged. You can try again.');
    expect(sessionStorage.getItem(ATTEMPT_STORAGE_KEY)).to.equal(null);
    await expect(h.el).to.be.accessible();
  });
});
