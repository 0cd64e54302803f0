/**
 * `<ic-bills>` imported on its own: paying — the pay form with the card and
 * bank form, the pay flow with its exactly-once attempt, the review and the
 * receipt — is not part of it. It is fetched when Pay is pressed (or at once
 * when a kept attempt of the account awaits its answer). Real stack; no other
 * element module here, and the dev server serves each module as a file of
 * its own, so the page's resource timings show when the pay flow was fetched.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/ic-bills/ic-bills.ts';
import type { IcBills } from '../../src/elements/ic-bills/ic-bills.ts';
import { ATTEMPT_KEY_PREFIX } from '../../src/payments/attempt-store.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { BillsHarness } from './helpers/harness/bills.ts';
import { fault } from './helpers/sandbox.ts';
import { keptAttempt } from './helpers/attempts.ts';

const ACCOUNT = '100200301';
const fetched = (module: string) => performance.getEntriesByType('resource').some((e) => e.name.includes(module));

describe('the steps of paying, with <ic-bills> imported alone', function () {
  this.timeout(20000);
  let endpoint: string;
  let token: string;

  before(async () => {
    ({ endpoint } = await testStack());
  });

  beforeEach(async () => {
    await resetSandbox();
    sessionStorage.clear();
    token = await signIn(USERS.john);
  });

  const mount = async () =>
    new BillsHarness(
      await fixture<IcBills>(html`<ic-bills endpoint=${endpoint} token=${token} account-number=${ACCOUNT} lang="en"></ic-bills>`),
    );

  it('come when Pay is pressed, and a payment goes through them once', async () => {
    const h = await mount();
    await h.loaded();
    expect(fetched('/src/payments/pay-flow.ts'), 'the pay flow is not loaded with the bills').to.equal(false);
    expect(customElements.get('ic-payment-method-form'), 'nor the card form').to.equal(undefined);
    await expect(h.el).to.be.accessible();

    await h.toPay();
    expect(fetched('/src/payments/pay-flow.ts')).to.equal(true);
    expect(customElements.get('ic-payment-method-form')).to.not.equal(undefined);
    await expect(h.el).to.be.accessible();

    // The default saved Visa is chosen: continue, review, pay.
    h.button('Continue').click();
    await h.waitForHeading('Review your payment');
    expect(h.text()).to.contain('Visa ending in 1111');
    h.button('Pay $142.75').click();
    await h.waitForHeading('Payment received');
    const payments = (await sandbox<{ invoiceNumber: string; status: string }[]>(`/__sandbox/payments?account=${ACCOUNT}`)).body;
    expect(payments.filter((p) => p.invoiceNumber === 'INV-2001').map((p) => p.status)).to.deep.equal(['approved']);
  });

  it('a kept attempt of the account (a reload mid-payment) brings them at once and is asked about', async () => {
    const record = keptAttempt('', { accountNumber: ACCOUNT, invoiceNumber: 'INV-2001', amountCents: 14275 });
    sessionStorage.setItem(`${ATTEMPT_KEY_PREFIX}${ACCOUNT}`, JSON.stringify(record));
    // The bills arrive after the attempt's answer: their arrival must not take that answer off the screen.
    await fault({ operation: 'RetrievePayments', latencyMs: 1500, times: 1 });
    const h = await mount();
    // The broker never saw this key: nothing was charged.
    expect(await h.alert()).to.contain('Your payment did not go through and you were not charged. You can try again.');
    expect(sessionStorage.getItem(`${ATTEMPT_KEY_PREFIX}${ACCOUNT}`)).to.equal(null);
    await h.loaded();
    expect(h.alertText()).to.contain('you were not charged');
    await expect(h.el).to.be.accessible();
  });
});
