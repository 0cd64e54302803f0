/**
 * When what an element loads on demand cannot be fetched (the dev server
 * answers its module 503 once, by the 'ic-fail-next' command): the payer is
 * told to reload, nothing else happens, and the host hears `ic-error` with
 * `load_failed`. Chromium keeps a failed module for the page's life, which is
 * why the words say reload rather than try again. Elements imported alone;
 * real stack.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/elements/ic-bills/ic-bills.ts';
import type { IcBills } from '../../src/elements/ic-bills/ic-bills.ts';
import '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import type { IcOneTimePay } from '../../src/elements/ic-one-time-pay/ic-one-time-pay.ts';
import { resetSandbox, sandbox, signIn, testStack, USERS } from '../support/browser-stack.ts';
import { BillsHarness } from './helpers/harness/bills.ts';
import { OneTimePayHarness } from './helpers/harness/one-time-pay.ts';

const RELOAD = 'Part of this page did not load. Check your internet connection, then reload the page.';

describe('what an element loads on demand, when it cannot be fetched', function () {
  this.timeout(20000);
  let endpoint: string;

  before(async () => {
    ({ endpoint } = await testStack());
    await resetSandbox();
  });

  it('<ic-one-time-pay>: the look-up says to reload and stays where it is', async () => {
    await executeServerCommand('ic-fail-next', { path: '/src/elements/ic-one-time-pay/guest-steps.ts' });
    const h = new OneTimePayHarness(await fixture<IcOneTimePay>(html`<ic-one-time-pay endpoint=${endpoint} lang="en"></ic-one-time-pay>`));
    await h.findBillExpectingReload();
  });

  it('<ic-bills>: Pay says to reload, and the bills stay on screen', async () => {
    await executeServerCommand('ic-fail-next', { path: '/src/elements/ic-bills/bill-steps.ts' });
    const token = await signIn(USERS.john);
    const h = new BillsHarness(
      await fixture<IcBills>(html`<ic-bills endpoint=${endpoint} token=${token} account-number="100200301" lang="en"></ic-bills>`),
    );
    await h.loaded();
    const error = oneEvent(h.el, 'ic-error');
    h.payButton().click();
    expect((await error).detail).to.include({ code: 'load_failed', message: RELOAD });
    await h.el.updateComplete;
    expect(h.alertText()).to.equal(RELOAD);
    expect(h.heading()).to.equal('Account 100200301');
    expect(h.payButton().disabled).to.equal(false);
    await expect(h.el).to.be.accessible();
    const calls = (await sandbox<string[]>('/__sandbox/calls')).body;
    expect(JSON.stringify(calls)).to.not.contain('InvoicePay');
  });
});
